import { z } from 'zod';
import { idSchema, nameSchema, timestampSchema } from './common.js';

export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  /** When it stops working; null until revoked. Every token is revoked when its owner's password changes. */
  expiresAt: timestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

export const API_TOKEN_MAX_DAYS = 366;

export const apiTokenCreateInputSchema = z.strictObject({
  name: nameSchema,
  /** Days until the token stops working; omit for a token that works until revoked. */
  expiresInDays: z
    .number({ error: `Must be a whole number of days from 1 to ${API_TOKEN_MAX_DAYS}, or left out.` })
    .int(`Must be a whole number of days from 1 to ${API_TOKEN_MAX_DAYS}, or left out.`)
    .min(1, `Must be a whole number of days from 1 to ${API_TOKEN_MAX_DAYS}, or left out.`)
    .max(API_TOKEN_MAX_DAYS, `Must be a whole number of days from 1 to ${API_TOKEN_MAX_DAYS}, or left out.`)
    .optional(),
});
export type ApiTokenCreateInput = z.infer<typeof apiTokenCreateInputSchema>;

export const apiTokenCreatedSchema = z.object({
  token: apiTokenSchema,
  /** Shown once; only its hash is stored. */
  secret: z.string(),
});
export type ApiTokenCreated = z.infer<typeof apiTokenCreatedSchema>;
