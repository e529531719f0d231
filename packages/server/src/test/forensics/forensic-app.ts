import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../config.js';
import { type Engine, openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildApp } from '../../http/app.js';
import type { TestApp } from '../test-app.js';
import { logSink } from './log-sink.js';
import { SqliteWatch } from './sqlite-watch.js';

/** Where storage was at one moment: the adversary's copy of the files (SQLite), next xid and WAL position (PostgreSQL). */
export interface Position {
  /** SQLite: the number of the copy taken at this moment (-1 on PostgreSQL). */
  copy: number;
  nextXid: number;
  lsn: string;
}

/**
 * A stretch of the script: who acted (the leader, a person, a person's hostile device, or the server on its own,
 * e.g. a scheduled job), with the storage position before and after.
 */
export interface Phase {
  kind: 'leader' | 'person' | 'hostile' | 'system';
  /** Ground truth only: the person acting. The adversary never reads it. */
  person: string | null;
  start: Position;
  end: Position;
}

export interface ForensicApp extends TestApp {
  engine: Engine;
  /** SQLite: the folder holding kintsugi.db and its -wal. */
  sqliteDir: string | null;
  /** SQLite: the copies of kintsugi.db and its -wal taken at every step (see sqlite-watch.ts). */
  sqliteWatch: SqliteWatch | null;
  /** PostgreSQL: a superuser URL of this test's own database. */
  pgUrl: string | null;
  pgDatabase: string | null;
  /** PostgreSQL: backend process ids that served this database (PostgreSQL's log names lines by pid). */
  pgPids: Set<number>;
  phases: Phase[];
  /** Runs `act` as one phase of the script, recording where storage was before and after. */
  phase<T>(kind: Phase['kind'], person: string | null, act: () => Promise<T>): Promise<T>;
}

const SECRET = 'forensic-secret-forensic-secret-forensic!';

/**
 * The real server on storage an adversary can read as files: SQLite in a temp folder (WAL on, as in production),
 * or a fresh PostgreSQL database. Logs go to `logSink` at level info, as `kintsugi serve` logs by default.
 */
export async function createForensicApp(engine: Engine, now: () => Date): Promise<ForensicApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kintsugi-forensic-'));
  let pgDatabase: string | null = null;
  let pgUrl: string | null = null;
  const adminUrl = process.env.TEST_POSTGRES_URL ?? '';
  if (engine === 'postgres') {
    if (!adminUrl) throw new Error('TEST_POSTGRES_URL is not set');
    pgDatabase = `kintsugi_forensic_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${pgDatabase}`);
    const url = new URL(adminUrl);
    url.pathname = `/${pgDatabase}`;
    pgUrl = url.toString();
  }
  const handle = openDatabase({ databaseUrl: pgUrl, dataDir, poolSize: 5 });
  await migrateToLatest(handle.db);
  const config = loadConfig(
    {},
    { dataDir, databaseUrl: pgUrl, secret: SECRET, webDir: null, logLevel: 'info', smtpUrl: null },
  );
  const built = await buildApp({ config, database: handle, logger: true, logStream: logSink.stream, now });
  const database = { ...handle, cleanup: async () => {} };
  const phases: Phase[] = [];
  const watch = engine === 'sqlite' ? new SqliteWatch(dataDir) : null;
  if (watch) {
    // The adversary also copies the files after every request, so a checkpoint can fold away only the writes of
    // the request it ran in.
    const inject = built.app.inject.bind(built.app) as (
      options: InjectOptions,
    ) => Promise<LightMyRequestResponse>;
    Object.assign(built.app, {
      inject: async (options: InjectOptions) => {
        const response = await inject(options);
        watch.copy();
        return response;
      },
    });
  }
  const pgPids = new Set<number>();

  const position = async (): Promise<Position> => {
    if (watch) return { copy: watch.copy(), nextXid: 0, lsn: '' };
    const client = new pg.Client({ connectionString: pgUrl ?? '' });
    await client.connect();
    try {
      const row = await client.query<{ next: string; lsn: string; pids: number[] }>(
        `select pg_snapshot_xmax(pg_current_snapshot())::text as next, pg_current_wal_insert_lsn()::text as lsn,
                array(select pid from pg_stat_activity where datname = current_database()) as pids`,
      );
      for (const pid of row.rows[0]?.pids ?? []) pgPids.add(pid);
      return { copy: -1, nextXid: Number(row.rows[0]?.next), lsn: row.rows[0]?.lsn ?? '' };
    } finally {
      await client.end();
    }
  };

  return {
    ...built,
    database,
    engine,
    sqliteDir: engine === 'sqlite' ? dataDir : null,
    sqliteWatch: watch,
    pgUrl,
    pgDatabase,
    pgPids,
    phases,
    async phase(kind, person, act) {
      const start = await position();
      logSink.phase = kind;
      try {
        return await act();
      } finally {
        logSink.phase = 'between';
        phases.push({ kind, person, start, end: await position() });
      }
    },
    close: async () => {
      await built.app.close();
      await handle.destroy();
      if (pgDatabase) await adminQuery(adminUrl, `drop database if exists ${pgDatabase} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
