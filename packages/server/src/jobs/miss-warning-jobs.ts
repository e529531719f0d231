import { RECORDING_WARNING_HOURS, type RepairStage, type Schedule } from '@kintsugi/core';
import {
  AUTOMATIC_MISS_RULE,
  GRACE_HOURS,
  scheduledBetween,
} from '../use-cases/commitments/commitments-view.js';
import type { Deps } from '../use-cases/deps.js';
import { localDueTime } from './commitment-jobs.js';

/** The leader is warned this many hours before an unrecorded occurrence counts as missed. */
export const MISS_WARNING_HOURS = RECORDING_WARNING_HOURS;
/** Stages in which commitments are being kept. */
const KEEPING: readonly RepairStage[] = ['committing', 'demonstrating'];
const HOUR_MS = 3_600_000;

/**
 * Emails the leader once about each due occurrence of a live scheduled commitment that is still unrecorded
 * MISS_WARNING_HOURS before its grace period ends and it counts as missed. The email is keyed by commitment and
 * the occurrence's local date (a schedule falls at most once a day, and the key survives a change of zone); the
 * outbox inserts it with ON CONFLICT DO NOTHING, so a second run or server instance sends nothing.
 */
export async function warnBeforeAutomaticMiss(deps: Deps): Promise<number> {
  const now = deps.now().getTime();
  // Due between GRACE_HOURS and GRACE_HOURS − MISS_WARNING_HOURS ago: still unrecorded, it is missed soon.
  const from = now - GRACE_HOURS * HOUR_MS + 1;
  const until = now - (GRACE_HOURS - MISS_WARNING_HOURS) * HOUR_MS;
  const rows = await deps.db
    .selectFrom('commitments as c')
    .innerJoin('repairs as r', 'r.id', 'c.repair_id')
    .innerJoin('people as l', 'l.id', 'r.leader_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .selectAll('c')
    .select(['r.title', 'r.organization_id', 'l.email as leaderEmail', 'o.time_zone'])
    .where('c.retired_at', 'is', null)
    .where('r.stage', 'in', [...KEEPING])
    .execute();
  const candidates = rows.flatMap((row) => {
    const { title, organization_id, leaderEmail, time_zone, ...commitment } = row;
    if ((JSON.parse(commitment.schedule) as Schedule).kind === 'event') return [];
    return scheduledBetween(commitment, time_zone, from, until).map((occurrence) => ({
      row,
      occurrence,
      dedupeKey: `miss-warning:${row.id}:${occurrence.localDate}`,
    }));
  });
  if (candidates.length === 0) return 0;
  const recorded = new Set(
    (
      await deps.db
        .selectFrom('occurrences')
        .select(['commitment_id', 'due_at'])
        .where('commitment_id', 'in', [...new Set(candidates.map((c) => c.row.id))])
        .where('due_at', 'in', [...new Set(candidates.map((c) => c.occurrence.dueAt))])
        .execute()
    ).map((o) => `${o.commitment_id} ${o.due_at}`),
  );
  const told = new Set(
    (
      await deps.db
        .selectFrom('mail_outbox')
        .select('dedupe_key')
        .where(
          'dedupe_key',
          'in',
          candidates.map((c) => c.dedupeKey),
        )
        .execute()
    ).map((m) => m.dedupe_key),
  );
  let sent = 0;
  for (const { row, occurrence, dedupeKey } of candidates) {
    if (recorded.has(`${row.id} ${occurrence.dueAt}`) || told.has(dedupeKey)) continue;
    const missedAt = new Date(Date.parse(occurrence.dueAt) + GRACE_HOURS * HOUR_MS).toISOString();
    const outcome = await deps.mailer.send({
      organizationId: row.organization_id,
      to: row.leaderEmail,
      dedupeKey,
      subject: `Not recorded yet: ${row.action}`,
      text: [
        `Your commitment in "${row.title}" was due ${localDueTime(occurrence.dueAt, row.time_zone)}, and it is not recorded yet:`,
        '',
        row.action,
        '',
        `${AUTOMATIC_MISS_RULE} Unless you record it, this one counts as missed ${localDueTime(missedAt, row.time_zone)}.`,
        '',
        'If you did it, record it as kept and say what you did. If it did not happen, record it as missed and own it in a sentence or two:',
        `${deps.baseUrl}/repairs/${row.repair_id}`,
      ].join('\n'),
    });
    if (outcome !== 'duplicate') sent++;
  }
  return sent;
}
