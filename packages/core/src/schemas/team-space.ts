import { z } from 'zod';
import { linkSecretSchema } from './ballot.js';
import { messageSchema, occurrenceSchema, reliabilitySchema } from './commitments.js';
import { idSchema } from './common.js';
import { linksSentSchema } from './links.js';
import { pulseTrendSchema } from './pulses.js';
import { repairStageSchema } from './repairs.js';

export const teamLinksSchema = linksSentSchema;

/** Who has a working team-space link: for the leader's panel; links themselves are never listed. */
export const teamLinkStatusSchema = z.object({
  people: z.array(
    z.object({
      personId: idSchema,
      name: z.string(),
      state: z.enum(['active', 'revoked', 'none']),
      issuedAt: z.string().nullable(),
    }),
  ),
});
export type TeamLinkStatus = z.infer<typeof teamLinkStatusSchema>;

export const teamSpaceInputSchema = z.strictObject({ link: linkSecretSchema });

/** What a team member sees through their link: never individual answers, never who said what. */
export const teamSpaceSchema = z.object({
  repairTitle: z.string(),
  teamName: z.string(),
  leaderName: z.string(),
  stage: repairStageSchema,
  description: z.string(),
  /** The organisation's anonymity threshold: witness totals are shown only at this many answers or more. */
  threshold: z.number().int(),
  messages: z.array(messageSchema),
  themes: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      need: z.string(),
      acknowledgement: z.string(),
      state: z.enum(['committed', 'reasoned', 'unanswered']),
      reason: z.string().nullable(),
    }),
  ),
  commitments: z.array(
    z.object({
      id: idSchema,
      action: z.string(),
      evidence: z.string(),
      scheduleText: z.string(),
      themeIds: z.array(idSchema),
      themeNames: z.array(z.string()),
      retired: z.object({ at: z.string(), reason: z.string() }).nullable(),
      record: reliabilitySchema,
      occurrences: z.array(occurrenceSchema),
    }),
  ),
  record: reliabilitySchema,
  /** The team's trust pulse since the repair opened: numbers at k answers or more, never the comments. */
  pulse: pulseTrendSchema,
});
export type TeamSpace = z.infer<typeof teamSpaceSchema>;
