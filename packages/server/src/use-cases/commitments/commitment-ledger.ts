import type { TimedOccurrence } from '@kintsugi/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * A commitment's ledger: per recorded occurrence, what its reliability record needs (due instant, kept or missed,
 * when it was recorded, raw witness totals) and nothing else (no notes, links or ids). It is written in the same
 * transaction as every change to `occurrences` or `witness_counts`, so reading many repairs' records needs one
 * small row per commitment instead of every occurrence row.
 *
 * Stored as a JSON array, five numbers per recorded occurrence in due order: due (epoch ms), 1 kept / 0 missed,
 * recorded − due (ms), saw, did not see. Migration 0007 holds a frozen copy of this encoding for its backfill.
 */
export type LedgerEntry = TimedOccurrence & { status: 'kept' | 'missed' };

const STRIDE = 5;

export function decodeLedger(text: string | null | undefined): LedgerEntry[] {
  if (!text) return [];
  const flat = JSON.parse(text) as number[];
  const entries: LedgerEntry[] = new Array(flat.length / STRIDE);
  for (let i = 0, n = 0; i < flat.length; i += STRIDE, n++) {
    const dueMs = flat[i] as number;
    entries[n] = {
      dueMs,
      status: flat[i + 1] === 1 ? 'kept' : 'missed',
      recordedMs: dueMs + (flat[i + 2] as number),
      saw: flat[i + 3] as number,
      didNotSee: flat[i + 4] as number,
    };
  }
  return entries;
}

/** Canonical text: entries in due order (due times are unique per commitment), so equal ledgers compare equal. */
export function encodeLedger(entries: readonly LedgerEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.dueMs - b.dueMs);
  const flat: number[] = [];
  for (const e of sorted)
    flat.push(e.dueMs, e.status === 'kept' ? 1 : 0, e.recordedMs - e.dueMs, e.saw, e.didNotSee);
  return JSON.stringify(flat);
}

export interface RecordedRow {
  due_at: string;
  status: 'kept' | 'missed';
  recorded_at: string;
  saw?: number | null;
  did_not_see?: number | null;
}

function entryOf(row: RecordedRow): LedgerEntry {
  return {
    dueMs: Date.parse(row.due_at),
    status: row.status,
    recordedMs: Date.parse(row.recorded_at),
    saw: Number(row.saw ?? 0),
    didNotSee: Number(row.did_not_see ?? 0),
  };
}

/** A commitment's ledger text from its occurrence rows joined with their witness counts. */
export function ledgerFromRows(rows: readonly RecordedRow[]): string {
  return encodeLedger(rows.map(entryOf));
}

const PAGE = 200;

/**
 * Rebuilds the ledgers of these commitments from their rows: for repairs, the benchmark's seeding and the tests
 * that check the incremental updates. A commitment without recorded occurrences gets no row (none is the same as
 * an empty ledger).
 */
export async function rebuildCommitmentLedgers(db: Kysely<Database>, commitmentIds: readonly string[]) {
  for (let i = 0; i < commitmentIds.length; i += PAGE) {
    const page = commitmentIds.slice(i, i + PAGE);
    const rows = await db
      .selectFrom('occurrences as o')
      .leftJoin('witness_counts as w', 'w.occurrence_id', 'o.id')
      .select(['o.commitment_id', 'o.due_at', 'o.status', 'o.recorded_at', 'w.saw', 'w.did_not_see'])
      .where('o.commitment_id', 'in', page)
      .execute();
    const byCommitment = new Map<string, RecordedRow[]>();
    for (const row of rows) {
      const list = byCommitment.get(row.commitment_id);
      if (list) list.push(row);
      else byCommitment.set(row.commitment_id, [row]);
    }
    await db.deleteFrom('commitment_ledgers').where('commitment_id', 'in', page).execute();
    if (byCommitment.size === 0) continue;
    await db
      .insertInto('commitment_ledgers')
      .values([...byCommitment].map(([id, list]) => ({ commitment_id: id, entries: ledgerFromRows(list) })))
      .execute();
  }
}

/**
 * Reads a commitment's ledger for change inside the caller's transaction. The no-op upsert makes the row exist
 * and, on PostgreSQL, locks it: a concurrent writer to the same commitment waits here until this transaction
 * ends and then reads what it wrote, so neither update is lost. (SQLite runs one write transaction at a time.)
 */
async function lockLedger(trx: Kysely<Database>, commitmentId: string): Promise<LedgerEntry[]> {
  await trx
    .insertInto('commitment_ledgers')
    .values({ commitment_id: commitmentId, entries: '[]' })
    .onConflict((oc) =>
      oc.column('commitment_id').doUpdateSet((eb) => ({ entries: eb.ref('commitment_ledgers.entries') })),
    )
    .execute();
  const row = await trx
    .selectFrom('commitment_ledgers')
    .select('entries')
    .where('commitment_id', '=', commitmentId)
    .executeTakeFirstOrThrow();
  return decodeLedger(row.entries);
}

async function saveLedger(trx: Kysely<Database>, commitmentId: string, entries: LedgerEntry[]) {
  await trx
    .updateTable('commitment_ledgers')
    .set({ entries: encodeLedger(entries) })
    .where('commitment_id', '=', commitmentId)
    .execute();
}

/** Adds a just-inserted occurrence row to its commitment's ledger; call in the transaction that inserted it. */
export async function ledgerRecorded(trx: Kysely<Database>, commitmentId: string, row: RecordedRow) {
  const entry = entryOf(row);
  const entries = (await lockLedger(trx, commitmentId)).filter((e) => e.dueMs !== entry.dueMs);
  entries.push(entry);
  await saveLedger(trx, commitmentId, entries);
}

/**
 * Copies an occurrence's witness totals, as they now stand in `witness_counts`, into its commitment's ledger;
 * call in the transaction that changed them.
 */
export async function ledgerWitnessed(trx: Kysely<Database>, occurrenceId: string) {
  const { commitment_id: commitmentId } = await trx
    .selectFrom('occurrences')
    .select('commitment_id')
    .where('id', '=', occurrenceId)
    .executeTakeFirstOrThrow();
  // Locked before the due time is read: a change of zone moving it meanwhile has then finished (rekeyOccurrences).
  const entries = await lockLedger(trx, commitmentId);
  const row = await trx
    .selectFrom('occurrences as o')
    .innerJoin('witness_counts as w', 'w.occurrence_id', 'o.id')
    .select(['o.due_at', 'o.status', 'o.recorded_at', 'w.saw', 'w.did_not_see'])
    .where('o.id', '=', occurrenceId)
    .executeTakeFirstOrThrow();
  const updated = entryOf(row);
  const others = entries.filter((e) => e.dueMs !== updated.dueMs);
  others.push(updated);
  await saveLedger(trx, commitmentId, others);
}
