import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { withStatementCache } from './sqlite-statement-cache.js';

export type Engine = 'sqlite' | 'postgres';

/** How long after the last anonymous ballot batch SQLite truncates its WAL. */
export const CHECKPOINT_DELAY_MS = 1_000;

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  destroy(): Promise<void>;
  /**
   * After a batch of anonymous ballot rows: SQLite truncates its WAL, so earlier page versions (which could order
   * the batches' neighbours) leave the disk; PostgreSQL keeps its WAL for crash recovery and replicas, which the
   * batching itself makes harmless (see ARCHITECTURE.md).
   */
  afterBallotWrite(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`, or null for SQLite. */
  databaseUrl: string | null;
  /** Folder holding kintsugi.db when SQLite is used. */
  dataDir: string;
  /** A SQLite file path that overrides dataDir (":memory:" for tests). */
  sqliteFile?: string;
  poolSize?: number;
}

/** The dialect seam: the only place that knows which engine is underneath. */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection can be cut by the server (a restart, a failover, an administrator). pg reports that as an
    // 'error' event on the pool, which would otherwise crash the process; the pool replaces the client on next use.
    pool.on('error', (error) => {
      process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', destroy: () => db.destroy(), afterBallotWrite: async () => {} };
  }
  const file = options.sqliteFile ?? join(options.dataDir, 'kintsugi.db');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted and rewritten rows are zeroed on disk instead of lingering in free space.
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  let checkpoint: ReturnType<typeof setTimeout> | null = null;
  return {
    db,
    engine: 'sqlite',
    destroy: () => {
      if (checkpoint) clearTimeout(checkpoint);
      // Closing checkpoints and removes the WAL anyway.
      return db.destroy();
    },
    afterBallotWrite: async () => {
      // A checkpoint waits for the disk and blocks the process, so it runs once a burst of batches is over rather
      // than after each. Busy readers can keep it from finishing; the next burst tries again.
      if (file === ':memory:' || checkpoint) return;
      const schedule = () => {
        checkpoint = setTimeout(() => {
          checkpoint = null;
          if (!sqlite.open) return;
          try {
            sqlite.pragma('wal_checkpoint(TRUNCATE)');
          } catch (error) {
            // A transaction still open on this connection (one awaiting a key pair, say) locks the tables: try
            // again later. A throw here, in a timer, would end the process.
            const code = (error as { code?: unknown }).code;
            if (code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY') schedule();
            else
              process.emitWarning(`SQLite checkpoint failed (${String(code)}); the next burst tries again`);
          }
        }, CHECKPOINT_DELAY_MS);
        checkpoint.unref();
      };
      schedule();
    },
  };
}

/** True when the error is a unique-constraint violation, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * Locks one row against deletion and against new rows that reference it until the transaction ends: on
 * PostgreSQL a `FOR UPDATE` lock, which conflicts with the key-share lock an inserted referencing row takes, so a
 * check of what references the row cannot be overtaken by such an insert. SQLite runs one write transaction at a
 * time and needs no lock.
 */
export async function lockReferencedRow(trx: Kysely<Database>, table: 'teams' | 'people', id: string) {
  if (trx.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`select id from ${sql.table(table)} where id = ${id} for update`.execute(trx);
}

/** Which engine a Kysely instance talks to; for the few migrations that differ by engine. */
export function engineOf(db: Kysely<unknown>): Engine {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

/**
 * Whether a table's rows are read back in primary-key order rather than insertion order. SQLite tables created
 * WITHOUT ROWID are stored as a B-tree on their key; PostgreSQL heaps keep roughly the order rows were written in.
 */
export function rowsFollowKeyOrder(engine: Engine): boolean {
  return engine === 'sqlite';
}
