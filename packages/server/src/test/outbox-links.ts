import type { TestApp } from './test-app.js';

export type LinkPage = 'answer' | 'pulse' | 'team';

/**
 * The personal links people were emailed, read from the outbox as an admin delivering them by hand would (tests run
 * without SMTP): for each recipient, the latest link to `page`. Leaders are never given links.
 */
export async function outboxLinks(app: TestApp, page: LinkPage): Promise<Map<string, string>> {
  const rows = await app.deps.db
    .selectFrom('mail_outbox')
    .select(['recipient', 'body', 'created_at'])
    .orderBy('created_at')
    .execute();
  const latest = new Map<string, string>();
  const pattern = new RegExp(`/${page}#([A-Za-z0-9_-]{40,})`, 'g');
  for (const row of rows)
    for (const match of (row.body ?? '').matchAll(pattern)) latest.set(row.recipient, match[1] as string);
  return latest;
}

/** The latest `page` link emailed to each of these people, in their order. */
export async function linksOfPeople(
  app: TestApp,
  page: LinkPage,
  people: readonly { personId: string }[],
): Promise<string[]> {
  const byEmail = await outboxLinks(app, page);
  const emails = await app.deps.db
    .selectFrom('people')
    .select(['id', 'email'])
    .where(
      'id',
      'in',
      people.map((p) => p.personId),
    )
    .execute();
  const emailOf = new Map(emails.map((p) => [p.id, p.email]));
  return people.map((p) => {
    const link = byEmail.get(emailOf.get(p.personId) ?? '');
    if (!link) throw new Error(`no ${page} link was emailed to person ${p.personId}`);
    return link;
  });
}
