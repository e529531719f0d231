import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../db/schema.js';

export interface MailMessage {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
  /** The same key twice sends once: a retry or a second server instance cannot repeat an email. */
  dedupeKey?: string;
}

/**
 * What became of one send: `sent` (SMTP accepted it), `kept` (no SMTP: it waits in the outbox for an admin),
 * `failed` (SMTP refused or was unreachable; the outbox row keeps the error), or `duplicate` (the idempotency key
 * was already used, by an earlier send or another server instance, so this call sent nothing).
 */
export type SendOutcome = 'sent' | 'kept' | 'failed' | 'duplicate';

export interface Mailer {
  /** True when mail really leaves the server (SMTP_URL set); false when it waits in the outbox. */
  readonly delivers: boolean;
  /** Never throws for an SMTP failure: it is recorded in the outbox and reported as `failed`. */
  send(message: MailMessage): Promise<SendOutcome>;
}

export interface MailLogger {
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
}

/**
 * Every email is recorded in mail_outbox first. With SMTP_URL set it is then sent and only its envelope is
 * kept; without SMTP the body stays in the outbox (and the log) so an admin can deliver it by hand.
 */
export function createMailer(options: {
  db: Kysely<Database>;
  smtpUrl: string | null;
  from: string;
  logger: MailLogger;
  now?: () => Date;
}): Mailer {
  const now = options.now ?? (() => new Date());
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    delivers: transport !== null,
    async send(message) {
      const id = randomUUID();
      // ON CONFLICT DO NOTHING, not a caught unique violation: PostgreSQL would write the violation's DETAIL, the
      // key itself (`loop:<person id>:<day>`), to its own log with a time.
      const inserted = await options.db
        .insertInto('mail_outbox')
        .values({
          id,
          organization_id: message.organizationId,
          recipient: message.to,
          subject: message.subject,
          body: transport ? null : message.text,
          dedupe_key: message.dedupeKey ?? null,
          created_at: now().toISOString(),
          sent_at: null,
          error: null,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows === 0n) return 'duplicate';
      if (!transport) {
        options.logger.info(
          { to: message.to, subject: message.subject },
          'email kept in the outbox (SMTP_URL is not set)',
        );
        return 'kept';
      }
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        options.logger.warn({ to: message.to, reason }, 'email could not be sent');
        await options.db
          .updateTable('mail_outbox')
          .set({ error: reason.slice(0, 500) })
          .where('id', '=', id)
          .execute();
        return 'failed';
      }
      // Outside the try: once SMTP has accepted the email it must never be reported (and retried) as failed.
      await options.db
        .updateTable('mail_outbox')
        .set({ sent_at: now().toISOString() })
        .where('id', '=', id)
        .execute();
      return 'sent';
    },
  };
}
