import { DEFAULT_TIME_OF_DAY, localDateAt, localToUtc } from '@kintsugi/core';
import { type Kysely, sql } from 'kysely';

// Landed migrations are never edited; add a new file instead.

// Until now a change of the organisation's zone left every recorded occurrence at its old instant, where the
// schedule, expanded in the new zone, never meets it: a clean record read half missed. This moves each one back to
// its schedule's local date and time of day in the organisation's zone as it stands (a logged event keeps its
// instant and takes its local date there), as a zone change now does, and rewrites the ledgers of the
// commitments it touched. The placement is core's, the same the schedules are expanded with; the rest is frozen
// here as it was when this migration landed (use-cases/commitments/rekey-occurrences.ts is the live code).

/** The tables this migration reads and writes, as they are at this point. */
interface Tables {
  organizations: { id: string; time_zone: string };
  repairs: { id: string; organization_id: string };
  commitments: { id: string; repair_id: string; schedule: string };
  occurrences: {
    id: string;
    commitment_id: string;
    due_at: string;
    local_date: string;
    status: string;
    recorded_at: string;
  };
  witness_counts: { occurrence_id: string; saw: number; did_not_see: number };
  commitment_ledgers: { commitment_id: string; entries: string };
}

interface Row {
  id: string;
  commitment_id: string;
  due_at: string;
  local_date: string;
  schedule: string;
  time_zone: string;
}

const CHUNK = 500;

function wantedPlace(row: Row): { dueAt: string; localDate: string } {
  const schedule = JSON.parse(row.schedule) as {
    kind: string;
    timeOfDay?: string;
    pattern?: { timeOfDay?: string };
  };
  if (schedule.kind === 'event')
    return { dueAt: row.due_at, localDate: localDateAt(new Date(row.due_at), row.time_zone) };
  const time =
    (schedule.kind === 'recurring' ? schedule.pattern?.timeOfDay : schedule.timeOfDay) ?? DEFAULT_TIME_OF_DAY;
  return { dueAt: localToUtc(row.local_date, time, row.time_zone).toISOString(), localDate: row.local_date };
}

/** The moves, leaving in place any row whose place another row of its commitment holds or takes. */
function movesOf(rows: Row[]) {
  const wanted = rows.map(wantedPlace);
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
      const stays =
        clash.find((i) => kept.has(i)) ?? clash.find((i) => rows[i]?.due_at === wanted[i]?.dueAt) ?? clash[0];
      for (const i of clash) {
        if (i === stays || kept.has(i)) continue;
        kept.add(i);
        changed = true;
      }
    }
  }
  return rows.flatMap((row, i) => {
    const w = wanted[i];
    if (!w || kept.has(i) || (w.dueAt === row.due_at && w.localDate === row.local_date)) return [];
    return [{ id: row.id, commitmentId: row.commitment_id, ...w }];
  });
}

/** The ledger text of one commitment, as 0007 encodes it: five numbers per recorded occurrence in due order. */
function encode(
  rows: {
    due_at: string;
    status: string;
    recorded_at: string;
    saw: number | null;
    did_not_see: number | null;
  }[],
) {
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
  const typed = db as unknown as Kysely<Tables>;
  const rows: Row[] = await typed
    .selectFrom('occurrences as o')
    .innerJoin('commitments as c', 'c.id', 'o.commitment_id')
    .innerJoin('repairs as r', 'r.id', 'c.repair_id')
    .innerJoin('organizations as g', 'g.id', 'r.organization_id')
    .select(['o.id', 'o.commitment_id', 'o.due_at', 'o.local_date', 'c.schedule', 'g.time_zone'])
    .execute();
  const moves = movesOf(rows);
  if (moves.length === 0) return;
  for (let i = 0; i < moves.length; i += CHUNK) {
    const chunk = moves.slice(i, i + CHUNK);
    const ids = chunk.map((m) => m.id);
    await typed
      .updateTable('occurrences')
      .set({ due_at: sql<string>`'moving:' || id` })
      .where('id', 'in', ids)
      .execute();
  }
  for (let i = 0; i < moves.length; i += CHUNK) {
    const chunk = moves.slice(i, i + CHUNK);
    const column = (value: (m: (typeof chunk)[number]) => string) =>
      sql<string>`case id ${sql.join(
        chunk.map((m) => sql`when ${m.id} then ${value(m)}`),
        sql` `,
      )} end`;
    await typed
      .updateTable('occurrences')
      .set({ due_at: column((m) => m.dueAt), local_date: column((m) => m.localDate) })
      .where(
        'id',
        'in',
        chunk.map((m) => m.id),
      )
      .execute();
  }
  const commitments = [...new Set(moves.map((m) => m.commitmentId))];
  for (let i = 0; i < commitments.length; i += CHUNK) {
    const page = commitments.slice(i, i + CHUNK);
    const recorded = await typed
      .selectFrom('occurrences as o')
      .leftJoin('witness_counts as w', 'w.occurrence_id', 'o.id')
      .select(['o.commitment_id', 'o.due_at', 'o.status', 'o.recorded_at', 'w.saw', 'w.did_not_see'])
      .where('o.commitment_id', 'in', page)
      .execute();
    const byCommitment = new Map<string, typeof recorded>(page.map((id) => [id, []]));
    for (const r of recorded) byCommitment.get(r.commitment_id)?.push(r);
    for (const [id, list] of byCommitment) {
      const entries = encode(list);
      await typed
        .insertInto('commitment_ledgers')
        .values({ commitment_id: id, entries })
        .onConflict((oc) => oc.column('commitment_id').doUpdateSet({ entries }))
        .execute();
    }
  }
}

export async function down(): Promise<void> {
  // Nothing to undo: the occurrences are where the schedules put them.
}
