import {
  MIN_ANONYMITY_THRESHOLD,
  type Repair,
  type RepairStage,
  type RepairSummary,
  STAGE_NEXT_STEP,
} from '@kintsugi/core';
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { Database, RoundsTable } from '../../db/schema.js';
import { notFound } from '../../errors/app-error.js';
import { abilities } from '../../policies/abilities.js';
import { authorize, policies } from '../../policies/policies.js';

export interface RepairRow {
  id: string;
  organization_id: string;
  team_id: string;
  teamName: string;
  leader_id: string;
  leaderName: string;
  title: string;
  description: string;
  breach_kinds: string;
  stage: RepairStage;
  created_at: string;
}

export function repairQuery(db: Kysely<Database>) {
  return db
    .selectFrom('repairs as r')
    .innerJoin('teams as t', 't.id', 'r.team_id')
    .innerJoin('people as l', 'l.id', 'r.leader_id')
    .select([
      'r.id',
      'r.organization_id',
      'r.team_id',
      't.name as teamName',
      'r.leader_id',
      'l.name as leaderName',
      'r.title',
      'r.description',
      'r.breach_kinds',
      'r.stage',
      'r.created_at',
    ]);
}

/** A repair of the actor's organisation that the actor may read; not-found for anything else. */
export async function loadRepairRow(
  db: Kysely<Database>,
  actor: Actor,
  repairId: string,
): Promise<RepairRow> {
  const row = await repairQuery(db)
    .where('r.id', '=', repairId)
    .where('r.organization_id', '=', actor.organizationId)
    .executeTakeFirst();
  if (!row || !policies.readRepair(actor, { leaderId: row.leader_id })) throw notFound('repair');
  return row;
}

export async function loadManagedRepair(
  db: Kysely<Database>,
  actor: Actor,
  repairId: string,
): Promise<RepairRow> {
  const row = await loadRepairRow(db, actor, repairId);
  authorize(
    policies.manageRepair(actor, { leaderId: row.leader_id }),
    "Only the repair's leader or an admin can do this.",
  );
  return row;
}

export function presentRepairSummary(row: RepairRow): RepairSummary {
  return {
    id: row.id,
    title: row.title,
    team: { id: row.team_id, name: row.teamName },
    leader: { id: row.leader_id, name: row.leaderName },
    stage: row.stage,
    breachKinds: JSON.parse(row.breach_kinds),
    createdAt: row.created_at,
  };
}

export type RoundRow = Selectable<RoundsTable>;

export async function loadRound(db: Kysely<Database>, repairId: string): Promise<RoundRow> {
  return db.selectFrom('rounds').selectAll().where('repair_id', '=', repairId).executeTakeFirstOrThrow();
}

export async function organizationThreshold(db: Kysely<Database>, organizationId: string): Promise<number> {
  const org = await db
    .selectFrom('organizations')
    .select('anonymity_threshold')
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return Math.max(MIN_ANONYMITY_THRESHOLD, org.anonymity_threshold);
}

async function roundLinkCounts(db: Kysely<Database>, roundId: string, threshold: number) {
  const count = async (table: 'ballot_claims' | 'ballot_reports') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('ballot_id', '=', roundId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const used = await count('ballot_claims');
  return { used: used >= threshold ? used : null, reportedMisused: await count('ballot_reports') };
}

/** The full repair view. Counts below the threshold are withheld: only "fewer than k" is said. */
export async function loadRepair(db: Kysely<Database>, actor: Actor, repairId: string): Promise<Repair> {
  const row = await loadRepairRow(db, actor, repairId);
  const round = await loadRound(db, repairId);
  const affected = await db
    .selectFrom('repair_people as rp')
    .innerJoin('people as p', 'p.id', 'rp.person_id')
    .select(['p.id', 'p.name'])
    .where('rp.repair_id', '=', repairId)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  const threshold = await organizationThreshold(db, row.organization_id);
  const invited = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('round_id', '=', round.id)
    .executeTakeFirstOrThrow();
  const spent = await db
    .selectFrom('spent_tokens')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('round_id', '=', round.id)
    .executeTakeFirstOrThrow();
  const count = Number(spent.n);
  return {
    ...presentRepairSummary(row),
    description: row.description,
    affected,
    nextStep: STAGE_NEXT_STEP[row.stage],
    round: {
      status: round.status,
      questions: JSON.parse(round.questions),
      closesOn: round.closes_on,
      forecast: policies.readAnswers(actor, { leaderId: row.leader_id }) ? JSON.parse(round.forecast) : {},
      forecastLocked: round.status !== 'draft',
      invitedCount: Number(invited.n),
      responses: { threshold, count: count >= threshold ? count : null },
      links: await roundLinkCounts(db, round.id, threshold),
    },
    abilities: abilities.repair(actor, { leaderId: row.leader_id }),
  };
}
