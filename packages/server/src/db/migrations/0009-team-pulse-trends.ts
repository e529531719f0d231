import { type Kysely, sql } from 'kysely';

// Landed migrations are never edited; add a new file instead.
// The encoding is frozen here as it was when this migration was written (use-cases/pulses/team-trend.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  // Per team, the overall totals of each pulse in date order: what the organisation overview reads.
  await db.schema
    .createTable('team_pulse_trends')
    .addColumn('team_id', 'text', (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
    .addColumn('entries', 'text', (c) => c.notNull())
    .execute();
  const { rows } = await sql<{
    id: string;
    team_id: string;
    opens_on: string;
    closes_on: string;
    answers: number;
    o1: number;
    o2: number;
    o3: number;
    o4: number;
    o5: number;
    o6: number;
    o7: number;
  }>`select id, team_id, opens_on, closes_on, answers, o1, o2, o3, o4, o5, o6, o7 from pulses order by team_id, opens_on, id`.execute(
    db,
  );
  const byTeam = new Map<string, unknown[][]>();
  for (const p of rows) {
    const entry = [
      p.id,
      p.opens_on,
      p.closes_on,
      Number(p.answers),
      ...[p.o1, p.o2, p.o3, p.o4, p.o5, p.o6, p.o7].map(Number),
    ];
    const list = byTeam.get(p.team_id);
    if (list) list.push(entry);
    else byTeam.set(p.team_id, [entry]);
  }
  for (const [teamId, entries] of byTeam)
    await sql`insert into team_pulse_trends (team_id, entries) values (${teamId}, ${JSON.stringify(entries)})`.execute(
      db,
    );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('team_pulse_trends').execute();
}
