import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_DELAY_MS, openDatabase } from './database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The checkpoint after ballot writes runs in a timer: it must never end the process, and must still happen. */
describe('the SQLite checkpoint after ballot writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kintsugi-checkpoint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits for a transaction that is still open when it falls due, then empties the WAL', async () => {
    const handle = openDatabase({ dataDir: dir, databaseUrl: null });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      await sql`create table t (x integer)`.execute(handle.db);
      await handle.db.transaction().execute(async (trx) => {
        await sql`insert into t values (1)`.execute(trx);
        await handle.afterBallotWrite();
        // The transaction stays open past the checkpoint's time, as one awaiting a key pair does.
        await sleep(CHECKPOINT_DELAY_MS * 1.5);
      });
      await sleep(CHECKPOINT_DELAY_MS * 2);
      expect(uncaught).toEqual([]);
      const wal = join(dir, 'kintsugi.db-wal');
      expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    } finally {
      process.off('uncaughtException', onUncaught);
      await handle.destroy();
    }
  }, 15_000);
});
