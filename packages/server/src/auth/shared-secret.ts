import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { decryptPrivateKey } from '../ballots/ballot-keys.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import { safeEqual } from './secrets.js';

const SETTING = 'secret_check';

/** A value only this SECRET gives, and that tells nothing about it: an HMAC of a constant under it. */
export function secretCheckValue(secret: string): string {
  return createHmac('sha256', secret).update('kintsugi:shared-secret-check:v1').digest('hex');
}

/**
 * Makes sure this instance has the SECRET every other instance on the database has: SECRET keys the ballots'
 * private keys, and an instance with another one cannot sign for ballots the others opened. The first instance to
 * start stores the check value; every later one compares with it and refuses to start on a mismatch. On a
 * database from before the check, the SECRET must first open a ballot key already there, if there is one.
 */
export async function verifySharedSecret(
  db: Kysely<Database>,
  secret: string,
  options: { secretWasGenerated: boolean },
): Promise<void> {
  const mine = secretCheckValue(secret);
  const stored = await db
    .selectFrom('server_settings')
    .select('value')
    .where('name', '=', SETTING)
    .executeTakeFirst();
  if (stored === undefined) {
    await assertOpensExistingKeys(db, secret, options);
    await db
      .insertInto('server_settings')
      .values({ name: SETTING, value: mine })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute();
  }
  // Read back: of two instances starting together on a new database, the second compares with the first.
  const agreed = await db
    .selectFrom('server_settings')
    .select('value')
    .where('name', '=', SETTING)
    .executeTakeFirstOrThrow();
  if (!safeEqual(agreed.value, mine)) throw mismatch(options, 'is not the one this database was set up with');
}

async function assertOpensExistingKeys(
  db: Kysely<Database>,
  secret: string,
  options: { secretWasGenerated: boolean },
): Promise<void> {
  const round = await db
    .selectFrom('rounds')
    .select(['id', 'private_key'])
    .where('private_key', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  const pulse = round
    ? undefined
    : await db.selectFrom('pulses').select(['id', 'private_key']).limit(1).executeTakeFirst();
  const key = round?.private_key ? { id: round.id, encrypted: round.private_key } : undefined;
  const sample = key ?? (pulse ? { id: `pulse:${pulse.id}`, encrypted: pulse.private_key } : undefined);
  if (!sample) return;
  try {
    decryptPrivateKey(secret, sample.id, sample.encrypted);
  } catch {
    throw mismatch(options, 'does not open the ballot keys this database already holds');
  }
}

function mismatch(options: { secretWasGenerated: boolean }, what: string): AppError {
  const cause = options.secretWasGenerated
    ? ' SECRET was not set, so this instance generated its own (kept in DATA_DIR/secret).'
    : '';
  return new AppError(
    'invalid_config',
    `This instance's SECRET ${what}.${cause} Every instance of Kintsugi on one database must use the same SECRET: ` +
      'set SECRET to the value the other instances use (the first instance keeps it in DATA_DIR/secret if SECRET ' +
      'was not set there either). Refusing to start: with another SECRET people could not answer the ballots the ' +
      'other instances opened.',
  );
}
