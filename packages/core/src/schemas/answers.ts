import { z } from 'zod';
import { idSchema, lineField, multiLineText, textField } from './common.js';
import { dateSchema, questionSchema } from './repairs.js';

export const followUpSchema = z.object({
  from: z.enum(['leader', 'author']),
  text: z.string(),
  createdOn: dateSchema,
});

export const revealedAnswerSchema = z.object({
  id: idSchema,
  text: z.string(),
  /** Set only when the author chose to answer with their name. */
  authorName: z.string().nullable(),
  answeredOn: dateSchema,
  followUps: z.array(followUpSchema),
});
export type RevealedAnswer = z.infer<typeof revealedAnswerSchema>;

export const answersViewSchema = z.object({
  threshold: z.number().int(),
  /** Null while fewer than `threshold` people have answered. */
  responseCount: z.number().int().nullable(),
  questions: z.array(
    questionSchema.extend({
      forecast: z.string(),
      /** Null while this question has fewer than `threshold` answers; otherwise in random order. */
      answers: z.array(revealedAnswerSchema).nullable(),
      gap: z.number().nullable(),
      missed: z.array(z.string()),
    }),
  ),
  perspectiveGap: z.number().nullable(),
});
export type AnswersView = z.infer<typeof answersViewSchema>;

export const followUpInputSchema = z.strictObject({ text: textField(2000) });

export const themeSchema = z.object({
  id: idSchema,
  name: z.string(),
  need: z.string(),
  acknowledgement: z.string(),
  answerIds: z.array(idSchema),
});
export type Theme = z.infer<typeof themeSchema>;

export const themeSuggestionSchema = z.object({
  label: z.string(),
  terms: z.array(z.string()),
  answerIds: z.array(idSchema),
});

export const themesViewSchema = z.object({
  themes: z.array(themeSchema),
  suggestions: z.array(themeSuggestionSchema),
});

export const themeInputSchema = z.strictObject({
  name: lineField(120),
  need: textField(1000),
  acknowledgement: multiLineText().max(2000, 'Must be at most 2000 characters.').default(''),
  answerIds: z.array(idSchema).max(1000).default([]),
});
export const themeUpdateInputSchema = z
  .strictObject({
    name: lineField(120).optional(),
    need: textField(1000).optional(),
    acknowledgement: multiLineText().max(2000, 'Must be at most 2000 characters.').optional(),
    answerIds: z.array(idSchema).max(1000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
