import { z } from 'zod';
import { isValidEmail, normalizeEmail } from '../email.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy.js';
import { NAME_MAX_LENGTH } from '../people-import.js';
import { ROLES } from '../roles.js';

export const idSchema = z.uuid({ error: 'Must be an id in UUID form, as returned by the API.' });

export const nameSchema = z
  .string()
  .trim()
  .min(1, 'Must not be empty.')
  .max(NAME_MAX_LENGTH, `Must be at most ${NAME_MAX_LENGTH} characters.`);

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'Must be at most 254 characters.')
  .transform(normalizeEmail)
  .refine(isValidEmail, 'Must be an email address such as name@example.org.');

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Must be at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Must be at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((p) => p.trim().length > 0, 'Must not be only spaces.');

export const roleSchema = z.enum(ROLES);

export const timestampSchema = z.string().describe('ISO 8601 date-time in UTC');

/** RFC 9457 problem details, as every error response carries. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
