import { z } from 'zod';
import { teamAbilitiesSchema } from './abilities.js';
import { idSchema, nameSchema, timestampSchema } from './common.js';

const personRefSchema = z.object({ id: idSchema, name: z.string() });

export const teamSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  leader: personRefSchema.nullable(),
  memberCount: z.number().int(),
  createdAt: timestampSchema,
  abilities: teamAbilitiesSchema,
});
export type TeamSummary = z.infer<typeof teamSummarySchema>;

export const teamListSchema = z.object({ teams: z.array(teamSummarySchema) });

export const teamSchema = teamSummarySchema.extend({
  members: z.array(personRefSchema.extend({ email: z.string() })),
});
export type Team = z.infer<typeof teamSchema>;

export const teamCreateInputSchema = z.strictObject({
  name: nameSchema,
  leaderId: idSchema.nullable().optional(),
  memberIds: z.array(idSchema).max(1000).optional(),
});
export type TeamCreateInput = z.input<typeof teamCreateInputSchema>;

export const teamUpdateInputSchema = z
  .strictObject({
    name: nameSchema.optional(),
    leaderId: idSchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one of: name, leaderId.');
export type TeamUpdateInput = z.input<typeof teamUpdateInputSchema>;

export const teamMemberAddInputSchema = z.strictObject({ personId: idSchema });
