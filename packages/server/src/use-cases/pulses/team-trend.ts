import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * Per team, one row holding what the organisation overview needs of each pulse: its dates, how many answered and
 * its overall histogram, in date order. The overview then reads one row per team instead of every pulse (52,000
 * rows for 1,000 teams after a year). It carries the same totals as the pulse rows and nothing more.
 */
export interface TrendEntry {
  id: string;
  opensOn: string;
  closesOn: string;
  answers: number;
  overall: number[];
}

type Packed = [string, string, string, number, number, number, number, number, number, number, number];

export function encodeTrend(entries: readonly TrendEntry[]): string {
  return JSON.stringify(
    entries.map(
      (e): Packed => [
        e.id,
        e.opensOn,
        e.closesOn,
        e.answers,
        ...(e.overall as [number, number, number, number, number, number, number]),
      ],
    ),
  );
}

export function decodeTrend(text: string | null | undefined): TrendEntry[] {
  if (!text) return [];
  const packed = JSON.parse(text) as Packed[];
  const entries: TrendEntry[] = new Array(packed.length);
  for (let i = 0; i < packed.length; i++) {
    const p = packed[i] as Packed;
    entries[i] = { id: p[0], opensOn: p[1], closesOn: p[2], answers: p[3], overall: p.slice(4) as number[] };
  }
  return entries;
}

const inOrder = (a: TrendEntry, b: TrendEntry) =>
  a.opensOn < b.opensOn ? -1 : a.opensOn > b.opensOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const pulseColumns = [
  'id',
  'team_id',
  'opens_on',
  'closes_on',
  'answers',
  'o1',
  'o2',
  'o3',
  'o4',
  'o5',
  'o6',
  'o7',
] as const;
type PulseRow = {
  id: string;
  team_id: string;
  opens_on: string;
  closes_on: string;
  answers: number;
} & Record<`o${1 | 2 | 3 | 4 | 5 | 6 | 7}`, number>;

const entryOf = (p: PulseRow): TrendEntry => ({
  id: p.id,
  opensOn: p.opens_on,
  closesOn: p.closes_on,
  answers: Number(p.answers),
  overall: [p.o1, p.o2, p.o3, p.o4, p.o5, p.o6, p.o7].map(Number),
});

/**
 * Copies a pulse's totals, as they now stand, into its team's trend; call in the transaction that changed the
 * pulse. The no-op upsert makes the row exist and, on PostgreSQL, locks it, so concurrent writers queue.
 */
export async function trendTouched(trx: Kysely<Database>, pulseId: string): Promise<void> {
  const pulse = await trx
    .selectFrom('pulses')
    .select(pulseColumns)
    .where('id', '=', pulseId)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('team_pulse_trends')
    .values({ team_id: pulse.team_id, entries: '[]' })
    .onConflict((oc) =>
      oc.column('team_id').doUpdateSet((eb) => ({ entries: eb.ref('team_pulse_trends.entries') })),
    )
    .execute();
  const row = await trx
    .selectFrom('team_pulse_trends')
    .select('entries')
    .where('team_id', '=', pulse.team_id)
    .executeTakeFirstOrThrow();
  const entries = decodeTrend(row.entries).filter((e) => e.id !== pulse.id);
  entries.push(entryOf(pulse));
  await trx
    .updateTable('team_pulse_trends')
    .set({ entries: encodeTrend(entries.sort(inOrder)) })
    .where('team_id', '=', pulse.team_id)
    .execute();
}

/** Rebuilds teams' trends from their pulse rows (for the benchmark's seeding and the consistency tests). */
export async function rebuildTeamTrends(db: Kysely<Database>, teamIds: readonly string[]): Promise<void> {
  const PAGE = 200;
  for (let i = 0; i < teamIds.length; i += PAGE) {
    const page = teamIds.slice(i, i + PAGE);
    const pulses = await db.selectFrom('pulses').select(pulseColumns).where('team_id', 'in', page).execute();
    const byTeam = new Map<string, TrendEntry[]>();
    for (const p of pulses) {
      const list = byTeam.get(p.team_id);
      if (list) list.push(entryOf(p));
      else byTeam.set(p.team_id, [entryOf(p)]);
    }
    await db.deleteFrom('team_pulse_trends').where('team_id', 'in', page).execute();
    if (byTeam.size === 0) continue;
    await db
      .insertInto('team_pulse_trends')
      .values([...byTeam].map(([team_id, list]) => ({ team_id, entries: encodeTrend(list.sort(inOrder)) })))
      .execute();
  }
}

/** The trends of an organisation's teams (or of some of them), by team id. */
export async function loadTeamTrends(
  db: Kysely<Database>,
  organizationId: string,
  teamIds?: readonly string[],
): Promise<Map<string, TrendEntry[]>> {
  let query = db
    .selectFrom('team_pulse_trends as tr')
    .innerJoin('teams as t', 't.id', 'tr.team_id')
    .select(['tr.team_id', 'tr.entries'])
    .where('t.organization_id', '=', organizationId);
  if (teamIds) query = query.where('tr.team_id', 'in', teamIds);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.team_id, decodeTrend(r.entries)]));
}
