import { addDays, type LinksSent, type PulseSummary, type TeamPulse } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { abilities } from '../../policies/abilities.js';
import { authorize, policies } from '../../policies/policies.js';
import { linksSent } from '../ballots/link-delivery.js';
import { type Deps, nowIso } from '../deps.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { openPulse } from './open-pulse.js';

async function loadTeam(deps: Deps, actor: Actor, teamId: string) {
  const team = await deps.db
    .selectFrom('teams')
    .select(['id', 'leader_id', 'organization_id', 'pulse_every_weeks', 'pulse_next_on'])
    .where('id', '=', teamId)
    .where('organization_id', '=', actor.organizationId)
    .executeTakeFirst();
  if (!team || !policies.readPulse(actor, { leaderId: team.leader_id })) throw notFound('team');
  return team;
}

async function summaries(deps: Deps, teamId: string, k: number): Promise<PulseSummary[]> {
  const rows = await deps.db
    .selectFrom('pulses as p')
    .leftJoin('pulse_invitations as i', 'i.pulse_id', 'p.id')
    .select((eb) => [
      'p.id',
      'p.kind',
      'p.opens_on',
      'p.closes_on',
      'p.status',
      'p.answers',
      eb.fn.count<number>('i.id').as('invited'),
    ])
    .where('p.team_id', '=', teamId)
    .groupBy(['p.id', 'p.kind', 'p.opens_on', 'p.closes_on', 'p.status', 'p.answers'])
    .orderBy('p.opens_on', 'desc')
    .limit(60)
    .execute();
  const today = nowIso(deps).slice(0, 10);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    status: r.status === 'open' && r.closes_on >= today ? 'open' : 'closed',
    invited: Number(r.invited),
    answers: Number(r.answers) >= k ? Number(r.answers) : 'fewer than k',
  }));
}

/** A team's pulse settings and its recent pulses (answer counts only at k or more). */
export async function getTeamPulse(deps: Deps, actor: Actor, teamId: string): Promise<TeamPulse> {
  const team = await loadTeam(deps, actor, teamId);
  const k = await organizationThreshold(deps.db, team.organization_id);
  return {
    teamId: team.id,
    everyWeeks: (team.pulse_every_weeks ?? null) as TeamPulse['everyWeeks'],
    nextOn: team.pulse_next_on,
    threshold: k,
    pulses: await summaries(deps, team.id, k),
    abilities: abilities.pulse(actor, { leaderId: team.leader_id }),
  };
}

/** Sets how often the pulse goes out; the next one is due a cadence after the last, and never in the past. */
export async function setPulseCadence(
  deps: Deps,
  actor: Actor,
  teamId: string,
  everyWeeks: 1 | 2 | 4 | null,
): Promise<TeamPulse> {
  const team = await loadTeam(deps, actor, teamId);
  authorize(
    policies.managePulse(actor, { leaderId: team.leader_id }),
    "Only the team's leader or an admin can change its pulse.",
  );
  let nextOn: string | null = null;
  if (everyWeeks !== null) {
    const today = nowIso(deps).slice(0, 10);
    const last = await deps.db
      .selectFrom('pulses')
      .select('opens_on')
      .where('team_id', '=', team.id)
      .orderBy('opens_on', 'desc')
      .executeTakeFirst();
    const due = last ? addDays(last.opens_on, everyWeeks * 7) : today;
    // Never in the past: a team that has not had a pulse for a while gets one at the next run.
    nextOn = due;
    if (nextOn < today) nextOn = today;
  }
  await deps.db
    .updateTable('teams')
    .set({ pulse_every_weeks: everyWeeks, pulse_next_on: nextOn })
    .where('id', '=', team.id)
    .execute();
  return getTeamPulse(deps, actor, teamId);
}

/** Sends a pulse now, outside the cadence; refused while one is still open or when one went out today. */
export async function sendPulseNow(
  deps: Deps,
  actor: Actor,
  teamId: string,
): Promise<{ pulse: PulseSummary } & LinksSent> {
  const team = await loadTeam(deps, actor, teamId);
  authorize(
    policies.managePulse(actor, { leaderId: team.leader_id }),
    "Only the team's leader or an admin can send its pulse.",
  );
  const today = nowIso(deps).slice(0, 10);
  const open = await deps.db
    .selectFrom('pulses')
    .select('closes_on')
    .where('team_id', '=', team.id)
    .where('status', '=', 'open')
    .where('closes_on', '>=', today)
    .executeTakeFirst();
  if (open)
    throw new AppError(
      'conflict',
      `A pulse is already open until ${open.closes_on}; send the next one after it closes.`,
    );
  const opened = await openPulse(deps, { teamId: team.id, kind: 'regular' });
  if (!opened)
    throw new AppError('conflict', 'A pulse already went out to this team today; try again tomorrow.');
  // A pulse sent by hand counts as the cadence's: the next regular one comes a full cadence later.
  if (team.pulse_every_weeks) {
    const next = addDays(opened.opensOn, team.pulse_every_weeks * 7);
    await deps.db
      .updateTable('teams')
      .set({ pulse_next_on: next })
      .where('id', '=', team.id)
      .where((eb) => eb.or([eb('pulse_next_on', 'is', null), eb('pulse_next_on', '<', next)]))
      .execute();
  }
  const k = await organizationThreshold(deps.db, team.organization_id);
  const pulse = (await summaries(deps, team.id, k)).find((p) => p.id === opened.id);
  if (!pulse) throw new Error('the pulse just sent was not found');
  return {
    pulse,
    ...(await linksSent(
      deps,
      team.organization_id,
      opened.links.map((l) => ({ id: l.personId, name: l.name })),
    )),
  };
}
