import type { Actor } from '../../auth/actor.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { AppError } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';

/**
 * Changes the actor's password, signs out every other session of theirs and revokes all their API tokens: whoever
 * knew the old password could have made one, and a token would outlive the change.
 */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  options: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await deps.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(options.currentPassword, user.password_hash))) {
    throw new AppError('wrong_password', 'Your current password is not correct.', {
      errors: [{ path: 'currentPassword', message: 'This is not your current password.' }],
    });
  }
  const passwordHash = await hashPassword(options.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', actor.userId)
      .execute();
    let others = trx.deleteFrom('sessions').where('user_id', '=', actor.userId);
    if (actor.sessionId) others = others.where('id', '!=', actor.sessionId);
    await others.execute();
    await trx.deleteFrom('api_tokens').where('user_id', '=', actor.userId).execute();
  });
}
