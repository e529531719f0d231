import { z } from 'zod';
import { emailSchema, idSchema, nameSchema, passwordSchema, roleSchema, timestampSchema } from './common.js';

export const personSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  hasAccount: z.boolean(),
  teamIds: z.array(idSchema),
  createdAt: timestampSchema,
});
export type Person = z.infer<typeof personSchema>;

export const personListSchema = z.object({ people: z.array(personSchema) });

export const personCreateInputSchema = z.strictObject({
  name: nameSchema,
  email: emailSchema,
  role: roleSchema.default('member'),
  /** When given, the person gets an account and can sign in with this password. */
  password: passwordSchema.optional(),
});
export type PersonCreateInput = z.input<typeof personCreateInputSchema>;

export const personUpdateInputSchema = z
  .strictObject({
    name: nameSchema.optional(),
    email: emailSchema.optional(),
    role: roleSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one of: name, email, role.');
export type PersonUpdateInput = z.input<typeof personUpdateInputSchema>;

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  alreadyPresent: z.number().int(),
  teamsCreated: z.array(z.string()),
  membershipsAdded: z.number().int(),
});
export type ImportReport = z.infer<typeof importReportSchema>;
