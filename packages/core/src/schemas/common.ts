import { z } from 'zod';
import { isValidEmail, normalizeEmail } from '../email.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy.js';
import { NAME_MAX_LENGTH } from '../people-import.js';
import { ROLES } from '../roles.js';
import { type TextKind, textCharacterProblem } from '../text-characters.js';

/**
 * The string schemas every text field of the API is built from: each refuses what `text-characters.ts` says its
 * kind may not hold (a NUL anywhere, other control characters, a bare carriage return, direction overrides in a
 * name). Chain `.min()`, `.max()`, `.regex()` onto them; never start an input field from a bare `z.string()`.
 */
const checkedText = (kind: TextKind, trim: boolean) =>
  (trim ? z.string().trim() : z.string()).refine((text) => textCharacterProblem(text, kind) === null, {
    error: (issue) =>
      typeof issue.input === 'string' ? (textCharacterProblem(issue.input, kind) ?? undefined) : undefined,
  });

/** One line of text (a name, a title, a label, an email, a key): trimmed. */
export const singleLineText = () => checkedText('line', true);
/** Text that may run over several lines (a description, an answer, a message): trimmed; tabs and line breaks kept. */
export const multiLineText = () => checkedText('lines', true);
/** A key sent back as it was received (a question or item id): one line, not trimmed. */
export const keyText = () => checkedText('line', false);
/** A password: not trimmed, every character counts; control characters refused. */
export const secretText = () => checkedText('secret', false);

/** Required one-line text of at most `max` characters. */
export const lineField = (max: number) =>
  singleLineText().min(1, 'Must not be empty.').max(max, `Must be at most ${max} characters.`);
/** Required multi-line text of at most `max` characters. */
export const textField = (max: number) =>
  multiLineText().min(1, 'Must not be empty.').max(max, `Must be at most ${max} characters.`);

export const idSchema = z.uuid({ error: 'Must be an id in UUID form, as returned by the API.' });

export const nameSchema = lineField(NAME_MAX_LENGTH);

export const emailSchema = singleLineText()
  .max(254, 'Must be at most 254 characters.')
  .transform(normalizeEmail)
  .refine(isValidEmail, 'Must be an email address such as name@example.org.');

export const passwordSchema = secretText()
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
