import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, type Engine, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

const postgresUrl = process.env.TEST_POSTGRES_URL;

/**
 * The engines integration tests run against. `npm test` always sets TEST_POSTGRES_URL (starting a throwaway
 * cluster when needed); a bare `vitest` run without it covers SQLite only and says so.
 */
export const ENGINES: Engine[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
if (!postgresUrl) {
  process.stderr.write(
    'note: TEST_POSTGRES_URL is not set; storage tests run on SQLite only. `npm test` runs both.\n',
  );
}

export interface TestDatabase extends DatabaseHandle {
  cleanup(): Promise<void>;
}

/** A fresh, migrated database: in-memory SQLite, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const handle = openDatabase({ databaseUrl: null, dataDir: '', sqliteFile: ':memory:' });
    await migrateToLatest(handle.db);
    return { ...handle, cleanup: () => handle.destroy() };
  }
  if (!postgresUrl) throw new Error('TEST_POSTGRES_URL is not set');
  const name = `kintsugi_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 5 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    cleanup: async () => {
      await handle.destroy();
      const dropper = new pg.Client({ connectionString: postgresUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
