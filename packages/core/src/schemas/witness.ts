import { z } from 'zod';
import { base64url, linkSecretSchema } from './ballot.js';
import { idSchema } from './common.js';

export const witnessKeyInputSchema = z.strictObject({ link: linkSecretSchema, occurrenceId: idSchema });
export const witnessKeySchema = z.object({
  /** RSA public key of this occurrence's witness ballot (SPKI DER, base64url; RSABSSA-SHA384-PSS-Randomized). */
  publicKey: z.string(),
  /** True when this link has already taken its token for this occurrence. */
  tokenIssued: z.boolean(),
});
export const witnessIssueInputSchema = z.strictObject({
  link: linkSecretSchema,
  occurrenceId: idSchema,
  blindedMessage: base64url('blindedMessage', 2048),
});
export const witnessIssuedSchema = z.object({ blindSignature: z.string() });
/** A witness answer carries only the token and whether they saw it: no link, no cookie. */
export const witnessInputSchema = z.strictObject({
  occurrenceId: idSchema,
  token: base64url('token', 512),
  signature: base64url('signature', 2048),
  saw: z.boolean(),
});
