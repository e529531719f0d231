import { z } from 'zod';
import { BREACH_KINDS, REPAIR_STAGES } from '../listening/questions.js';
import { repairAbilitiesSchema } from './abilities.js';
import { idSchema, keyText, multiLineText, nameSchema, textField, timestampSchema } from './common.js';
import { linksSentSchema } from './links.js';

export const breachKindSchema = z.enum(BREACH_KINDS);

/** One to five kinds of breach, each named once. */
export const breachKindsSchema = z
  .array(breachKindSchema)
  .min(1, 'Choose at least one kind of breach.')
  .max(5)
  .refine((kinds) => new Set(kinds).size === kinds.length, 'Choose each kind of breach once.');
export const repairStageSchema = z.enum(REPAIR_STAGES);

export const dateSchema = z.iso.date({ error: 'Must be a date in the form YYYY-MM-DD.' });

export const repairSummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  team: z.object({ id: idSchema, name: z.string() }),
  leader: z.object({ id: idSchema, name: z.string() }),
  stage: repairStageSchema,
  breachKinds: z.array(breachKindSchema),
  createdAt: timestampSchema,
});
export type RepairSummary = z.infer<typeof repairSummarySchema>;

export const repairListSchema = z.object({ repairs: z.array(repairSummarySchema) });

export const questionSchema = z.object({ id: z.string(), text: z.string() });
export type Question = z.infer<typeof questionSchema>;

/** Counts below the threshold are never given, only that there are fewer. */
export const responseCountSchema = z.object({
  threshold: z.number().int(),
  /** Null while fewer than `threshold` people have answered. */
  count: z.number().int().nullable(),
});

export const roundSchema = z.object({
  status: z.enum(['draft', 'open', 'closed']),
  questions: z.array(questionSchema),
  closesOn: dateSchema,
  /** Empty for those who may not read what the team said (facilitators): the leader's own words stay theirs. */
  forecast: z.record(z.string(), z.string()),
  forecastLocked: z.boolean(),
  invitedCount: z.number().int(),
  responses: responseCountSchema,
  /**
   * Personal links that have taken an answer token, and how many of their owners said it was not them: a leader or
   * admin who used someone's link shows up here.
   */
  links: z.object({
    /** Null while fewer than the threshold: like answers, a smaller count would tell who answered, one by one. */
    used: z.number().int().nullable(),
    reportedMisused: z.number().int(),
  }),
});
export type Round = z.infer<typeof roundSchema>;

export const repairSchema = repairSummarySchema.extend({
  description: z.string(),
  affected: z.array(z.object({ id: idSchema, name: z.string() })),
  nextStep: z.string(),
  round: roundSchema,
  abilities: repairAbilitiesSchema,
});
export type Repair = z.infer<typeof repairSchema>;

export const repairCreateInputSchema = z.strictObject({
  teamId: idSchema,
  title: nameSchema,
  description: textField(5000),
  breachKinds: breachKindsSchema,
  /** The people affected; omit for the whole team. */
  affectedIds: z
    .array(idSchema)
    .min(1, 'Choose at least one person, or omit the field for the whole team.')
    .max(1000)
    .optional(),
});
export type RepairCreateInput = z.input<typeof repairCreateInputSchema>;

export const repairUpdateInputSchema = z
  .strictObject({
    title: nameSchema.optional(),
    description: textField(5000).optional(),
    breachKinds: breachKindsSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one of: title, description, breachKinds.');

export const roundUpdateInputSchema = z.strictObject({
  questions: z
    .array(
      z.strictObject({
        id: keyText()
          .regex(/^[a-z0-9-]{1,40}$/, 'Use lower-case letters, digits and dashes.')
          .optional(),
        text: textField(500),
      }),
    )
    .min(1, 'Ask at least one question.')
    .max(10, 'Ask at most 10 questions.')
    .check((ctx) => {
      const first = new Map<string, number>();
      ctx.value.forEach((question, index) => {
        if (question.id === undefined) return;
        const earlier = first.get(question.id);
        if (earlier === undefined) first.set(question.id, index);
        else
          ctx.issues.push({
            code: 'custom',
            input: question.id,
            path: [index, 'id'],
            message: `Question ${index + 1} has the same id as question ${earlier + 1} ("${question.id}"); give each question its own id, or leave it out.`,
          });
      });
    }),
  closesOn: dateSchema,
});
export type RoundUpdateInput = z.input<typeof roundUpdateInputSchema>;

export const forecastInputSchema = z.strictObject({
  forecast: z.record(keyText().max(40), multiLineText().max(5000, 'Must be at most 5000 characters.')),
});

export const roundOpenedSchema = linksSentSchema;
