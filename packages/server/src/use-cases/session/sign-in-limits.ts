import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';

/**
 * Sign-in limits, counted in the database so that every instance of the server counts the same attempts:
 *
 * - per client address: 10 attempts a minute, so one machine cannot try many passwords on many accounts;
 * - per email address: 10 failed attempts in the 15 minutes after the first, so a password cannot be guessed
 *   from many machines either. Counted for any email, whether an account has it or not, so the limit does not
 *   reveal which accounts exist; a successful sign-in clears it.
 *
 * A window starts with its first attempt and lasts its length; the count and the start change in one statement
 * (an upsert), so concurrent attempts on several instances are all counted. Rows are named by an HMAC of the
 * address under SECRET and swept once their window has passed: the table never holds an address.
 */
export const SIGN_IN_LIMITS = {
  address: { max: 10, windowMs: 60_000 },
  account: { max: 10, windowMs: 15 * 60_000 },
} as const;

type LimitKind = keyof typeof SIGN_IN_LIMITS;

const MESSAGES: Record<LimitKind, string> = {
  address: 'Too many sign-in attempts from your network. Wait a minute, then try again.',
  account:
    'Too many failed sign-ins for this email address. Wait 15 minutes, then try again; if you have forgotten the password, ask an admin.',
};

function limitKey(deps: Deps, kind: LimitKind, value: string): string {
  return createHmac('sha256', deps.secret).update(`sign-in-limit:${kind}:${value}`).digest('hex');
}

/**
 * Counts one attempt against the limit and refuses it (429, with when to try again) when it goes over. For the
 * account limit call it before the password is checked, so that guesses beyond the limit are never checked.
 */
export async function countSignInAttempt(deps: Deps, kind: LimitKind, value: string): Promise<void> {
  const { max, windowMs } = SIGN_IN_LIMITS[kind];
  const now = deps.now();
  const nowIso = now.toISOString();
  const windowOpen = new Date(now.getTime() - windowMs).toISOString();
  const row = await deps.db
    .insertInto('sign_in_limits')
    .values({ key: limitKey(deps, kind, value), window_start: nowIso, count: 1 })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        count: sql<number>`case when sign_in_limits.window_start > ${windowOpen} then sign_in_limits.count + 1 else 1 end`,
        window_start: sql<string>`case when sign_in_limits.window_start > ${windowOpen} then sign_in_limits.window_start else ${nowIso} end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  if (Number(row.count) <= max) return;
  const retryAfterMs = Date.parse(row.window_start) + windowMs - now.getTime();
  throw new AppError('rate_limited', MESSAGES[kind], {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
  });
}

/** After a successful sign-in: the email's failures are forgotten, and windows that have passed are swept. */
export async function clearSignInFailures(deps: Deps, email: string): Promise<void> {
  await deps.db
    .deleteFrom('sign_in_limits')
    .where('key', '=', limitKey(deps, 'account', email))
    .execute();
  const longest = Math.max(...Object.values(SIGN_IN_LIMITS).map((limit) => limit.windowMs));
  const passed = new Date(deps.now().getTime() - longest).toISOString();
  await deps.db.deleteFrom('sign_in_limits').where('window_start', '<=', passed).execute();
}
