import { addDays, DIMENSION_LABELS, pulseSeries } from '@kintsugi/core';
import { AppError } from '../errors/app-error.js';
import type { Deps } from '../use-cases/deps.js';
import { openPulse, pulseUrl } from '../use-cases/pulses/open-pulse.js';
import { pulseEmail } from '../use-cases/pulses/pulse-email.js';
import { loadPulseCounts, pulseTeamSize } from '../use-cases/pulses/pulse-trend.js';
import { organizationThreshold } from '../use-cases/repairs/load-repair.js';
import { addReminderLinks } from './renew-links.js';

const dayOf = (date: Date) => date.toISOString().slice(0, 10);
/** At most this many baseline pulses are opened per run of the jobs. */
export const BASELINES_PER_RUN = 10;

/** A team without anyone to ask is skipped quietly; any other failure is a real error. */
async function tryOpen(deps: Deps, options: Parameters<typeof openPulse>[1]): Promise<boolean> {
  try {
    return (await openPulse(deps, options)) !== null;
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_input') return false;
    throw error;
  }
}

/** A repair's baseline: the first pulse of its team after it opens, unless one is already open or later. */
export async function openBaselinePulses(deps: Deps): Promise<number> {
  const repairs = await deps.db
    .selectFrom('repairs as r')
    .select(['r.id', 'r.team_id', 'r.created_at'])
    .where('r.stage', '!=', 'closed')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('pulses as p')
            .select('p.id')
            .whereRef('p.team_id', '=', 'r.team_id')
            .whereRef('p.closes_on', '>=', (eb) => eb.fn('substr', ['r.created_at', eb.lit(1), eb.lit(10)])),
        ),
      ),
    )
    .execute();
  let opened = 0;
  const teams = new Set<string>();
  for (const repair of repairs) {
    // Each pulse makes an RSA key (about a tenth of a second of CPU): a burst of new repairs is spread over runs.
    if (opened >= BASELINES_PER_RUN) break;
    // Several repairs of one team opened together share one baseline.
    if (teams.has(repair.team_id)) continue;
    teams.add(repair.team_id);
    if (await tryOpen(deps, { teamId: repair.team_id, kind: 'baseline', repairId: repair.id })) opened++;
  }
  return opened;
}

/** Regular pulses on each team's cadence; each due date is claimed by a conditional update. */
export async function openRegularPulses(deps: Deps): Promise<number> {
  const today = dayOf(deps.now());
  const due = await deps.db
    .selectFrom('teams')
    .select(['id', 'pulse_every_weeks', 'pulse_next_on'])
    .where('pulse_every_weeks', 'is not', null)
    .where('pulse_next_on', '<=', today)
    .execute();
  let opened = 0;
  for (const team of due) {
    if (!team.pulse_every_weeks || !team.pulse_next_on) continue;
    let next = team.pulse_next_on;
    while (next <= today) next = addDays(next, team.pulse_every_weeks * 7);
    const claimed = await deps.db
      .updateTable('teams')
      .set({ pulse_next_on: next })
      .where('id', '=', team.id)
      .where('pulse_next_on', '=', team.pulse_next_on)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) continue;
    const open = await deps.db
      .selectFrom('pulses')
      .select('id')
      .where('team_id', '=', team.id)
      .where('status', '=', 'open')
      .where('closes_on', '>=', today)
      .executeTakeFirst();
    if (open) continue;
    if (await tryOpen(deps, { teamId: team.id, kind: 'regular' })) opened++;
  }
  return opened;
}

/** On a pulse's last day, people not yet recorded as having answered get one more link (the first still works). */
export async function sendPulseReminders(deps: Deps): Promise<number> {
  const today = dayOf(deps.now());
  const pulses = await deps.db
    .selectFrom('pulses as p')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .innerJoin('people as l', 'l.id', 't.leader_id')
    .select(['p.id', 'p.closes_on', 't.name as teamName', 't.organization_id', 'l.name as leaderName'])
    .where('p.status', '=', 'open')
    .where('p.reminded', '=', 0)
    .where('p.closes_on', '=', today)
    // Not on the day the pulse went out: the invitation has only just arrived.
    .where('p.opens_on', '<', today)
    .execute();
  let sent = 0;
  for (const pulse of pulses) {
    const claimed = await deps.db
      .updateTable('pulses')
      .set({ reminded: 1 })
      .where('id', '=', pulse.id)
      .where('reminded', '=', 0)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) continue;
    const pending = await deps.db
      .selectFrom('pulse_invitations as i')
      .innerJoin('people as p', 'p.id', 'i.person_id')
      .select(['i.id', 'p.email'])
      .where('i.pulse_id', '=', pulse.id)
      .where('i.token_issued', '=', 0)
      .execute();
    sent += await addReminderLinks(
      deps,
      'pulse',
      () => `pulse:${pulse.id}`,
      pending,
      (invitation, secret) =>
        deps.mailer.send({
          organizationId: pulse.organization_id,
          to: invitation.email,
          dedupeKey: `pulse-reminder:${invitation.id}`,
          ...pulseEmail({
            leaderName: pulse.leaderName,
            teamName: pulse.teamName,
            closesOn: pulse.closes_on,
            url: pulseUrl(deps, secret),
            reminder: true,
          }),
        }),
    );
  }
  return sent;
}

/**
 * Pulses past their closing day close. Then, once per closed pulse, a clear fall against the previous pulses is
 * told to the team's leader, and to the organisation's facilitators as a count with the team's name only.
 */
export async function closePulses(deps: Deps): Promise<number> {
  const today = dayOf(deps.now());
  const closed = await deps.db
    .updateTable('pulses')
    .set({ status: 'closed' })
    .where('status', '=', 'open')
    .where('closes_on', '<', today)
    .executeTakeFirst();
  const unchecked = await deps.db
    .selectFrom('pulses as p')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .innerJoin('people as l', 'l.id', 't.leader_id')
    .select(['p.id', 'p.team_id', 't.name as teamName', 't.organization_id', 'l.email as leaderEmail'])
    .where('p.status', '=', 'closed')
    .where('p.alerted', '=', 0)
    .execute();
  for (const pulse of unchecked) {
    const claimed = await deps.db
      .updateTable('pulses')
      .set({ alerted: 1 })
      .where('id', '=', pulse.id)
      .where('alerted', '=', 0)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) continue;
    await alertOnRelapse(deps, pulse);
  }
  return Number(closed.numUpdatedRows);
}

async function alertOnRelapse(
  deps: Deps,
  pulse: { id: string; team_id: string; teamName: string; organization_id: string; leaderEmail: string },
): Promise<void> {
  // The latest few pulses are enough to compare the newest with the ones before it.
  const counts = await loadPulseCounts(deps.db, pulse.team_id, '0000-01-01', 8);
  const k = await organizationThreshold(deps.db, pulse.organization_id);
  const series = pulseSeries(counts, { k, teamSize: await pulseTeamSize(deps.db, pulse.team_id) });
  // Only when the closing pulse is the latest point: a pooled group still waiting for answers says nothing.
  if (!series.latest?.pulseIds.includes(pulse.id) || series.relapses.length === 0) return;
  const names = series.relapses.map((d) => (d === 'overall' ? 'the trust index' : DIMENSION_LABELS[d]));
  await deps.mailer.send({
    organizationId: pulse.organization_id,
    to: pulse.leaderEmail,
    dedupeKey: `relapse:${pulse.id}:leader`,
    subject: `Trust has fallen back in ${pulse.teamName}`,
    text: [
      `The latest pulse of ${pulse.teamName} is clearly below the previous ones for: ${names.join(', ')}.`,
      '',
      'This is the moment to ask again, not to explain: what changed for the team, and what do they need from you now?',
      'Open the repair’s recovery view to see the trend and its uncertainty.',
      '',
      `${deps.baseUrl}/repairs`,
    ].join('\n'),
  });
  const facilitators = await deps.db
    .selectFrom('people')
    .select('email')
    .where('organization_id', '=', pulse.organization_id)
    .where('role', '=', 'facilitator')
    .execute();
  for (const f of facilitators)
    await deps.mailer.send({
      organizationId: pulse.organization_id,
      to: f.email,
      dedupeKey: `relapse:${pulse.id}:${f.email}`,
      subject: `A team's trust has fallen back (${pulse.teamName})`,
      text: [
        `The latest pulse of ${pulse.teamName} shows a clear fall in ${names.length} of the measures it tracks.`,
        'The overview shows every open repair with its trend; no individual answer is ever shown.',
        '',
        `${deps.baseUrl}/overview`,
      ].join('\n'),
    });
}

export async function runPulseJobs(deps: Deps) {
  return {
    pulsesClosed: await closePulses(deps),
    baselinePulses: await openBaselinePulses(deps),
    regularPulses: await openRegularPulses(deps),
    pulseReminders: await sendPulseReminders(deps),
  };
}
