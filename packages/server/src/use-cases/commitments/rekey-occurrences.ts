import { DEFAULT_TIME_OF_DAY, localDateAt, localToUtc, type Schedule } from '@kintsugi/core';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { rebuildCommitmentLedgers } from './commitment-ledger.js';

/** Rows per statement: five parameters each, well under both engines' limits. */
const CHUNK = 500;

interface Move {
  id: string;
  dueAt: string;
  localDate: string;
}

function timeOfDay(schedule: Schedule): string {
  if (schedule.kind === 'recurring') return schedule.pattern.timeOfDay ?? DEFAULT_TIME_OF_DAY;
  if (schedule.kind === 'once') return schedule.timeOfDay ?? DEFAULT_TIME_OF_DAY;
  return DEFAULT_TIME_OF_DAY;
}

/**
 * Where each recorded occurrence of an organisation belongs in `timeZone`. A scheduled occurrence is the
 * schedule's local date and time of day, which stay; its instant follows the zone, so it is still joined with the
 * schedule's expansion. A logged event happened at its instant, which stays; its local date follows the zone.
 */
async function movesFor(trx: Kysely<Database>, organizationId: string, timeZone: string) {
  const rows = await trx
    .selectFrom('occurrences as o')
    .innerJoin('commitments as c', 'c.id', 'o.commitment_id')
    .innerJoin('repairs as r', 'r.id', 'c.repair_id')
    .select(['o.id', 'o.commitment_id', 'o.due_at', 'o.local_date', 'c.schedule'])
    .where('r.organization_id', '=', organizationId)
    .execute();
  const wanted = rows.map((row) => {
    const schedule = JSON.parse(row.schedule) as Schedule;
    return schedule.kind === 'event'
      ? { id: row.id, dueAt: row.due_at, localDate: localDateAt(new Date(row.due_at), timeZone) }
      : {
          id: row.id,
          dueAt: localToUtc(row.local_date, timeOfDay(schedule), timeZone).toISOString(),
          localDate: row.local_date,
        };
  });
  // Two rows of one commitment never share a due time. Where two would (only records detached by an earlier zone
  // change can, one of them recorded again since), the one already in place stays and the other keeps its time.
  const kept = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    const at = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const key = `${row.commitment_id} ${kept.has(i) ? row.due_at : wanted[i]?.dueAt}`;
      const list = at.get(key);
      if (list) list.push(i);
      else at.set(key, [i]);
    });
    for (const clash of at.values()) {
      if (clash.length < 2) continue;
      // A row that keeps its time, or is in place already, holds it (two such rows are never at one time).
      const stays =
        clash.find((i) => kept.has(i)) ?? clash.find((i) => rows[i]?.due_at === wanted[i]?.dueAt) ?? clash[0];
      for (const i of clash) {
        if (i === stays || kept.has(i)) continue;
        kept.add(i);
        changed = true;
      }
    }
  }
  const moves: Move[] = [];
  const commitments = new Set<string>();
  rows.forEach((row, i) => {
    const move = wanted[i];
    if (!move || kept.has(i) || (move.dueAt === row.due_at && move.localDate === row.local_date)) return;
    moves.push(move);
    commitments.add(row.commitment_id);
  });
  return { moves, commitments: [...commitments] };
}

/**
 * Moves an organisation's recorded occurrences to where they belong in its new zone, and rewrites the ledgers of
 * their commitments; call in the transaction that changes the zone, after the organisation row is updated (which
 * makes recordings wait, see recordOccurrence). Returns how many occurrences moved.
 */
export async function rekeyOccurrences(
  trx: Kysely<Database>,
  organizationId: string,
  timeZone: string,
): Promise<number> {
  const { moves, commitments } = await movesFor(trx, organizationId, timeZone);
  if (moves.length === 0) return 0;
  // First out of the way (a due time unique to the row), then into place: a row may move to the instant another
  // row leaves, and no statement may see two rows at one due time (nor write a unique violation to the log).
  for (let i = 0; i < moves.length; i += CHUNK) {
    const ids = moves.slice(i, i + CHUNK).map((m) => m.id);
    await trx
      .updateTable('occurrences')
      .set({ due_at: sql<string>`'moving:' || id` })
      .where('id', 'in', ids)
      .execute();
  }
  for (let i = 0; i < moves.length; i += CHUNK) {
    const chunk = moves.slice(i, i + CHUNK);
    const column = (value: (m: Move) => string) =>
      sql<string>`case id ${sql.join(
        chunk.map((m) => sql`when ${m.id} then ${value(m)}`),
        sql` `,
      )} end`;
    await trx
      .updateTable('occurrences')
      .set({ due_at: column((m) => m.dueAt), local_date: column((m) => m.localDate) })
      .where(
        'id',
        'in',
        chunk.map((m) => m.id),
      )
      .execute();
  }
  await rebuildCommitmentLedgers(trx, commitments);
  return moves.length;
}
