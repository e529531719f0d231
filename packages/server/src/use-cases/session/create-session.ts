import { hashSecret, newSecret } from '../../auth/secrets.js';
import { type Deps, nowIso } from '../deps.js';

export const SESSION_DAYS = 14;

/** Starts a server-side session; returns the cookie value, which is stored only as its hash. */
export async function createSession(
  deps: Deps,
  options: { userId: string; organizationId: string },
): Promise<{ cookieValue: string; sessionId: string; csrfToken: string }> {
  const cookieValue = newSecret();
  const sessionId = hashSecret(cookieValue);
  const csrfToken = newSecret();
  const now = deps.now();
  // Expired sessions are useless; sweeping them here keeps the table small without a separate job.
  await deps.db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
  await deps.db
    .insertInto('sessions')
    .values({
      id: sessionId,
      user_id: options.userId,
      organization_id: options.organizationId,
      csrf_token: csrfToken,
      created_at: nowIso(deps),
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
    })
    .execute();
  return { cookieValue, sessionId, csrfToken };
}
