import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { runCommand } from './run-command.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date (serve also does this at start)')
    .option('--json', 'print the result as JSON')
    .action((options: { json?: boolean }) =>
      runCommand(async () => {
        const config = loadConfig();
        const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          const applied = await migrateToLatest(database.db);
          if (options.json) process.stdout.write(`${JSON.stringify({ engine: database.engine, applied })}\n`);
          else if (applied.length === 0)
            process.stdout.write(`The ${database.engine} database is up to date.\n`);
          else
            process.stdout.write(
              `Applied ${applied.length} migration(s) to ${database.engine}: ${applied.join(', ')}\n`,
            );
        } finally {
          await database.destroy();
        }
      }),
    );
}
