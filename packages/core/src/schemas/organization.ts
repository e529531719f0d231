import { z } from 'zod';
import { MIN_ANONYMITY_THRESHOLD } from '../listening/questions.js';
import { idSchema, keyText, nameSchema } from './common.js';

export const organizationSchema = z.object({
  id: idSchema,
  name: z.string(),
  timeZone: z.string(),
  /** k: anonymous answers are shown only when at least this many people answered. */
  anonymityThreshold: z.number().int(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const organizationUpdateInputSchema = z
  .strictObject({
    name: nameSchema.optional(),
    timeZone: keyText()
      .max(64)
      .refine(isTimeZone, 'Must be an IANA time zone such as Europe/Berlin.')
      .optional(),
    anonymityThreshold: z
      .number()
      .int('Must be a whole number.')
      .min(
        MIN_ANONYMITY_THRESHOLD,
        `Must be at least ${MIN_ANONYMITY_THRESHOLD}: fewer answers could identify their authors.`,
      )
      .max(50, 'Must be at most 50.')
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one of: name, timeZone, anonymityThreshold.');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
