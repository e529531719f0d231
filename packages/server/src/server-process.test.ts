import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { obtainBlindToken } from '@kintsugi/core';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const webIndex = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealth(base: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${stderr()}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not become healthy: ${stderr()}`);
}

/** The real `kintsugi serve` process, as an operator runs it. */
describe('kintsugi serve (a real process)', () => {
  let child: ChildProcess;
  let base: string;
  let dataDir: string;
  let stderr = '';

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error('packages/server/dist/cli.js is missing: run npm run build first');
    dataDir = mkdtempSync(join(tmpdir(), 'kintsugi-serve-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [cli, 'serve'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
        BASE_URL: base,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await waitForHealth(base, child, () => stderr);
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the SQLite database and the secret in DATA_DIR', () => {
    expect(existsSync(join(dataDir, 'kintsugi.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'secret'))).toBe(true);
  });

  it('answers liveness and readiness', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it.runIf(existsSync(webIndex))('serves the web app for app paths, with security headers', async () => {
    for (const path of ['/', '/teams', '/people/import']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('finishes requests in flight when told to stop with SIGTERM, then exits 0', async () => {
    await fetch(`${base}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organizationName: 'Org',
        name: 'Ann',
        email: 'ann@example.org',
        password: 'long enough pw',
      }),
    });
    // Sign-ins spend tens of milliseconds hashing, so they are still running when the signal arrives.
    const inFlight = Array.from({ length: 6 }, () =>
      fetch(`${base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ann@example.org', password: 'long enough pw' }),
      }).then((r) => r.status),
    );
    // Signal only once the server has received all six (it logs each incoming request).
    const received = () =>
      stderr.split('\n').filter((l) => l.includes('incoming request') && l.includes('/api/v1/session'))
        .length;
    const deadline = Date.now() + 5_000;
    while (received() < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    expect(received()).toBe(6);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await Promise.all(inFlight)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await exited).toBe(0);
  });
});

/** SPEC §5 and the ballot mixer: answers waiting in memory for others are stored when the process is told to stop. */
describe('kintsugi serve, stopped while answers wait to be stored (a real process)', () => {
  let child: ChildProcess;
  let base: string;
  let dataDir: string;
  let stderr = '';

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error('packages/server/dist/cli.js is missing: run npm run build first');
    dataDir = mkdtempSync(join(tmpdir(), 'kintsugi-serve-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [cli, 'serve'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        BASE_URL: base,
        SMTP_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await waitForHealth(base, child, () => stderr);
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores them on SIGTERM, whatever their number, before it exits', { timeout: 60_000 }, async () => {
    let cookie = '';
    let csrf = '';
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(cookie ? { cookie: `kintsugi_session=${cookie}`, 'x-csrf-token': csrf } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return { res, json: text ? JSON.parse(text) : null };
    };
    const setup = await call('POST', '/api/v1/setup', {
      organizationName: 'Org',
      name: 'Lee Leader',
      email: 'lee@example.org',
      password: 'long enough pw',
    });
    cookie = /kintsugi_session=([^;]+)/.exec(setup.res.headers.get('set-cookie') ?? '')?.[1] ?? '';
    csrf = setup.json.csrfToken;
    const members: string[] = [];
    for (const name of ['Ann', 'Bo', 'Cy'])
      members.push(
        (await call('POST', '/api/v1/people', { name, email: `${name.toLowerCase()}@example.org` })).json.id,
      );
    const team = await call('POST', '/api/v1/teams', {
      name: 'Team',
      leaderId: setup.json.person.id,
      memberIds: members,
    });
    const repair = await call('POST', '/api/v1/repairs', {
      teamId: team.json.id,
      title: 'Moved the deadline',
      description: 'I moved the deadline without asking.',
      breachKinds: ['voice'],
    });
    await call('PUT', `/api/v1/repairs/${repair.json.id}/forecast`, {
      forecast: { impact: 'Stress.', need: 'To be asked.', restore: 'Ask first.' },
    });
    await call('POST', `/api/v1/repairs/${repair.json.id}/round/open`);
    // Without SMTP the admin hands the links out from the outbox.
    const outbox = await call('GET', '/api/v1/outbox');
    const links = (outbox.json.messages as { body: string | null }[]).flatMap((m) => {
      const link = /\/answer#([A-Za-z0-9_-]{43})/.exec(m.body ?? '')?.[1];
      return link ? [link] : [];
    });
    expect(links).toHaveLength(3);
    cookie = '';
    // Two of three answer (k = 3): their answers wait in memory.
    for (const [i, link] of links.slice(0, 2).entries()) {
      const invitation = await call('POST', '/api/v1/ballot/invitation', { link });
      const signed = await obtainBlindToken(invitation.json.publicKey, async (blindedMessage) => {
        return (await call('POST', '/api/v1/ballot/issue', { link, blindedMessage })).json.blindSignature;
      });
      const answered = await call('POST', '/api/v1/ballot/answers', {
        roundId: invitation.json.roundId,
        ...signed,
        answers: [{ questionId: 'impact', text: `Waiting answer ${i}` }],
      });
      expect(answered.json).toEqual({ state: 'pending' });
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const db = new SQLite(join(dataDir, 'kintsugi.db'), { readonly: true });
    try {
      const answers = db.prepare('select body from answers order by body').all() as { body: string }[];
      expect(answers.map((a) => a.body)).toEqual(['Waiting answer 0', 'Waiting answer 1']);
      expect(db.prepare('select count(*) as n from spent_tokens').get()).toEqual({ n: 2 });
      // Their token records were dropped, not written for two of three people.
      expect(db.prepare('select count(*) as n from invitations where token_issued = 1').get()).toEqual({
        n: 0,
      });
    } finally {
      db.close();
    }
  });
});

/** Two instances on one database must share SECRET; the second, with another, refuses to start and says why. */
describe('kintsugi serve with another SECRET than the database was set up with (a real process)', () => {
  let dataDir: string;

  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('packages/server/dist/cli.js is missing: run npm run build first');
    dataDir = mkdtempSync(join(tmpdir(), 'kintsugi-serve-secret-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const serve = async (secret: string) => {
    const port = await freePort();
    const child = spawn(process.execPath, [cli, 'serve'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        BASE_URL: `http://127.0.0.1:${port}`,
        SECRET: secret,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    return { child, base: `http://127.0.0.1:${port}`, output: () => output };
  };

  it('starts with the first SECRET, and refuses a second one with a clear message and exit code 1', async () => {
    const first = await serve('first-secret-first-secret-first-secret');
    await waitForHealth(first.base, first.child, first.output);
    const exitedFirst = new Promise<number | null>((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGTERM');
    expect(await exitedFirst).toBe(0);

    const second = await serve('second-secret-second-secret-second-secret');
    const code = await new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(second.output()).toMatch(
      /^kintsugi: This instance's SECRET is not the one this database was set up with\. Every instance of Kintsugi on one database must use the same SECRET/m,
    );
    expect(second.output()).not.toContain('first-secret');
    expect(second.output()).not.toContain('second-secret');
  });
});
