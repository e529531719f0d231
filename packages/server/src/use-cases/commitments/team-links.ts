import { randomUUID } from 'node:crypto';
import type { Actor } from '../../auth/actor.js';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { linksSent } from '../ballots/link-delivery.js';
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
  return teamSpaceUrl(deps, secret);
}

async function sendLink(
  deps: Deps,
  repair: { organization_id: string; title: string; leaderName: string },
  to: string,
  url: string,
) {
  await deps.mailer.send({
    organizationId: repair.organization_id,
    to,
    subject: `Follow "${repair.title}" with ${repair.leaderName}`,
    text: [
      `${repair.leaderName} has shared what they heard, what they are committing to, and what they have done so far.`,
      '',
      'Your personal link (please do not forward it; any earlier link no longer works):',
      url,
      '',
      'It shows the themes the team raised, never who said what.',
    ].join('\n'),
  });
}

/** Who among the people affected has a working team-space link, and since when; never the link itself. */
export async function listTeamLinks(deps: Deps, actor: Actor, repairId: string) {
  await loadManagedRepair(deps.db, actor, repairId);
  const people = await deps.db
    .selectFrom('repair_people as rp')
    .innerJoin('people as p', 'p.id', 'rp.person_id')
    .leftJoin('team_links as tl', (join) =>
      join
        .onRef('tl.person_id', '=', 'p.id')
        .on('tl.repair_id', '=', repairId)
        .on('tl.revoked_at', 'is', null),
    )
    .select(['p.id', 'p.name', 'tl.created_at'])
    .where('rp.repair_id', '=', repairId)
    .orderBy('p.name')
    .execute();
  const everIssued = new Set(
    (
      await deps.db.selectFrom('team_links').select('person_id').where('repair_id', '=', repairId).execute()
    ).map((r) => r.person_id),
  );
  return {
    people: people.map((p) => ({
      personId: p.id,
      name: p.name,
      state: p.created_at
        ? ('active' as const)
        : everIssued.has(p.id)
          ? ('revoked' as const)
          : ('none' as const),
      issuedAt: p.created_at ?? null,
    })),
  };
}

/**
 * Gives every affected person a personal link to the repair's team space (replacing any earlier one) and emails it.
 * The leader is told to whom the links went, never the links.
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
  for (const person of people)
    await sendLink(deps, repair, person.email, await issue(deps, repairId, person));
  return linksSent(deps, repair.organization_id, people);
}

/** A fresh link for one person, emailed to them; the old one stops working. */
export async function reissueTeamLink(deps: Deps, actor: Actor, repairId: string, personId: string) {
  const repair = await loadManagedRepair(deps.db, actor, repairId);
  const person = await deps.db
    .selectFrom('repair_people as rp')
    .innerJoin('people as p', 'p.id', 'rp.person_id')
    .select(['p.id', 'p.name', 'p.email'])
    .where('rp.repair_id', '=', repairId)
    .where('p.id', '=', personId)
    .executeTakeFirst();
  if (!person) throw notFound('affected person in this repair');
  await sendLink(deps, repair, person.email, await issue(deps, repairId, person));
  return linksSent(deps, repair.organization_id, [person]);
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
