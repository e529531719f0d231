import { randomUUID } from 'node:crypto';
import type { Actor } from '../../auth/actor.js';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { loadManagedRepair } from '../repairs/load-repair.js';

export function teamSpaceUrl(deps: Deps, secret: string): string {
  // In the fragment, like answer links: never sent to the server or written to its logs.
  return `${deps.baseUrl}/team#${secret}`;
}

async function issue(deps: Deps, repairId: string, person: { id: string; name: string; email: string }) {
  const secret = newSecret();
  const now = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('team_links')
      .set({ revoked_at: now })
      .where('repair_id', '=', repairId)
      .where('person_id', '=', person.id)
      .where('revoked_at', 'is', null)
      .execute();
    await trx
      .insertInto('team_links')
      .values({
        id: randomUUID(),
        repair_id: repairId,
        person_id: person.id,
        link_hash: hashSecret(secret),
        created_at: now,
        revoked_at: null,
      })
      .execute();
  });
  return { personId: person.id, name: person.name, email: person.email, url: teamSpaceUrl(deps, secret) };
}

/**
 * Gives every affected person a personal link to the repair's team space (replacing any earlier one) and emails it.
 * The links are returned once so the leader can also share them by hand.
 */
export async function issueTeamLinks(deps: Deps, actor: Actor, repairId: string) {
  const repair = await loadManagedRepair(deps.db, actor, repairId);
  const people = await deps.db
    .selectFrom('repair_people as rp')
    .innerJoin('people as p', 'p.id', 'rp.person_id')
    .select(['p.id', 'p.name', 'p.email'])
    .where('rp.repair_id', '=', repairId)
    .orderBy('p.name')
    .execute();
  const links = [];
  for (const person of people) {
    const link = await issue(deps, repairId, person);
    links.push(link);
    await deps.mailer.send({
      organizationId: repair.organization_id,
      to: person.email,
      subject: `Follow "${repair.title}" with ${repair.leaderName}`,
      text: [
        `${repair.leaderName} has shared what they heard, what they are committing to, and what they have done so far.`,
        '',
        'Your personal link (please do not forward it):',
        link.url,
        '',
        'It shows the themes the team raised, never who said what.',
      ].join('\n'),
    });
  }
  return { links };
}

/** A fresh link for one person; the old one stops working. */
export async function reissueTeamLink(deps: Deps, actor: Actor, repairId: string, personId: string) {
  await loadManagedRepair(deps.db, actor, repairId);
  const person = await deps.db
    .selectFrom('repair_people as rp')
    .innerJoin('people as p', 'p.id', 'rp.person_id')
    .select(['p.id', 'p.name', 'p.email'])
    .where('rp.repair_id', '=', repairId)
    .where('p.id', '=', personId)
    .executeTakeFirst();
  if (!person) throw notFound('affected person in this repair');
  return issue(deps, repairId, person);
}

export async function revokeTeamLink(
  deps: Deps,
  actor: Actor,
  repairId: string,
  personId: string,
): Promise<void> {
  await loadManagedRepair(deps.db, actor, repairId);
  const result = await deps.db
    .updateTable('team_links')
    .set({ revoked_at: nowIso(deps) })
    .where('repair_id', '=', repairId)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new AppError('not_found', 'This person has no active team-space link for this repair.');
}
