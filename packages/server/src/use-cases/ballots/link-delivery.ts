import type { LinkDelivery, LinksSent } from '@kintsugi/core';
import type { Deps } from '../deps.js';

/**
 * How personal links reach people, for the answering pages to say plainly. By email, only the person receives
 * theirs; without SMTP the emails wait in the admins' outbox and whoever hands them out could have used them.
 */
export async function linkDelivery(deps: Deps, organizationId: string): Promise<LinkDelivery> {
  if (deps.mailer.delivers) return { method: 'email', handedOutBy: [] };
  const admins = await deps.db
    .selectFrom('people')
    .select('name')
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'admin')
    .orderBy('name')
    .execute();
  return { method: 'by_hand', handedOutBy: admins.map((a) => a.name) };
}

/** What the person who sent links is told: to whom and how, never the links. */
export async function linksSent(
  deps: Deps,
  organizationId: string,
  people: readonly { id: string; name: string }[],
): Promise<LinksSent> {
  return {
    sent: people.map((p) => ({ personId: p.id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name)),
    delivery: await linkDelivery(deps, organizationId),
  };
}
