import type { Caller } from './api.js';
import type { MailCatcher } from './smtp.js';

// Personal links are never shown to the leader: the end-to-end tests read them where a person would receive them,
// from the admins' outbox (no SMTP: the email waits there to be handed out) or from the in-process SMTP server.

export type LinkPage = 'answer' | 'pulse' | 'team';

interface OutboxMessage {
  to: string;
  subject: string;
  body: string | null;
  createdAt: string;
}

const linkIn = (text: string, page: LinkPage) =>
  text.match(new RegExp(`https?://[^\\s]+/${page}#[A-Za-z0-9_-]{40,}`))?.[0] ?? null;

/**
 * Each person's newest personal link to `page`, read from the outbox as an admin reads it (GET /api/v1/outbox,
 * newest first). Fails if someone has none.
 */
export async function linksFromOutbox(
  admin: Caller,
  page: LinkPage,
  emails: readonly string[],
): Promise<Map<string, string>> {
  const { messages } = await admin<{ messages: OutboxMessage[] }>('GET', '/api/v1/outbox');
  const links = new Map<string, string>();
  for (const email of emails) {
    const link = messages
      .filter((m) => m.to === email && m.body)
      .map((m) => linkIn(m.body ?? '', page))
      .find((l) => l !== null);
    if (!link) throw new Error(`No ${page} link for ${email} in the outbox.`);
    links.set(email, link);
  }
  return links;
}

/** Each person's newest personal link to `page`, from the mail the SMTP server received (oldest first). */
export async function linksFromMail(
  mail: MailCatcher,
  page: LinkPage,
  emails: readonly string[],
): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (const email of emails) {
    const received = await mail.waitFor((m) => m.to.includes(email) && linkIn(m.text, page) !== null, {
      description: `a ${page} link for ${email}`,
    });
    const newest = mail.matching((m) => m.to.includes(email) && linkIn(m.text, page) !== null).at(-1);
    links.set(email, linkIn((newest ?? received).text, page) ?? '');
  }
  return links;
}

/** Where a test reads personal links: the outbox (as this admin) or the SMTP server. */
export type LinkSource = { admin: Caller } | { mail: MailCatcher };

export function readLinks(
  source: LinkSource,
  page: LinkPage,
  emails: readonly string[],
): Promise<Map<string, string>> {
  return 'mail' in source
    ? linksFromMail(source.mail, page, emails)
    : linksFromOutbox(source.admin, page, emails);
}
