import { verifySharedSecret } from '../auth/shared-secret.js';
import { loadConfig } from '../config.js';
import { createDeps } from '../create-deps.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Deps } from '../use-cases/deps.js';

/**
 * Opens the configured database (migrated), runs the body, and always closes it. `quiet` drops info logs;
 * `sharedSecret` first checks SECRET is the one the database was set up with, for commands that encrypt with it.
 */
export async function withDatabase<T>(
  body: (deps: Deps, database: DatabaseHandle) => Promise<T>,
  options: { quiet?: boolean; sharedSecret?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    if (options.sharedSecret)
      await verifySharedSecret(database.db, config.secret, { secretWasGenerated: config.secretGenerated });
    const logger = {
      info: (object: Record<string, unknown>, message: string) => {
        if (!options.quiet) process.stderr.write(`${message} ${JSON.stringify(object)}\n`);
      },
      warn: (object: Record<string, unknown>, message: string) =>
        process.stderr.write(`${message} ${JSON.stringify(object)}\n`),
    };
    return await body(createDeps(config, database, logger), database);
  } finally {
    await database.destroy();
  }
}
