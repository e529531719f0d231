import { z } from 'zod';
import { COACH_CATEGORIES, COACH_CONTEXTS } from '../coach/types.js';
import { BREACH_KINDS } from '../listening/questions.js';
import { multiLineText } from './common.js';

/** The longest text the API analyses: about 15,000 words, far beyond any message to a team. */
export const COACH_TEXT_MAX_LENGTH = 100_000;

export const coachAnalyzeInputSchema = z.strictObject({
  text: multiLineText()
    .max(COACH_TEXT_MAX_LENGTH, `Must be at most ${COACH_TEXT_MAX_LENGTH} characters.`)
    .describe(
      `The draft to analyse, at most ${COACH_TEXT_MAX_LENGTH} characters (and a request body of 256 KiB).`,
    ),
  breachKinds: z
    .array(z.enum(BREACH_KINDS))
    .max(5)
    .refine((kinds) => new Set(kinds).size === kinds.length, 'Choose each kind of breach once.')
    .optional(),
  context: z
    .enum(COACH_CONTEXTS)
    .optional()
    .describe(
      'Where the text is written (default response): forecast, acknowledgement, follow_up, commitment, missed_note.',
    ),
});
export type CoachAnalyzeInput = z.infer<typeof coachAnalyzeInputSchema>;

export const coachFindingSchema = z.object({
  category: z.enum(COACH_CATEGORIES),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  message: z.string(),
  suggestion: z.string().optional(),
  kind: z.enum(['defensive', 'repair']),
});

export const coachAnalysisSchema = z.object({
  findings: z.array(coachFindingSchema),
  summary: z.object({
    language: z.enum(['en', 'unsupported']),
    supported: z.boolean(),
    notice: z.string().optional(),
    counts: z.record(z.enum(COACH_CATEGORIES), z.number().int()),
    defensiveCount: z.number().int(),
    repairCount: z.number().int(),
    apology: z.object({
      present: z.array(z.string()),
      missing: z.array(z.string()),
      score: z.number(),
    }),
    explainShare: z.number(),
    listenShare: z.number(),
    sentenceCount: z.number().int(),
    wordCount: z.number().int(),
    nextSteps: z.array(z.object({ priority: z.number().int(), text: z.string() })),
  }),
});
