import { z } from 'zod';
import {
  emailSchema,
  idSchema,
  keyText,
  nameSchema,
  passwordSchema,
  roleSchema,
  singleLineText,
  timestampSchema,
} from './common.js';

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

/** People per page of `GET /people` when none is asked for, and at most. */
export const PEOPLE_PAGE_DEFAULT = 50;
export const PEOPLE_PAGE_MAX = 200;

export const personListQuerySchema = z.strictObject({
  limit: z.coerce
    .number({ error: `Ask for a whole number of people per page, 1 to ${PEOPLE_PAGE_MAX}.` })
    .int(`Ask for a whole number of people per page, 1 to ${PEOPLE_PAGE_MAX}.`)
    .min(1, `Ask for a whole number of people per page, 1 to ${PEOPLE_PAGE_MAX}.`)
    .max(PEOPLE_PAGE_MAX, `Ask for at most ${PEOPLE_PAGE_MAX} people per page.`)
    .default(PEOPLE_PAGE_DEFAULT),
  /** The `nextCursor` of the page before; opaque. */
  cursor: keyText()
    .max(1000, 'That cursor is not one this list gave out; start again from the first page.')
    .optional(),
  /** Part of a name or email address, case aside. */
  q: singleLineText().max(200, 'Search for at most 200 characters.').optional(),
});
export type PersonListQuery = z.infer<typeof personListQuerySchema>;

export const personListSchema = z.object({
  people: z.array(personSchema),
  /** Where the next page starts, or null on the last page. */
  nextCursor: z.string().nullable(),
});
export type PersonList = z.infer<typeof personListSchema>;

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
