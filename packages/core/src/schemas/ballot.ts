import { z } from 'zod';
import { idSchema, keyText, lineField, textField } from './common.js';
import { linkDeliverySchema } from './links.js';
import { dateSchema, questionSchema } from './repairs.js';

/** A base64url string of at most `max` characters; `what` names it in the error. */
export const base64url = (what: string, max: number) =>
  keyText()
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, `${what} must be base64url text.`);

/** A personal link's secret: 43 base64url characters (256 bits). */
export const linkSecretSchema = base64url('The link', 64).min(
  40,
  'The link is incomplete. Open it again from your email.',
);

export const ballotInvitationInputSchema = z.strictObject({ link: linkSecretSchema });

/**
 * What became of an anonymous submission: 'stored', or 'pending' while it waits to be stored together with at least
 * k − 1 other people's, so that nothing on disk can tell them apart. The browser keeps it until it is 'stored'.
 */
export const ballotSubmissionSchema = z.object({ state: z.enum(['stored', 'pending']) });
export type BallotSubmission = z.infer<typeof ballotSubmissionSchema>;

/** Asks what became of a submission, by its token alone. */
export const ballotStatusInputSchema = z.strictObject({
  kind: z.enum(['round', 'pulse', 'witness']),
  ballotId: idSchema,
  token: base64url('token', 512),
});
export const ballotStatusSchema = z.object({ state: z.enum(['stored', 'pending', 'unknown']) });
export type BallotStatus = z.infer<typeof ballotStatusSchema>;

/** "This link was used, and not by me." */
export const ballotReportInputSchema = z.strictObject({ link: linkSecretSchema });

export const ballotInvitationSchema = z.object({
  roundId: idSchema,
  repairTitle: z.string(),
  teamName: z.string(),
  leaderName: z.string(),
  questions: z.array(questionSchema),
  closesOn: dateSchema,
  status: z.enum(['open', 'closed']),
  threshold: z.number().int(),
  /** The round's RSA public key (SPKI, DER, base64url) for RSABSSA-SHA384-PSS-Randomized. */
  publicKey: z.string(),
  /** True when this link (or another link of the same person) has already been used to obtain an answer token. */
  tokenIssued: z.boolean(),
  delivery: linkDeliverySchema,
});
export type BallotInvitation = z.infer<typeof ballotInvitationSchema>;

export const ballotIssueInputSchema = z.strictObject({
  link: linkSecretSchema,
  blindedMessage: base64url('blindedMessage', 2048),
});
export const ballotIssuedSchema = z.object({ blindSignature: z.string() });

/** What proves a right to answer: the prepared token and its unblinded signature. Nothing else identifies. */
const tokenProof = {
  roundId: idSchema,
  token: base64url('token', 512),
  signature: base64url('signature', 2048),
};

export const ballotAnswerInputSchema = z.strictObject({
  ...tokenProof,
  answers: z
    .array(z.strictObject({ questionId: keyText().max(40), text: textField(5000) }))
    .min(1, 'Answer at least one question.')
    .max(10),
  /** Only when the person chooses to answer with their name. */
  name: lineField(120).optional(),
});
export type BallotAnswerInput = z.infer<typeof ballotAnswerInputSchema>;

export const ballotThreadInputSchema = z.strictObject(tokenProof);
export const ballotThreadSchema = z.object({
  answers: z.array(
    z.object({
      questionId: z.string(),
      text: z.string(),
      followUps: z.array(
        z.object({ from: z.enum(['leader', 'author']), text: z.string(), createdOn: dateSchema }),
      ),
    }),
  ),
});
export const ballotReplyInputSchema = z.strictObject({
  ...tokenProof,
  questionId: keyText().max(40),
  text: textField(2000),
});
