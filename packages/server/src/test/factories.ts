import { randomUUID } from 'node:crypto';
import type { Role } from '@kintsugi/core';
import type { Actor } from '../auth/actor.js';
import { hashPassword } from '../auth/password.js';
import type { Database } from '../db/schema.js';
import { insertAccount } from '../use-cases/setup/setup-organization.js';
import { createApiToken } from '../use-cases/tokens/api-tokens.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

export interface TestAccount {
  actor: Actor;
  email: string;
  token: string;
}

export interface TestOrganization {
  id: string;
  admin: TestAccount;
  leader: TestAccount;
  facilitator: TestAccount;
  member: TestAccount;
  /** A person without an account. */
  plainPersonId: string;
  /** Led by `leader`, with `member` and the plain person in it. */
  teamId: string;
  /** A team the leader and member are not part of. */
  otherTeamId: string;
}

/** Creates an organisation with one account per role and two teams, straight through the use cases. */
export async function createOrganization(app: TestApp, label: string): Promise<TestOrganization> {
  const { db } = app.deps;
  const id = randomUUID();
  const now = app.deps.now().toISOString();
  await db
    .insertInto('organizations')
    .values({ id, name: `${label} Org`, time_zone: 'UTC', created_at: now })
    .execute();
  const account = (role: Role) => createAccount(app, id, role, `${role}.${label}`.toLowerCase());
  const admin = await account('admin');
  const leader = await account('leader');
  const facilitator = await account('facilitator');
  const member = await account('member');
  const plainPersonId = randomUUID();
  await db
    .insertInto('people')
    .values({
      id: plainPersonId,
      organization_id: id,
      name: `Plain ${label}`,
      email: `plain.${label}@example.org`.toLowerCase(),
      role: 'member',
      user_id: null,
      created_at: now,
    })
    .execute();
  const teamId = randomUUID();
  const otherTeamId = randomUUID();
  await db
    .insertInto('teams')
    .values([
      {
        id: teamId,
        organization_id: id,
        name: `${label} Team`,
        name_key: `${label} team`.toLowerCase(),
        leader_id: leader.actor.personId,
        created_at: now,
      },
      {
        id: otherTeamId,
        organization_id: id,
        name: `${label} Other`,
        name_key: `${label} other`.toLowerCase(),
        leader_id: null,
        created_at: now,
      },
    ])
    .execute();
  await db
    .insertInto('team_members')
    .values([
      { team_id: teamId, person_id: member.actor.personId, created_at: now },
      { team_id: teamId, person_id: plainPersonId, created_at: now },
    ])
    .execute();
  return { id, admin, leader, facilitator, member, plainPersonId, teamId, otherTeamId };
}

/** A team of `size` new members (people without accounts) led by the organisation's leader; answers its id. */
export async function createTeamWithMembers(
  app: TestApp,
  org: TestOrganization,
  size: number,
  label: string,
): Promise<string> {
  const { db } = app.deps;
  const now = app.deps.now().toISOString();
  const teamId = randomUUID();
  await db
    .insertInto('teams')
    .values({
      id: teamId,
      organization_id: org.id,
      name: `Team ${label}`,
      name_key: `team ${label}`.toLowerCase(),
      leader_id: org.leader.actor.personId,
      created_at: now,
    })
    .execute();
  for (let i = 0; i < size; i++) {
    const personId = randomUUID();
    await db
      .insertInto('people')
      .values({
        id: personId,
        organization_id: org.id,
        name: `Person ${label} ${i}`,
        email: `p${i}.${label}@example.org`.toLowerCase(),
        role: 'member',
        user_id: null,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('team_members')
      .values({ team_id: teamId, person_id: personId, created_at: now })
      .execute();
  }
  return teamId;
}

export async function createAccount(
  app: TestApp,
  organizationId: string,
  role: Role,
  localPart: string,
): Promise<TestAccount> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const email = `${localPart}@example.org`;
  const created = await app.deps.db.transaction().execute(async (trx) =>
    insertAccount(trx, app.deps, {
      organizationId,
      name: `Test ${localPart}`,
      email,
      passwordHash: hash,
      role,
    }),
  );
  const actor: Actor = { ...created, role, via: 'token', sessionId: null };
  const { secret } = await createApiToken(app.deps, actor, { name: 'test' });
  return { actor, email, token: secret };
}

/** Every table, for tests that must look at the whole database. */
export const ALL_TABLES = [
  'organizations',
  'users',
  'people',
  'teams',
  'team_members',
  'sessions',
  'api_tokens',
  'repairs',
  'repair_people',
  'rounds',
  'invitations',
  'spent_tokens',
  'answers',
  'follow_ups',
  'themes',
  'mail_outbox',
  'messages',
  'theme_reasons',
  'commitments',
  'occurrences',
  'team_links',
  'calendar_feeds',
  'witness_ballots',
  'witness_issued',
  'witness_spent',
  'witness_counts',
  'commitment_ledgers',
  'pulses',
  'pulse_invitations',
  'pulse_spent',
  'pulse_item_counts',
  'pulse_comments',
  'team_pulse_trends',
  'loop_updates',
  'ballot_claims',
  'ballot_links',
  'ballot_reports',
  'sign_in_limits',
  'server_settings',
] as const;

// Every table of the schema is listed: a new table that is left out fails to compile here.
type Unlisted = Exclude<keyof Database, (typeof ALL_TABLES)[number]>;
const everyTableListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTableListed;

/** Row counts of every table and a fingerprint of editable content, to prove a rejected request changed nothing. */
export async function snapshot(app: TestApp): Promise<Record<string, number>> {
  const { db } = app.deps;
  const counts: Record<string, number> = {};
  for (const table of ALL_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  const content = [
    await db.selectFrom('theme_reasons').select(['theme_id', 'reason']).orderBy('theme_id').execute(),
    await db
      .selectFrom('commitments')
      .select(['action', 'retired_at', 'retired_reason'])
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('organizations')
      .select(['name', 'time_zone', 'anonymity_threshold'])
      .orderBy('id')
      .execute(),
    await db.selectFrom('people').select(['name', 'email', 'role']).orderBy('id').execute(),
    await db
      .selectFrom('teams')
      .select(['name', 'leader_id', 'pulse_every_weeks', 'pulse_next_on'])
      .orderBy('id')
      .execute(),
    await db.selectFrom('pulses').select(['status', 'answers', 'o1', 'o4', 'o7']).orderBy('id').execute(),
    await db.selectFrom('pulse_invitations').select(['link_hash', 'token_issued']).orderBy('id').execute(),
    await db
      .selectFrom('pulse_item_counts')
      .select(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'])
      .orderBy('pulse_id')
      .orderBy('item_id')
      .execute(),
    await db
      .selectFrom('repairs')
      .select(['title', 'description', 'breach_kinds', 'stage'])
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('rounds')
      .select(['status', 'questions', 'forecast', 'closes_on'])
      .orderBy('id')
      .execute(),
    await db.selectFrom('invitations').select(['link_hash', 'token_issued']).orderBy('id').execute(),
    await db
      .selectFrom('themes')
      .select(['name', 'need', 'acknowledgement', 'answer_ids'])
      .orderBy('id')
      .execute(),
  ];
  counts.fingerprint = hash(JSON.stringify(content));
  return counts;
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/** Every row of every table, each table sorted by its rows' JSON: equal dumps mean nothing at all was written. */
export async function dumpTables(app: TestApp): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const table of ALL_TABLES) {
    const rows = await app.deps.db.selectFrom(table).selectAll().execute();
    dump[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return dump;
}
