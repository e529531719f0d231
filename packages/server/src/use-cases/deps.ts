import type { Kysely } from 'kysely';
import type { BallotKeys } from '../ballots/ballot-keys.js';
import type { BallotMixer } from '../ballots/ballot-mixer.js';
import type { Engine } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { Mailer } from '../mail/mailer.js';

/** What every use case needs; passed explicitly so tests can run use cases without HTTP. */
export interface Deps {
  db: Kysely<Database>;
  engine: Engine;
  now: () => Date;
  /** The server secret: keys anonymous-ballot private keys at rest. */
  secret: string;
  /** Public address, for links in emails. */
  baseUrl: string;
  mailer: Mailer;
  /** Anonymous submissions and token records waiting to be written in batches (ballots/ballot-mixer.ts). */
  ballots: BallotMixer;
  /** Called after each ballot batch: lets the engine drop old page versions (SQLite: truncate the WAL). */
  afterBallotWrite(): Promise<void>;
  /** Makes a ballot's RSA key pair (ballots/ballot-keys.ts); a dependency so tests can count what is paid for. */
  createBallotKeys(secret: string, ballotId: string): Promise<BallotKeys>;
}

export function nowIso(deps: Deps): string {
  return deps.now().toISOString();
}
