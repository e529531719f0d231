import {
  missedTwiceInARow,
  type ReliabilityNumbers,
  type StripState,
  type TimedOccurrence,
  timedReliability,
} from '@kintsugi/core';
import type { Deps } from '../deps.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { GRACE_HOURS } from './commitments-view.js';
import { countedOccurrences, type LedgerCommitment } from './counted-occurrences.js';

export { countedOccurrences } from './counted-occurrences.js';

export interface CommitmentReliability {
  commitmentId: string;
  retired: boolean;
  record: ReliabilityNumbers;
  /** Its last two settled occurrences were both missed (core's relapse signal, over the strip's states). */
  missedTwiceInARow: boolean;
}

export interface RepairReliability {
  repairId: string;
  /** The record over all the repair's commitments, as the single-repair view computes it. */
  record: ReliabilityNumbers;
  /** In the order the repair's view lists them (creation). */
  commitments: CommitmentReliability[];
}

export interface RepairReliabilitiesOptions {
  organizationId: string;
  /** Only these repairs (those of other organisations are ignored); every repair of the organisation if absent. */
  repairIds?: readonly string[];
  now: Date;
}

interface CommitmentRow extends LedgerCommitment {
  id: string;
  repair_id: string;
}

const ID_CHUNK = 500;

function chunks<T>(list: readonly T[] | undefined): (readonly T[] | undefined)[] {
  if (!list) return [undefined];
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += ID_CHUNK) out.push(list.slice(i, i + ID_CHUNK));
  return out;
}

/**
 * Reliability records (numbers only, no strip) for many repairs at once, from the commitment ledgers and the
 * schedules: no occurrence row is read. Callers decide who may see which repairs; witness counts never leave here,
 * only the confirmed share (counted at the organisation's threshold k or more).
 */
export async function repairReliabilities(
  deps: Deps,
  options: RepairReliabilitiesOptions,
): Promise<Map<string, RepairReliability>> {
  const { organizationId, now } = options;
  const result = new Map<string, RepairReliability>();
  const org = await deps.db
    .selectFrom('organizations')
    .select('time_zone')
    .where('id', '=', organizationId)
    .executeTakeFirst();
  if (!org) return result;
  const k = await organizationThreshold(deps.db, organizationId);
  const settings = { now, graceHours: GRACE_HOURS, k };

  const repairs: { id: string }[] = [];
  const rows: CommitmentRow[] = [];
  for (const ids of chunks(options.repairIds)) {
    if (ids?.length === 0) continue;
    let repairsQuery = deps.db
      .selectFrom('repairs')
      .select('id')
      .where('organization_id', '=', organizationId)
      .orderBy('created_at')
      .orderBy('id');
    if (ids) repairsQuery = repairsQuery.where('id', 'in', ids);
    repairs.push(...(await repairsQuery.execute()));
    let commitmentQuery = deps.db
      .selectFrom('commitments as c')
      .innerJoin('repairs as r', 'r.id', 'c.repair_id')
      .leftJoin('commitment_ledgers as l', 'l.commitment_id', 'c.id')
      .select([
        'c.id',
        'c.repair_id',
        'c.schedule',
        'c.starts_on',
        'c.ends_on',
        'c.created_at',
        'c.retired_at',
        'l.entries',
      ])
      .where('r.organization_id', '=', organizationId)
      .orderBy('c.created_at')
      .orderBy('c.id');
    if (ids) commitmentQuery = commitmentQuery.where('c.repair_id', 'in', ids);
    rows.push(...(await commitmentQuery.execute()));
  }

  const instants = new Map<string, number>();
  const byRepair = new Map<string, { commitments: CommitmentReliability[]; counted: TimedOccurrence[][] }>();
  for (const r of repairs) byRepair.set(r.id, { commitments: [], counted: [] });
  for (const row of rows) {
    const repair = byRepair.get(row.repair_id);
    if (!repair) continue;
    const counted = countedOccurrences(row, org.time_zone, now, instants);
    repair.counted.push(counted);
    const states: StripState[] = [];
    const record = timedReliability(counted, settings, (state) => states.push(state));
    repair.commitments.push({
      commitmentId: row.id,
      retired: row.retired_at !== null,
      record,
      missedTwiceInARow: missedTwiceInARow(states),
    });
  }
  for (const [repairId, { commitments, counted }] of byRepair) {
    // One commitment: its record is the repair's (the same occurrences); otherwise all of them, re-ordered.
    const record =
      commitments.length === 1
        ? { ...(commitments[0] as CommitmentReliability).record }
        : timedReliability(counted.flat(), settings);
    result.set(repairId, { repairId, record, commitments });
  }
  return result;
}
