import { join } from 'node:path';
import Database from 'better-sqlite3';

// A commitment's record starts when it is made, and the server's clock cannot be moved from a test. To test a
// record with occurrences already due, the commitment is made to have been made earlier, in the database itself
// (as loop-emails.test.ts turns the day in the outbox). Only the creation time moves; nothing is recorded here.

/** Sets when every commitment of a repair was made, as an ISO 8601 UTC time. */
export function backdateCommitments(dataDir: string, repairId: string, madeAt: string): void {
  const db = new Database(join(dataDir, 'kintsugi.db'), { timeout: 5_000 });
  try {
    db.prepare('UPDATE commitments SET created_at = ? WHERE repair_id = ?').run(madeAt, repairId);
  } finally {
    db.close();
  }
}

/** A minute before today's midnight (UTC, the test organisation's zone): today's 00:00 occurrence is its first. */
export function justBeforeToday(): string {
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  return new Date(midnight.getTime() - 60_000).toISOString();
}

/** A minute before midnight (UTC) at the start of `localDate` (YYYY-MM-DD). */
export function justBefore(localDate: string): string {
  return new Date(Date.parse(`${localDate}T00:00:00Z`) - 60_000).toISOString();
}
