import { z } from 'zod';
import { TRUST_DIMENSIONS } from '../pulse/pulse-items.js';
import { pulseAbilitiesSchema } from './abilities.js';
import { base64url, linkSecretSchema } from './ballot.js';
import { commitmentsViewSchema } from './commitments.js';
import { idSchema, keyText, multiLineText, timestampSchema } from './common.js';
import { linkDeliverySchema, linksSentSchema } from './links.js';
import { dateSchema, repairStageSchema, repairSummarySchema } from './repairs.js';

const FEWER_THAN_K = z.literal('fewer than k');

export const trustDimensionSchema = z.enum(TRUST_DIMENSIONS);

/** How often a team's pulse goes out: every 1, 2 or 4 weeks, or null for the baseline only. */
export const pulseCadenceSchema = z
  .union([z.literal(1), z.literal(2), z.literal(4)], {
    error: 'Must be 1, 2 or 4 (weeks), or null to send only the baseline pulse when a repair opens.',
  })
  .nullable();

export const pulseSettingsInputSchema = z.strictObject({ everyWeeks: pulseCadenceSchema });

export const pulseSummarySchema = z.object({
  id: idSchema,
  kind: z.enum(['baseline', 'regular']),
  opensOn: dateSchema,
  closesOn: dateSchema,
  status: z.enum(['open', 'closed']),
  invited: z.number().int(),
  /** How many answered; below the threshold only "fewer than k". */
  answers: z.union([z.number().int(), FEWER_THAN_K]),
});
export type PulseSummary = z.infer<typeof pulseSummarySchema>;

export const teamPulseSchema = z.object({
  teamId: idSchema,
  everyWeeks: pulseCadenceSchema,
  nextOn: dateSchema.nullable(),
  threshold: z.number().int(),
  pulses: z.array(pulseSummarySchema),
  abilities: pulseAbilitiesSchema,
});
export type TeamPulse = z.infer<typeof teamPulseSchema>;

export const pulseOpenedSchema = z.object({ pulse: pulseSummarySchema, ...linksSentSchema.shape });

// --- Answering, through a personal link and an anonymous token (no account) ---

export const pulseInvitationInputSchema = z.strictObject({ link: linkSecretSchema });
export const pulseInvitationSchema = z.object({
  pulseId: idSchema,
  teamName: z.string(),
  leaderName: z.string(),
  items: z.array(z.object({ id: z.string(), dimension: trustDimensionSchema, text: z.string() })),
  freeText: z.object({ id: z.string(), text: z.string() }),
  scale: z.array(z.string()),
  closesOn: dateSchema,
  status: z.enum(['open', 'closed']),
  threshold: z.number().int(),
  /** The pulse's RSA public key (SPKI, DER, base64url) for RSABSSA-SHA384-PSS-Randomized. */
  publicKey: z.string(),
  /** True when this link (or another link of the same person) has already been used to obtain a token. */
  tokenIssued: z.boolean(),
  delivery: linkDeliverySchema,
});
export type PulseInvitation = z.infer<typeof pulseInvitationSchema>;

export const pulseIssueInputSchema = z.strictObject({
  link: linkSecretSchema,
  blindedMessage: base64url('blindedMessage', 2048),
});
export const pulseIssuedSchema = z.object({ blindSignature: z.string() });

export const pulseAnswerInputSchema = z.strictObject({
  pulseId: idSchema,
  token: base64url('token', 512),
  signature: base64url('signature', 2048),
  ratings: z
    .array(
      z.strictObject({
        itemId: keyText().max(80),
        value: z
          .number({ error: 'Must be a whole number from 1 to 7.' })
          .int('Must be a whole number from 1 to 7.')
          .min(1, 'Must be a whole number from 1 to 7.')
          .max(7, 'Must be a whole number from 1 to 7.'),
      }),
    )
    .min(1, 'Rate at least one statement.')
    .max(40),
  comment: multiLineText().max(2000, 'Must be at most 2,000 characters.').optional(),
});
export type PulseAnswerInput = z.infer<typeof pulseAnswerInputSchema>;

// --- Results: the trend and the recovery story ---

export const estimateSchema = z.object({
  mean: z.number(),
  low: z.number(),
  high: z.number(),
});
export const changeSchema = z.object({
  difference: z.number(),
  low: z.number(),
  high: z.number(),
  verdict: z.enum(['improvement', 'decline', 'no_clear_change']),
});
const dimensionRecord = <T extends z.ZodType>(value: T) =>
  z.object(
    Object.fromEntries(TRUST_DIMENSIONS.map((d) => [d, value])) as Record<
      (typeof TRUST_DIMENSIONS)[number],
      T
    >,
  );

export const trendPointSchema = z.object({
  from: dateSchema,
  to: dateSchema,
  pooled: z.boolean(),
  /** Never below the threshold: points with fewer answers are withheld. */
  answers: z.number().int(),
  overall: estimateSchema,
  dimensions: dimensionRecord(estimateSchema.nullable()),
  wordingChanged: z.array(trustDimensionSchema),
  /** True while one of its pulses is still taking answers: the numbers may still change. */
  open: z.boolean(),
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

export const pulseTrendSchema = z.object({
  mode: z.enum(['per_pulse', 'pooled']),
  threshold: z.number().int(),
  points: z.array(trendPointSchema),
  /** Pulses (or pooled groups) with fewer than k answers: only their dates. */
  withheld: z.array(
    z.object({
      from: dateSchema,
      to: dateSchema,
      answers: FEWER_THAN_K,
      /** Still taking answers until `closesOn` (it may yet reach k); otherwise closed with too few. */
      open: z.boolean(),
      closesOn: dateSchema,
    }),
  ),
  change: z.object({
    overall: changeSchema.nullable(),
    dimensions: dimensionRecord(changeSchema.nullable()),
  }),
  relapses: z.array(z.union([z.literal('overall'), trustDimensionSchema])),
  /** Free-text answers, only from points with k or more answers, in random order; null for readers who may not see them. */
  comments: z.array(z.object({ from: dateSchema, to: dateSchema, text: z.string() })).nullable(),
});
export type PulseTrend = z.infer<typeof pulseTrendSchema>;

export const recoveryEventSchema = z.object({
  on: dateSchema,
  kind: z.enum([
    'opened',
    'round_sent',
    'response_published',
    'commitment_started',
    'commitment_retired',
    'missed',
  ]),
  label: z.string(),
});
export type RecoveryEvent = z.infer<typeof recoveryEventSchema>;

export const recoveryViewSchema = z.object({
  repair: repairSummarySchema.extend({ description: z.string() }),
  threshold: z.number().int(),
  heard: z.object({
    /** Null until the listening round has k or more answers. */
    responseCount: z.number().int().nullable(),
    perspectiveGap: z.number().nullable(),
    questions: z.array(
      z.object({
        text: z.string(),
        /** The leader's forecast; null for readers who may not see what was said. */
        forecast: z.string().nullable(),
        gap: z.number().nullable(),
        missed: z.array(z.string()).nullable(),
      }),
    ),
  }),
  commitments: commitmentsViewSchema,
  pulse: pulseTrendSchema,
  events: z.array(recoveryEventSchema),
  generatedAt: timestampSchema,
});
export type RecoveryView = z.infer<typeof recoveryViewSchema>;

// --- The organisation overview, for facilitators and admins ---

export const overviewQuerySchema = z.strictObject({
  teamId: idSchema.optional(),
  stage: repairStageSchema.optional(),
});

export const overviewRowSchema = z.object({
  repair: repairSummarySchema,
  coverage: z.number().nullable(),
  reliability: z.object({
    due: z.number().int(),
    keptShare: z.number().nullable(),
    onTimeShare: z.number().nullable(),
    currentStreak: z.number().int(),
  }),
  trust: z.object({
    mode: z.enum(['per_pulse', 'pooled']),
    points: z.array(z.object({ to: dateSchema, mean: z.number(), low: z.number(), high: z.number() })),
    latest: estimateSchema.nullable(),
    change: changeSchema.nullable(),
  }),
  alerts: z.array(z.enum(['trust_relapse', 'missed_twice'])),
});
export type OverviewRow = z.infer<typeof overviewRowSchema>;

export const overviewSchema = z.object({
  threshold: z.number().int(),
  repairs: z.array(overviewRowSchema),
  totals: z.object({ repairs: z.number().int(), withAlerts: z.number().int() }),
});
export type Overview = z.infer<typeof overviewSchema>;
