import type { Kysely } from 'kysely';

// Landed migrations are never edited; add a new file instead.

/** The tables this migration reads and writes, as they are at this point. */
interface Tables {
  occurrences: { id: string; commitment_id: string; due_at: string; status: string; recorded_at: string };
  witness_counts: { occurrence_id: string; saw: number; did_not_see: number };
  commitment_ledgers: { commitment_id: string; entries: string };
}

const PAGE = 200;

interface Recorded {
  due_at: string;
  status: string;
  recorded_at: string;
  saw: number | null;
  did_not_see: number | null;
}

/**
 * The ledger text of one commitment, frozen here as it was when this migration landed (the live encoder is
 * use-cases/commitments/commitment-ledger.ts; a test checks both give the same text). JSON array, five numbers per
 * recorded occurrence in due order: due (epoch ms), 1 kept / 0 missed, recorded − due (ms), saw, did not see.
 */
function encode(rows: Recorded[]): string {
  const flat: number[] = [];
  const timed = rows.map((r) => ({ r, due: Date.parse(r.due_at) })).sort((a, b) => a.due - b.due);
  for (const { r, due } of timed)
    flat.push(
      due,
      r.status === 'kept' ? 1 : 0,
      Date.parse(r.recorded_at) - due,
      Number(r.saw ?? 0),
      Number(r.did_not_see ?? 0),
    );
  return JSON.stringify(flat);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per commitment with recorded occurrences, so records for many repairs are computed without reading
  // every occurrence row. No time column: a witness's answer rewrites the row, and a time would date that answer.
  await db.schema
    .createTable('commitment_ledgers')
    .addColumn('commitment_id', 'text', (c) =>
      c.primaryKey().references('commitments.id').onDelete('cascade'),
    )
    .addColumn('entries', 'text', (c) => c.notNull())
    .execute();

  const typed = db as unknown as Kysely<Tables>;
  const ids = (
    await typed
      .selectFrom('occurrences')
      .select('commitment_id')
      .distinct()
      .orderBy('commitment_id')
      .execute()
  ).map((r) => r.commitment_id);
  for (let i = 0; i < ids.length; i += PAGE) {
    const page = ids.slice(i, i + PAGE);
    const rows = await typed
      .selectFrom('occurrences as o')
      .leftJoin('witness_counts as w', 'w.occurrence_id', 'o.id')
      .select(['o.commitment_id', 'o.due_at', 'o.status', 'o.recorded_at', 'w.saw', 'w.did_not_see'])
      .where('o.commitment_id', 'in', page)
      .execute();
    const byCommitment = new Map<string, Recorded[]>(page.map((id) => [id, []]));
    for (const row of rows) byCommitment.get(row.commitment_id)?.push(row);
    await typed
      .insertInto('commitment_ledgers')
      .values(
        [...byCommitment].map(([commitment_id, recorded]) => ({ commitment_id, entries: encode(recorded) })),
      )
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('commitment_ledgers').execute();
}
