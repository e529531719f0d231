import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../test/test-database.js';
import { isUniqueViolation } from './database.js';
import { migrateToLatest } from './migrate.js';

describe.each(ENGINES)('storage (%s)', (engine) => {
  let database: TestDatabase;
  const now = new Date().toISOString();

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database.cleanup());

  it('is on the engine asked for', () => {
    expect(database.engine).toBe(engine);
  });

  it('migrations are recorded and a second run applies nothing', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
    const tables = await database.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'organizations',
        'users',
        'people',
        'teams',
        'team_members',
        'sessions',
        'api_tokens',
      ]),
    );
  });

  it('reports unique violations the same way on both engines', async () => {
    const org = { id: randomUUID(), name: 'O', time_zone: 'UTC', created_at: now };
    await database.db.insertInto('organizations').values(org).execute();
    const error = await database.db
      .insertInto('organizations')
      .values(org)
      .execute()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).not.toBeNull();
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });

  it('enforces foreign keys and cascades organisation deletes', async () => {
    const orgId = randomUUID();
    await database.db
      .insertInto('organizations')
      .values({ id: orgId, name: 'C', time_zone: 'UTC', created_at: now })
      .execute();
    const orphan = database.db
      .insertInto('people')
      .values({
        id: randomUUID(),
        organization_id: randomUUID(),
        name: 'X',
        email: 'x@example.org',
        role: 'member',
        user_id: null,
        created_at: now,
      })
      .execute();
    await expect(orphan).rejects.toThrow();
    const personId = randomUUID();
    await database.db
      .insertInto('people')
      .values({
        id: personId,
        organization_id: orgId,
        name: 'Y',
        email: 'y@example.org',
        role: 'member',
        user_id: null,
        created_at: now,
      })
      .execute();
    await database.db.deleteFrom('organizations').where('id', '=', orgId).execute();
    const left = await database.db.selectFrom('people').select('id').where('id', '=', personId).execute();
    expect(left).toEqual([]);
  });

  it('rolls a failed transaction back completely', async () => {
    const orgId = randomUUID();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('organizations')
          .values({ id: orgId, name: 'T', time_zone: 'UTC', created_at: now })
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const found = await database.db
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', orgId)
      .execute();
    expect(found).toEqual([]);
  });
});
