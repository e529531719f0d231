import { normalizeEmail } from '@kintsugi/core';
import { decoyHash, verifyPassword } from '../../auth/password.js';
import { AppError } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';
import { createSession } from './create-session.js';
import { clearSignInFailures, countSignInAttempt } from './sign-in-limits.js';

const WRONG = 'That email and password do not match an account. Check both and try again.';

/**
 * Signs in with email and password. Every attempt counts against the email's limit before the password is
 * checked (sign-in-limits.ts); only a successful one clears it.
 */
export async function login(deps: Deps, options: { email: string; password: string }) {
  const email = normalizeEmail(options.email);
  await countSignInAttempt(deps, 'account', email);
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
  const ok = await verifyPassword(options.password, user?.password_hash ?? (await decoyHash()));
  if (!user || !ok) throw new AppError('invalid_credentials', WRONG);
  await clearSignInFailures(deps, email);

  // A user may belong to several organisations; the oldest membership is where they land.
  const person = await deps.db
    .selectFrom('people')
    .select(['organization_id'])
    .where('user_id', '=', user.id)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  if (!person) {
    throw new AppError(
      'invalid_credentials',
      'This account no longer belongs to any organisation. Ask an admin.',
    );
  }
  return createSession(deps, { userId: user.id, organizationId: person.organization_id });
}
