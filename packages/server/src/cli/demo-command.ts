import type { Command } from 'commander';
import { createDemoOrganization } from '../use-cases/demo/create-demo-organization.js';
import { runCommand } from './run-command.js';
import { withDatabase } from './with-database.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Fill an empty database with a realistic demo organisation (teams, leaders, members, a repair listening and one demonstrating)',
    )
    .option('--json', 'print the result as JSON')
    .action((options: { json?: boolean }) =>
      runCommand(async () => {
        const summary = await withDatabase((deps) => createDemoOrganization(deps), {
          quiet: true,
          sharedSecret: true,
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(summary)}\n`);
          return;
        }
        process.stdout.write(
          `Created "${summary.organization}" with ${summary.teams} teams and ${summary.people} people.\nSign in with:\n`,
        );
        for (const s of summary.signIn)
          process.stdout.write(`  ${s.role.padEnd(12)} ${s.email}  password: ${s.password}\n`);
        const { listening, revealed, demonstrating: d } = summary.repairs;
        const pending = d.pending > 0 ? `, ${d.pending} waiting to be recorded` : '';
        process.stdout.write(
          `Repairs:\n  ${listening.team}: "${listening.title}" — listening, ${listening.invited} invited, fewer than 3 answers so far (nothing shown yet)\n` +
            `  ${revealed.team}: "${revealed.title}" — demonstrating: ${revealed.answered} of ${revealed.invited} answered, a follow-up and ${revealed.themes} themes;\n` +
            `    a published response and ${d.commitments} commitments since ${d.since}: ${d.kept} occurrences kept, ${d.missed} missed${pending};\n` +
            `    ${d.witnesses} team members witnessed ${d.witnessedOccurrences} of them\n` +
            `  ${summary.repairs.committing.team}: "${summary.repairs.committing.title}" — committing, ${summary.repairs.committing.coverage}\n` +
            `Trust pulses: ${summary.repairs.pulses.map((p) => `${p.team} ${p.pulses} pulses (${p.answers} answers)`).join(', ')}; Patient Portal's baseline is open\n` +
            'The invitation and team-space emails are in the outbox (or sent, when SMTP_URL is set).\n',
        );
      }),
    );
}
