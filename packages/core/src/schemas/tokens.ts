import { z } from 'zod';
import { idSchema, nameSchema, timestampSchema } from './common.js';

export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

export const apiTokenCreateInputSchema = z.strictObject({ name: nameSchema });
export type ApiTokenCreateInput = z.infer<typeof apiTokenCreateInputSchema>;

export const apiTokenCreatedSchema = z.object({
  token: apiTokenSchema,
  /** Shown once; only its hash is stored. */
  secret: z.string(),
});
export type ApiTokenCreated = z.infer<typeof apiTokenCreatedSchema>;
