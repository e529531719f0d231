import { loadConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Deps } from '../use-cases/deps.js';

/** Opens the configured database (migrated), runs the body, and always closes it. */
export async function withDatabase<T>(
  body: (deps: Deps, database: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    return await body({ db: database.db, now: () => new Date() }, database);
  } finally {
    await database.destroy();
  }
}
