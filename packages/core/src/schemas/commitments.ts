import { z } from 'zod';
import { localDateSchema, scheduleSchema } from '../commitments/schedule-schema.js';
import { idSchema, textField, timestampSchema } from './common.js';

export const messageSchema = z.object({
  id: idSchema,
  body: z.string(),
  authorName: z.string(),
  publishedAt: timestampSchema,
});
export type Message = z.infer<typeof messageSchema>;
export const messageListSchema = z.object({ messages: z.array(messageSchema) });
export const messageInputSchema = z.strictObject({ body: textField(20_000) });

export const themeReasonInputSchema = z.strictObject({ reason: textField(2000) });

const witnessSchema = z.union([
  z.object({ saw: z.number().int(), didNotSee: z.number().int() }),
  z.literal('fewer than k'),
]);

export const reliabilitySchema = z.object({
  due: z.number().int(),
  kept: z.number().int(),
  missed: z.number().int(),
  keptShare: z.number().nullable(),
  onTimeShare: z.number().nullable(),
  confirmedShare: z.number().nullable(),
  currentStreak: z.number().int(),
  longestStreak: z.number().int(),
  strip: z.array(
    z.object({
      localDate: z.string(),
      dueAt: z.string(),
      state: z.enum(['kept', 'missed', 'pending']),
      confirmations: witnessSchema,
    }),
  ),
});
export type ReliabilityView = z.infer<typeof reliabilitySchema>;

export const occurrenceSchema = z.object({
  id: idSchema.nullable(),
  dueAt: timestampSchema,
  localDate: z.string(),
  /** upcoming: not due yet; pending: due, not yet recorded, within the grace period. */
  status: z.enum(['kept', 'missed', 'pending', 'upcoming']),
  note: z.string().nullable(),
  link: z.string().nullable(),
  recordedAt: timestampSchema.nullable(),
});
export type OccurrenceView = z.infer<typeof occurrenceSchema>;

export const commitmentSchema = z.object({
  id: idSchema,
  action: z.string(),
  evidence: z.string(),
  schedule: scheduleSchema,
  scheduleText: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  themeIds: z.array(idSchema),
  /** Set by the coach's commitment check: what a reader could not yet observe. */
  missing: z.array(z.string()),
  vague: z.boolean(),
  retired: z.object({ at: timestampSchema, reason: z.string() }).nullable(),
  replacesId: idSchema.nullable(),
  record: reliabilitySchema,
  occurrences: z.array(occurrenceSchema),
});
export type CommitmentView = z.infer<typeof commitmentSchema>;

export const commitmentsViewSchema = z.object({
  commitments: z.array(commitmentSchema),
  coverage: z.object({
    themes: z.array(
      z.object({
        themeId: idSchema,
        name: z.string(),
        state: z.enum(['committed', 'reasoned', 'unanswered']),
        reason: z.string().nullable(),
      }),
    ),
    coverage: z.number().nullable(),
    canDemonstrate: z.boolean(),
  }),
  /** The whole repair's record, across its live and retired commitments. */
  record: reliabilitySchema,
});
export type CommitmentsView = z.infer<typeof commitmentsViewSchema>;

export const commitmentInputSchema = z.strictObject({
  action: textField(1000),
  evidence: textField(1000),
  schedule: scheduleSchema,
  startsOn: localDateSchema,
  endsOn: localDateSchema.optional(),
  themeIds: z.array(idSchema).max(100).default([]),
  /** When this commitment replaces a retired one. */
  replacesId: idSchema.optional(),
});
export type CommitmentInput = z.input<typeof commitmentInputSchema>;

export const retireInputSchema = z.strictObject({ reason: textField(2000) });

export const occurrenceInputSchema = z.strictObject({
  /** The due time being recorded; omit for an event commitment (it is logged as happening now). */
  dueAt: z.iso.datetime({ error: 'Must be an ISO date-time such as 2026-03-02T08:00:00Z.' }).optional(),
  status: z.enum(['kept', 'missed']),
  /** What was done, or for a miss: owning it in a sentence or two. */
  note: textField(2000),
  /** Shown to the team as a link: only web addresses, never javascript:, data: or file: URLs. */
  link: z
    .url({ protocol: /^https?$/, error: 'Must be a web address starting with https:// or http://.' })
    .max(2000, 'Must be at most 2000 characters.')
    .optional(),
});
