import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';
import { runCommand } from './run-command.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Migrate the database and serve the web app and API (default http://localhost:3000)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action((options: { port?: string }) =>
      runCommand(async () => {
        const config = loadConfig(
          options.port === undefined ? process.env : { ...process.env, PORT: options.port },
        );
        await startServer(config);
      }),
    );
}
