import { z } from 'zod';
import { sessionAbilitiesSchema } from './abilities.js';
import {
  emailSchema,
  idSchema,
  nameSchema,
  passwordSchema,
  roleSchema,
  secretText,
  singleLineText,
} from './common.js';

export const setupStatusSchema = z.object({ needsSetup: z.boolean() });

export const setupInputSchema = z.strictObject({
  organizationName: nameSchema,
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SetupInput = z.input<typeof setupInputSchema>;

export const loginInputSchema = z.strictObject({
  email: singleLineText().min(1, 'Must not be empty.').max(254),
  password: secretText().min(1, 'Must not be empty.').max(200),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const sessionSchema = z.object({
  user: z.object({ id: idSchema, email: z.string(), name: z.string() }),
  person: z.object({ id: idSchema }),
  organization: z.object({ id: idSchema, name: z.string() }),
  role: roleSchema,
  abilities: sessionAbilitiesSchema,
  /** Send back in the x-csrf-token header on every state-changing request made with the session cookie. */
  csrfToken: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

export const passwordChangeInputSchema = z.strictObject({
  currentPassword: secretText().min(1, 'Must not be empty.').max(200),
  newPassword: passwordSchema,
});
export type PasswordChangeInput = z.infer<typeof passwordChangeInputSchema>;
