import type { Command } from 'commander';
import { createDemoOrganization } from '../use-cases/demo/create-demo-organization.js';
import { runCommand } from './run-command.js';
import { withDatabase } from './with-database.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Fill an empty database with a realistic demo organisation (teams, leaders, members)')
    .option('--json', 'print the result as JSON')
    .action((options: { json?: boolean }) =>
      runCommand(async () => {
        const summary = await withDatabase((deps) => createDemoOrganization(deps));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(summary)}\n`);
          return;
        }
        process.stdout.write(
          `Created "${summary.organization}" with ${summary.teams} teams and ${summary.people} people.\nSign in with:\n`,
        );
        for (const s of summary.signIn)
          process.stdout.write(`  ${s.role.padEnd(12)} ${s.email}  password: ${s.password}\n`);
      }),
    );
}
