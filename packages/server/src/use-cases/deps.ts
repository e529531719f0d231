import type { Kysely } from 'kysely';
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
}

export function nowIso(deps: Deps): string {
  return deps.now().toISOString();
}
