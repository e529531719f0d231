import { z } from 'zod';
import { idSchema } from './common.js';

/**
 * How personal links reached people. By email only the person receives theirs; handed out by hand (no SMTP), the
 * people named could have used a link in its owner's place, and the answering pages say so.
 */
export const linkDeliverySchema = z.object({
  method: z.enum(['email', 'by_hand']),
  handedOutBy: z.array(z.string()),
});
export type LinkDelivery = z.infer<typeof linkDeliverySchema>;

/**
 * What a leader or admin is told when personal links go out: to whom and how, never the links. Links reach only
 * their person (by email, or without SMTP through the admins' outbox), so nobody who asks for them can answer
 * in someone else's place.
 */
export const linksSentSchema = z.object({
  sent: z.array(z.object({ personId: idSchema, name: z.string() })),
  delivery: linkDeliverySchema,
});
export type LinksSent = z.infer<typeof linksSentSchema>;
