import { z } from 'zod';
import { idSchema, nameSchema } from './common.js';

export const organizationSchema = z.object({
  id: idSchema,
  name: z.string(),
  timeZone: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const organizationUpdateInputSchema = z
  .strictObject({
    name: nameSchema.optional(),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, 'Must be an IANA time zone such as Europe/Berlin.')
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one of: name, timeZone.');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
