import { hashSecret } from '../auth/secrets.js';
import type { TestApp } from './test-app.js';

export type LinkPage = 'answer' | 'pulse' | 'team';

/**
 * Every personal link to `page` the outbox holds, per recipient, oldest first: read as an admin delivering them by
 * hand would (tests run without SMTP). Leaders are never given links. Mails written in the same millisecond (a
 * frozen test clock) have no defined order, so callers that need "the link that works" use `linksOfPeople`.
 */
export async function outboxLinks(app: TestApp, page: LinkPage): Promise<Map<string, string[]>> {
  const rows = await app.deps.db
    .selectFrom('mail_outbox')
    .select(['recipient', 'body', 'created_at'])
    .orderBy('created_at')
    .execute();
  const links = new Map<string, string[]>();
  const pattern = new RegExp(`/${page}#([A-Za-z0-9_-]{40,})`, 'g');
  for (const row of rows)
    for (const match of (row.body ?? '').matchAll(pattern)) {
      const list = links.get(row.recipient) ?? [];
      list.push(match[1] as string);
      links.set(row.recipient, list);
    }
  return links;
}

/** Whether a link opens something today: its invitation's round or pulse is open, or its team link is not revoked. */
export async function linkWorks(app: TestApp, page: LinkPage, link: string): Promise<boolean> {
  const { db } = app.deps;
  const hash = hashSecret(link);
  if (page === 'team') {
    const row = await db
      .selectFrom('team_links')
      .select('id')
      .where('link_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }
  const kind = page === 'answer' ? 'round' : 'pulse';
  const extra = await db
    .selectFrom('ballot_links')
    .select('invitation_id')
    .where('link_hash', '=', hash)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (kind === 'round') {
    const row = await db
      .selectFrom('invitations as i')
      .innerJoin('rounds as r', 'r.id', 'i.round_id')
      .select('r.status')
      .where((eb) => (extra ? eb('i.id', '=', extra.invitation_id) : eb('i.link_hash', '=', hash)))
      .executeTakeFirst();
    return row?.status === 'open';
  }
  const row = await db
    .selectFrom('pulse_invitations as i')
    .innerJoin('pulses as p', 'p.id', 'i.pulse_id')
    .select('p.status')
    .where((eb) => (extra ? eb('i.id', '=', extra.invitation_id) : eb('i.link_hash', '=', hash)))
    .executeTakeFirst();
  return row?.status === 'open';
}

async function emailOf(app: TestApp, personId: string): Promise<string> {
  const row = await app.deps.db
    .selectFrom('people')
    .select('email')
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  return row.email;
}

/** Every `page` link ever emailed to one person, oldest first (see `outboxLinks` on ties). */
export async function linksEmailedTo(app: TestApp, page: LinkPage, personId: string): Promise<string[]> {
  return (await outboxLinks(app, page)).get(await emailOf(app, personId)) ?? [];
}

/**
 * For each of these people, in their order, the latest `page` link emailed to them that still works (an earlier
 * pulse's link, a revoked team link, a closed round's link are passed over).
 */
export async function linksOfPeople(
  app: TestApp,
  page: LinkPage,
  people: readonly { personId: string }[],
): Promise<string[]> {
  const byEmail = await outboxLinks(app, page);
  const result: string[] = [];
  for (const p of people) {
    const candidates = [...(byEmail.get(await emailOf(app, p.personId)) ?? [])].reverse();
    let found: string | undefined;
    for (const link of candidates)
      if (await linkWorks(app, page, link)) {
        found = link;
        break;
      }
    if (!found) throw new Error(`no working ${page} link was emailed to person ${p.personId}`);
    result.push(found);
  }
  return result;
}
