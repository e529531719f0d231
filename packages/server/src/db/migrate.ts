import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as initial from './migrations/0001-initial.js';
import * as repairsAndListening from './migrations/0002-repairs-and-listening.js';
import * as commitments from './migrations/0003-commitments.js';
import * as teamLinks from './migrations/0004-team-links.js';
import * as calendarFeeds from './migrations/0005-calendar-feeds.js';
import * as witnesses from './migrations/0006-witnesses.js';
import * as commitmentLedgers from './migrations/0007-commitment-ledgers.js';
import * as pulses from './migrations/0008-pulses.js';
import * as teamPulseTrends from './migrations/0009-team-pulse-trends.js';
import * as loopUpdates from './migrations/0010-loop-updates.js';
import * as ballotClaims from './migrations/0011-ballot-claims.js';
import * as signInLimits from './migrations/0012-sign-in-limits.js';
import * as apiTokenExpiry from './migrations/0013-api-token-expiry.js';
import * as serverSettings from './migrations/0014-server-settings.js';
import * as reattachOccurrences from './migrations/0015-reattach-occurrences.js';
import * as peopleNameOrder from './migrations/0016-people-name-order.js';
import type { Database } from './schema.js';

// Listed in code rather than read from a folder, so the bundle and tests need no file-system lookup.
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-repairs-and-listening': repairsAndListening,
  '0003-commitments': commitments,
  '0004-team-links': teamLinks,
  '0005-calendar-feeds': calendarFeeds,
  '0006-witnesses': witnesses,
  '0007-commitment-ledgers': commitmentLedgers,
  '0008-pulses': pulses,
  '0009-team-pulse-trends': teamPulseTrends,
  '0010-loop-updates': loopUpdates,
  '0011-ballot-claims': ballotClaims,
  '0012-sign-in-limits': signInLimits,
  '0013-api-token-expiry': apiTokenExpiry,
  '0014-server-settings': serverSettings,
  '0015-reattach-occurrences': reattachOccurrences,
  '0016-people-name-order': peopleNameOrder,
};

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
