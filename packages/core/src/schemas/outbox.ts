import { z } from 'zod';
import { idSchema, timestampSchema } from './common.js';

export const outboxMessageSchema = z.object({
  id: idSchema,
  to: z.string(),
  subject: z.string(),
  /** Present only for mail that could not leave the server (no SMTP): deliver it by hand. */
  body: z.string().nullable(),
  createdAt: timestampSchema,
  sentAt: timestampSchema.nullable(),
  error: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const outboxSchema = z.object({
  /** True when SMTP_URL is set and mail really leaves the server. */
  delivering: z.boolean(),
  messages: z.array(outboxMessageSchema),
});
export type Outbox = z.infer<typeof outboxSchema>;
