import { verifySharedSecret } from './auth/shared-secret.js';
import type { Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './http/app.js';
import { startScheduler } from './jobs/scheduler.js';

/** Starts the HTTP server: migrates, listens, and shuts down gracefully on SIGTERM/SIGINT. */
export async function startServer(config: Config): Promise<{ url: string; stop(): Promise<void> }> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    await verifySharedSecret(database.db, config.secret, { secretWasGenerated: config.secretGenerated });
  } catch (error) {
    await database.destroy();
    throw error;
  }
  const { app, deps, markShuttingDown } = await buildApp({ config, database });
  const scheduler = startScheduler(deps, app.log, config.jobIntervalMs);
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ engine: database.engine, address, baseUrl: config.baseUrl }, 'Kintsugi is ready');

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      markShuttingDown();
      await scheduler.stop();
      // close() stops accepting connections and waits for requests in flight to finish.
      await app.close();
      // Answers still waiting for others to be stored with are stored now, whatever their number (ballot-mixer.ts).
      const pending = deps.ballots.size();
      const stored = await deps.ballots.flushAll(deps);
      if (pending.submissions > 0 || pending.members > 0)
        app.log.info({ stored, droppedRecords: pending.members }, 'anonymous submissions stored before exit');
      await database.destroy();
    })();
    return stopping;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      const timer = setTimeout(() => {
        app.log.error('shutdown took longer than 10 s; exiting');
        process.exit(1);
      }, 10_000);
      timer.unref();
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'error during shutdown');
          process.exit(1);
        },
      );
    });
  }
  return { url: address, stop };
}
