import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../db/database.js';
import { ENGINES } from '../test/test-database.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const TIMEOUT = 30_000;
const PASSWORD = 'a strong admin password';

/** The environment without anything that would point the CLI at a real database or server. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of [
    'DATABASE_URL',
    'PORT',
    'HOST',
    'BASE_URL',
    'SECRET',
    'DATA_DIR',
    'LOG_LEVEL',
    'KINTSUGI_ADMIN_PASSWORD',
  ]) {
    delete env[key];
  }
  return { ...env, ...extra };
}

/** The demo makes some forty RSA key pairs and blinds every token as a browser would: it needs longer. */
const DEMO_TIMEOUT = 120_000;

function run(
  args: string[],
  env: Record<string, string>,
  input?: string,
  timeout = TIMEOUT - 5_000,
): SpawnSyncReturns<string> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: baseEnv(env),
    encoding: 'utf8',
    timeout,
    ...(input === undefined ? {} : { input }),
  });
  if (result.error) throw result.error;
  return result;
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kintsugi-cli-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('kintsugi CLI, without a database', () => {
  it('is built', () => {
    expect(existsSync(CLI), 'run npm run build first').toBe(true);
  });

  it('lists its commands in --help', { timeout: TIMEOUT }, () => {
    const res = run(['--help'], { DATA_DIR: tempDir() });
    expect(res.status).toBe(0);
    for (const command of ['serve', 'migrate', 'create-admin', 'demo'])
      expect(res.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    expect(res.stdout).toContain('DATABASE_URL');
  });

  it.each(['serve', 'migrate', 'create-admin', 'demo'])(
    'shows help for %s',
    { timeout: TIMEOUT },
    (command) => {
      const res = run([command, '--help'], { DATA_DIR: tempDir() });
      expect(res.status).toBe(0);
      expect(res.stdout).toContain(`Usage: kintsugi ${command}`);
    },
  );

  it('fails on an unknown command', { timeout: TIMEOUT }, () => {
    const res = run(['frobnicate'], { DATA_DIR: tempDir() });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/unknown command/i);
  });

  it.each([
    ['PORT=abc', { PORT: 'abc' }, []],
    ['--port 70000', {}, ['--port', '70000']],
  ])('refuses serve with %s, naming PORT', { timeout: TIMEOUT }, (_label, env, args) => {
    const res = run(['serve', ...args], { DATA_DIR: tempDir(), ...env });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/PORT must be a whole number/);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each(['migrate', 'demo', 'serve'])(
    'refuses DATABASE_URL=mysql://x for %s, naming DATABASE_URL',
    { timeout: TIMEOUT },
    (command) => {
      const res = run([command], { DATA_DIR: tempDir(), DATABASE_URL: 'mysql://x' });
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(/DATABASE_URL must start with postgres:\/\//);
    },
  );
});

describe.each(ENGINES)('kintsugi CLI on %s', (engine: Engine) => {
  const databases: string[] = [];
  let server: string | undefined;
  beforeAll(() => {
    server = process.env.TEST_POSTGRES_URL;
  });
  afterAll(async () => {
    if (databases.length === 0 || !server) return;
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    for (const name of databases) await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });

  /** A fresh, empty database: a new DATA_DIR for SQLite, a new database on the test server for PostgreSQL. */
  async function emptyDatabase(): Promise<Record<string, string>> {
    const env: Record<string, string> = { DATA_DIR: tempDir() };
    if (engine === 'postgres') {
      if (!server) throw new Error('TEST_POSTGRES_URL is not set');
      const name = `kintsugi_cli_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      databases.push(name);
      const url = new URL(server);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
    }
    return env;
  }

  async function admins(env: Record<string, string>): Promise<{ email: string; organization_id: string }[]> {
    return select(env, "select email, organization_id from people where role = 'admin' order by email");
  }

  async function select<T>(env: Record<string, string>, query: string): Promise<T[]> {
    if (engine === 'sqlite') {
      const db = new SQLite(join(env.DATA_DIR ?? '', 'kintsugi.db'), { readonly: true });
      try {
        return db.prepare(query).all() as T[];
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(query)).rows;
    } finally {
      await client.end();
    }
  }

  it('migrates an empty database, then reports nothing to do', { timeout: TIMEOUT }, async () => {
    const env = await emptyDatabase();
    const first = run(['migrate', '--json'], env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      engine,
      applied: [
        '0001-initial',
        '0002-repairs-and-listening',
        '0003-commitments',
        '0004-team-links',
        '0005-calendar-feeds',
        '0006-witnesses',
        '0007-commitment-ledgers',
        '0008-pulses',
        '0009-team-pulse-trends',
        '0010-loop-updates',
        '0011-ballot-claims',
        '0012-sign-in-limits',
        '0013-api-token-expiry',
        '0014-server-settings',
        '0015-reattach-occurrences',
        '0016-people-name-order',
      ],
    });
    const second = run(['migrate', '--json'], env);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({ engine, applied: [] });
    const plain = run(['migrate'], env);
    expect(plain.stdout).toMatch(/up to date/);
  });

  describe('create-admin', () => {
    let env: Record<string, string>;
    beforeAll(async () => {
      env = await emptyDatabase();
    });
    /** `password` null runs without KINTSUGI_ADMIN_PASSWORD. */
    const createAdmin = (args: string[], password: string | null = PASSWORD, input?: string) =>
      run(
        ['create-admin', '--json', ...args],
        password === null ? env : { ...env, KINTSUGI_ADMIN_PASSWORD: password },
        input,
      );

    it('needs --organization on an empty database', { timeout: TIMEOUT }, async () => {
      const res = createAdmin(['--name', 'Ada', '--email', 'ada@example.org']);
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(/--organization/);
      expect(res.stderr).toMatch(/empty/);
      expect(await admins(env)).toEqual([]);
    });

    it('needs a password', { timeout: TIMEOUT }, () => {
      const res = createAdmin(
        ['--organization', 'Acme', '--name', 'Ada', '--email', 'ada@example.org'],
        null,
      );
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(/KINTSUGI_ADMIN_PASSWORD/);
    });

    it('refuses a too-short password, naming the problem', { timeout: TIMEOUT }, async () => {
      const res = createAdmin(
        ['--organization', 'Acme', '--name', 'Ada', '--email', 'ada@example.org'],
        'short',
      );
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(/--password: Must be at least 10 characters/);
      expect(await admins(env)).toEqual([]);
    });

    it('refuses a bad email, naming --email', { timeout: TIMEOUT }, () => {
      const res = createAdmin(['--organization', 'Acme', '--name', 'Ada', '--email', 'ada']);
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(/--email/);
    });

    let organizationId = '';
    it('creates the organisation and its first admin', { timeout: TIMEOUT }, async () => {
      const res = createAdmin(['--organization', 'Acme', '--name', 'Ada', '--email', 'Ada@Example.org']);
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      const result = JSON.parse(res.stdout);
      expect(result).toMatchObject({ organizationName: 'Acme', createdOrganization: true });
      organizationId = result.organizationId;
      expect(await admins(env)).toEqual([{ email: 'ada@example.org', organization_id: organizationId }]);
    });

    it('adds a second admin to the same organisation, reading the password from stdin', {
      timeout: TIMEOUT,
    }, async () => {
      const res = createAdmin(
        ['--name', 'Bo', '--email', 'bo@example.org', '--password-stdin'],
        null,
        `${PASSWORD}\n`,
      );
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({
        organizationId,
        organizationName: 'Acme',
        createdOrganization: false,
      });
      expect(await admins(env)).toEqual([
        { email: 'ada@example.org', organization_id: organizationId },
        { email: 'bo@example.org', organization_id: organizationId },
      ]);
    });

    it('refuses an email that already has an account', { timeout: TIMEOUT }, async () => {
      const res = createAdmin(['--name', 'Ada Again', '--email', 'ADA@example.org']);
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(/ada@example\.org already exists/);
      expect(await admins(env)).toHaveLength(2);
    });
  });

  describe('demo', () => {
    it('fills an empty database once, then refuses', { timeout: DEMO_TIMEOUT }, async () => {
      const env = await emptyDatabase();
      const first = run(['demo', '--json'], env, undefined, DEMO_TIMEOUT - 5_000);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      const summary = JSON.parse(first.stdout);
      expect(summary.teams).toBe(3);
      expect(summary.people).toBeGreaterThan(5);
      expect(summary.signIn.map((s: { role: string }) => s.role)).toContain('admin');
      expect(summary.repairs.listening).toMatchObject({ team: 'Patient Portal', answered: 2, invited: 6 });
      expect(summary.repairs.revealed).toMatchObject({ team: 'Data Platform', answered: 4, themes: 2 });
      const { demonstrating } = summary.repairs;
      expect(demonstrating).toMatchObject({ team: 'Data Platform', commitments: 2, missed: 2, witnesses: 5 });
      expect(demonstrating.kept).toBeGreaterThanOrEqual(12);
      expect(demonstrating.pending).toBeLessThanOrEqual(2);
      expect(demonstrating.witnessedOccurrences).toBe(5);
      const stages = await select<{ name: string; stage: string }>(
        env,
        'select t.name, r.stage from repairs r join teams t on t.id = r.team_id',
      );
      expect(Object.fromEntries(stages.map((r) => [r.name, r.stage]))).toEqual({
        'Patient Portal': 'listening',
        'Data Platform': 'demonstrating',
        'Clinical Support': 'committing',
      });
      // A year of pulses for Data Platform, half a year (pooled) for Clinical Support, a baseline for Patient Portal.
      expect(summary.repairs.pulses).toEqual([
        expect.objectContaining({ team: 'Data Platform', pulses: 27 }),
        expect.objectContaining({ team: 'Clinical Support', pulses: 7 }),
      ]);
      const pulses = await select<{ name: string; n: number }>(
        env,
        'select t.name, count(*) as n from pulses p join teams t on t.id = p.team_id group by t.name',
      );
      expect(Object.fromEntries(pulses.map((r) => [r.name, Number(r.n)]))).toEqual({
        'Patient Portal': 1,
        'Data Platform': 27,
        'Clinical Support': 7,
      });
      const second = run(['demo'], env);
      expect(second.status).toBe(1);
      expect(second.stderr).toMatch(/already holds an organisation/);
    });
  });
});
