import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** What every use case needs; passed explicitly so tests can run use cases without HTTP. */
export interface Deps {
  db: Kysely<Database>;
  now: () => Date;
}

export function nowIso(deps: Deps): string {
  return deps.now().toISOString();
}
