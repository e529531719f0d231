import type { RepairStage } from '@kintsugi/core';
import { repairReliabilities } from '../use-cases/commitments/repair-reliabilities.js';
import type { Deps } from '../use-cases/deps.js';

/** Stages in which commitments are being kept. */
const KEEPING: readonly RepairStage[] = ['committing', 'demonstrating'];

/**
 * A commitment whose last two settled occurrences were both missed is a relapse signal: the leader is told, and
 * the organisation's facilitators get the team's name and how many commitments, nothing more. The dedupe key
 * carries the commitment's missed count, so each further miss can tell again and a restart repeats nothing.
 */
export async function sendMissedTwiceAlerts(deps: Deps): Promise<number> {
  const repairs = await deps.db
    .selectFrom('repairs as r')
    .innerJoin('teams as t', 't.id', 'r.team_id')
    .innerJoin('people as l', 'l.id', 'r.leader_id')
    .select(['r.id', 'r.organization_id', 'r.title', 't.name as teamName', 'l.email as leaderEmail'])
    .where('r.stage', 'in', KEEPING)
    .execute();
  const byOrganization = new Map<string, typeof repairs>();
  for (const r of repairs) {
    const list = byOrganization.get(r.organization_id);
    if (list) list.push(r);
    else byOrganization.set(r.organization_id, [r]);
  }
  let sent = 0;
  for (const [organizationId, list] of byOrganization) {
    const records = await repairReliabilities(deps, {
      organizationId,
      repairIds: list.map((r) => r.id),
      now: deps.now(),
    });
    const facilitators = await deps.db
      .selectFrom('people')
      .select('email')
      .where('organization_id', '=', organizationId)
      .where('role', '=', 'facilitator')
      .execute();
    for (const repair of list) {
      const missed = (records.get(repair.id)?.commitments ?? []).filter(
        (c) => c.missedTwiceInARow && !c.retired,
      );
      if (missed.length === 0) continue;
      const actions = await deps.db
        .selectFrom('commitments')
        .select(['id', 'action'])
        .where(
          'id',
          'in',
          missed.map((c) => c.commitmentId),
        )
        .execute();
      const key = missed.map((c) => `${c.commitmentId}:${c.record.missed}`).join(',');
      const told = await deps.db
        .selectFrom('mail_outbox')
        .select('id')
        .where('dedupe_key', '=', `missed-twice:${key}:leader`)
        .executeTakeFirst();
      if (told) continue;
      await deps.mailer.send({
        organizationId,
        to: repair.leaderEmail,
        dedupeKey: `missed-twice:${key}:leader`,
        subject: `Missed twice in a row: ${repair.title}`,
        text: [
          'The last two occurrences of these commitments were missed:',
          ...actions.map((a) => `- ${a.action}`),
          '',
          'Consistency is what rebuilds trust. Own it to the team in a sentence or two, and keep the next one; if the',
          'commitment no longer fits, retire it with a reason the team can read and make one you can keep.',
          '',
          `${deps.baseUrl}/repairs/${repair.id}`,
        ].join('\n'),
      });
      sent++;
      for (const f of facilitators) {
        await deps.mailer.send({
          organizationId,
          to: f.email,
          dedupeKey: `missed-twice:${key}:${f.email}`,
          subject: `Commitments missed twice in a row (${repair.teamName})`,
          text: [
            `In ${repair.teamName}, ${missed.length} ${missed.length === 1 ? 'commitment was' : 'commitments were'} missed twice in a row.`,
            'The overview shows every open repair with its reliability and trust trend.',
            '',
            `${deps.baseUrl}/overview`,
          ].join('\n'),
        });
        sent++;
      }
    }
  }
  return sent;
}
