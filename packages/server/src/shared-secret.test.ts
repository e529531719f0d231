import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createBallotKeys } from './ballots/ballot-keys.js';
import { loadConfig } from './config.js';
import { type Engine, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { startServer } from './server.js';
import { ENGINES } from './test/test-database.js';

/**
 * Every instance on one database must share one SECRET: it keys the ballots' private keys, so an instance with
 * another one could not sign for ballots the others opened (people's answers were refused with "blinded message
 * does not fit", and nothing said why). The database keeps an HMAC of a constant under SECRET; an instance whose
 * SECRET gives another value — or, on a database from before the check, does not open the ballot keys it holds —
 * refuses to start, saying what to do.
 */
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const postgresUrl = process.env.TEST_POSTGRES_URL;
const dropped: (() => Promise<void>)[] = [];

/** A fresh storage for several instances: a data folder (SQLite in it) or a new PostgreSQL database. */
async function storage(engine: Engine): Promise<{ databaseUrl: string | null; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kintsugi-secret-'));
  dropped.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  if (engine === 'sqlite') return { databaseUrl: null, dataDir };
  const name = `kintsugi_secret_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  dropped.push(async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });
  const url = new URL(postgresUrl ?? '');
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), dataDir };
}

const start = (where: { databaseUrl: string | null; dataDir: string }, secret?: string) =>
  startServer(
    loadConfig(
      {},
      {
        ...where,
        port: 0,
        host: '127.0.0.1',
        logLevel: 'silent',
        webDir: null,
        smtpUrl: null,
        ...(secret ? { secret } : {}),
      },
    ),
  );

const MISMATCH =
  /SECRET is not the one this database was set up with.*Every instance .* must use the same SECRET.*Refusing to start/s;

describe.each(ENGINES)('a shared SECRET across instances (%s)', (engine) => {
  afterEach(async () => {
    for (const drop of dropped.splice(0)) await drop();
  });

  it('lets every instance with the same SECRET start, side by side and again later', async () => {
    const where = await storage(engine);
    const first = await start(where, A);
    const second = await start(where, A);
    await second.stop();
    await first.stop();
    const again = await start(where, A);
    await again.stop();
  });

  it('refuses to start an instance with another SECRET, saying so, while the others keep running', async () => {
    const where = await storage(engine);
    const first = await start(where, A);
    await expect(start(where, B)).rejects.toThrow(MISMATCH);
    const health = await fetch(`${first.url}/readyz`);
    expect(health.status).toBe(200);
    await first.stop();
    await expect(start(where, B)).rejects.toThrow(MISMATCH);
  });

  it('refuses an instance that made up its own SECRET because none was set', async () => {
    const where = await storage(engine);
    const first = await start(where, A);
    await first.stop();
    // A second machine with SECRET unset and its own data folder generates a secret of its own.
    const elsewhere = { ...where, dataDir: mkdtempSync(join(tmpdir(), 'kintsugi-secret-other-')) };
    dropped.push(async () => rmSync(elsewhere.dataDir, { recursive: true, force: true }));
    if (engine === 'sqlite') return; // On SQLite the database lives in the data folder, so it is new there.
    await expect(start(elsewhere)).rejects.toThrow(/SECRET was not set, so this instance generated its own/);
  });

  it('on a database from before the check, refuses a SECRET that does not open its ballot keys', async () => {
    const where = await storage(engine);
    const database = openDatabase({ ...where });
    await migrateToLatest(database.db);
    const ballotId = '5b0e7c1e-8f4a-4c3b-9d2e-1a2b3c4d5e6f';
    const keys = await createBallotKeys(A, ballotId);
    const now = new Date().toISOString();
    await database.db
      .insertInto('organizations')
      .values({ id: ballotId, name: 'Old', time_zone: 'UTC', created_at: now })
      .execute();
    await database.db
      .insertInto('teams')
      .values({
        id: ballotId,
        organization_id: ballotId,
        name: 'T',
        name_key: 't',
        leader_id: null,
        created_at: now,
      })
      .execute();
    await database.db
      .insertInto('people')
      .values({
        id: ballotId,
        organization_id: ballotId,
        name: 'L',
        email: 'l@example.org',
        role: 'leader',
        user_id: null,
        created_at: now,
      })
      .execute();
    await database.db
      .insertInto('repairs')
      .values({
        id: ballotId,
        organization_id: ballotId,
        team_id: ballotId,
        leader_id: ballotId,
        title: 'Old',
        description: 'Old',
        breach_kinds: '["voice"]',
        stage: 'listening',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await database.db
      .insertInto('rounds')
      .values({
        id: ballotId,
        repair_id: ballotId,
        status: 'open',
        questions: '[]',
        forecast: '{}',
        closes_on: '2099-01-01',
        opened_on: '2030-01-01',
        public_key: keys.publicKey,
        private_key: keys.encryptedPrivateKey,
        created_at: now,
      })
      .execute();
    await database.destroy();
    await expect(start(where, B)).rejects.toThrow(
      /does not open the ballot keys this database already holds/,
    );
    const right = await start(where, A);
    await right.stop();
  });
});

afterAll(async () => {
  for (const drop of dropped.splice(0)) await drop();
});
