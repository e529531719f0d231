import { emailSchema, nameSchema, passwordSchema } from '@kintsugi/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { createAdmin } from '../use-cases/setup/create-admin.js';
import { readPasswordFromStdin } from './read-password.js';
import { runCommand } from './run-command.js';
import { withDatabase } from './with-database.js';

const optionsSchema = z.object({
  organization: nameSchema.optional(),
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});

export function registerCreateAdminCommand(program: Command): void {
  program
    .command('create-admin')
    .description(
      'Create an admin account. On an empty database this also creates the organisation (--organization is then required).',
    )
    .requiredOption('--name <name>', "the admin's full name")
    .requiredOption('--email <email>', "the admin's email, used to sign in")
    .option('--organization <name>', 'organisation name (first run only)')
    .option('--password-stdin', 'read the password from standard input instead of KINTSUGI_ADMIN_PASSWORD')
    .option('--json', 'print the result as JSON')
    .action(
      (options: {
        name: string;
        email: string;
        organization?: string;
        passwordStdin?: boolean;
        json?: boolean;
      }) =>
        runCommand(async () => {
          const password = options.passwordStdin
            ? await readPasswordFromStdin('Password: ')
            : process.env.KINTSUGI_ADMIN_PASSWORD;
          if (password === undefined) {
            throw new AppError(
              'invalid_input',
              'Give the password with --password-stdin or the KINTSUGI_ADMIN_PASSWORD variable.',
            );
          }
          const parsed = optionsSchema.safeParse({ ...options, password });
          if (!parsed.success) {
            const issues = parsed.error.issues
              .map((i) => `--${String(i.path[0] ?? 'option')}: ${i.message}`)
              .join(' ');
            throw new AppError('invalid_input', issues);
          }
          const result = await withDatabase((deps) => createAdmin(deps, parsed.data));
          if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
          else {
            const where = result.createdOrganization
              ? `the new organisation "${result.organizationName}"`
              : `"${result.organizationName}"`;
            process.stdout.write(
              `Created admin ${parsed.data.email} in ${where}. Sign in with that email and password.\n`,
            );
          }
        }),
    );
}
