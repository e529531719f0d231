#!/usr/bin/env node
import { Command } from 'commander';
import { registerCoachCommand } from './cli/coach-command.js';
import { registerCreateAdminCommand } from './cli/create-admin-command.js';
import { registerDemoCommand } from './cli/demo-command.js';
import { registerMigrateCommand } from './cli/migrate-command.js';
import { registerServeCommand } from './cli/serve-command.js';

const program = new Command()
  .name('kintsugi')
  .description(
    "Kintsugi helps a leader rebuild a team's broken trust.\nConfigure with PORT, HOST, DATABASE_URL, BASE_URL, SECRET, DATA_DIR, LOG_LEVEL.",
  )
  .showHelpAfterError();

registerServeCommand(program);
registerMigrateCommand(program);
registerCreateAdminCommand(program);
registerDemoCommand(program);
registerCoachCommand(program);

await program.parseAsync();
