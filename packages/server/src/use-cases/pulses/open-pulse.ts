import { randomUUID } from 'node:crypto';
import { addDays, CURRENT_PULSE_VERSION, pulseItemSet } from '@kintsugi/core';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import { AppError } from '../../errors/app-error.js';
import { shuffle } from '../../util/shuffle.js';
import { type Deps, nowIso } from '../deps.js';
import { pulseEmail } from './pulse-email.js';
import { trendTouched } from './team-trend.js';

/** A pulse takes answers for a week less a day, so a weekly one closes before the next opens. */
export const PULSE_OPEN_DAYS = 6;

export interface PulseLink {
  personId: string;
  name: string;
  email: string;
  url: string;
}

export const pulseUrl = (deps: Deps, secret: string) => `${deps.baseUrl}/pulse#${secret}`;

/**
 * Sends a team's pulse: a fresh ballot key, one personal link per member (never the leader), stored only as
 * hashes, a zero histogram per item (so no row appears when someone answers), and an email per link.
 * Returns null when another instance already sent the team's pulse today.
 */
export async function openPulse(
  deps: Deps,
  options: {
    teamId: string;
    kind: 'baseline' | 'regular';
    repairId?: string;
    /** False only for history written by the demo: past pulses are not emailed. */
    notify?: boolean;
  },
): Promise<{ id: string; opensOn: string; closesOn: string; links: PulseLink[] } | null> {
  const team = await deps.db
    .selectFrom('teams as t')
    .innerJoin('people as l', 'l.id', 't.leader_id')
    .select(['t.id', 't.name', 't.organization_id', 't.leader_id', 'l.name as leaderName'])
    .where('t.id', '=', options.teamId)
    .executeTakeFirst();
  if (!team)
    throw new AppError('invalid_input', 'This team has no leader yet, so there is nobody to ask about.');
  const people = await deps.db
    .selectFrom('team_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', 'p.email'])
    .where('m.team_id', '=', team.id)
    .where('p.id', '!=', team.leader_id)
    .execute();
  if (people.length === 0)
    throw new AppError(
      'invalid_input',
      'The team has no members besides its leader; add them before sending a pulse.',
    );

  const id = randomUUID();
  const opensOn = nowIso(deps).slice(0, 10);
  const closesOn = addDays(opensOn, PULSE_OPEN_DAYS);
  // Another instance may have sent today's pulse already: a cheap look before opening a transaction.
  const already = await deps.db
    .selectFrom('pulses')
    .select('id')
    .where('team_id', '=', team.id)
    .where('opens_on', '=', opensOn)
    .executeTakeFirst();
  if (already) return null;
  const invitations = shuffle(people).map((person) => ({ person, secret: newSecret() }));
  const sent = await deps.db.transaction().execute(async (trx) => {
    // Claim first, pay for the key pair after: instances racing for the same pulse wait here on the unique
    // (team, day) and then insert nothing, so only the winner generates a key. The row is never seen
    // without its key: the key is filled in by this same transaction.
    // ON CONFLICT, not a caught unique violation: PostgreSQL would log the team's id and the day.
    const inserted = await trx
      .insertInto('pulses')
      .values({
        id,
        team_id: team.id,
        repair_id: options.repairId ?? null,
        kind: options.kind,
        items_version: CURRENT_PULSE_VERSION,
        opens_on: opensOn,
        closes_on: closesOn,
        status: 'open',
        public_key: '',
        private_key: '',
        created_at: nowIso(deps),
      })
      .onConflict((oc) => oc.columns(['team_id', 'opens_on']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    const keys = await deps.createBallotKeys(deps.secret, `pulse:${id}`);
    await trx
      .updateTable('pulses')
      .set({ public_key: keys.publicKey, private_key: keys.encryptedPrivateKey })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('pulse_item_counts')
      .values(pulseItemSet(CURRENT_PULSE_VERSION).items.map((item) => ({ pulse_id: id, item_id: item.id })))
      .execute();
    await trx
      .insertInto('pulse_invitations')
      .values(
        invitations.map(({ person, secret }) => ({
          id: randomUUID(),
          pulse_id: id,
          person_id: person.id,
          link_hash: hashSecret(secret),
        })),
      )
      .execute();
    await trendTouched(trx, id);
    return true;
  });
  if (!sent) return null;
  const links = invitations.map(({ person, secret }) => ({
    personId: person.id,
    name: person.name,
    email: person.email,
    url: pulseUrl(deps, secret),
  }));
  for (const link of options.notify === false ? [] : links) {
    await deps.mailer.send({
      organizationId: team.organization_id,
      to: link.email,
      ...pulseEmail({ leaderName: team.leaderName, teamName: team.name, closesOn, url: link.url }),
    });
  }
  return { id, opensOn, closesOn, links: links.sort((a, b) => a.name.localeCompare(b.name)) };
}
