// `npm run bench` (after the build): cold/warm start time, idle memory and HTTP throughput of the
// Kintsugi server on this machine, with a bare Fastify server as the throughput baseline.
// Results: a table on stdout and artifacts/bench.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, machineFacts, median, round1, verdict } from './bench-support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(root, 'packages/server/dist/cli.js');
const HELLO = path.join(root, 'scripts/bench-hello.mjs');
const OUT = path.join(root, 'artifacts/bench.json');

const COLD_RUNS = 5;
const PAIRS = 3;
const DURATION_S = 10;
const CONNECTIONS = 50;
const TARGET_START_MS = 1500;
const TARGET_RSS_MB = 150;
const START_TIMEOUT_MS = 30_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => console.log(msg);

// ---- child process bookkeeping: every child is killed at the end, even on failure ----
const children = new Set();
const tempDirs = new Set();

function killAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\nInterrupted (${sig}); stopping servers.`);
    killAll();
    process.exit({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[sig]);
  });
}

function freshDataDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kintsugi-bench-'));
  tempDirs.add(dir);
  return dir;
}

/** Spawn a node script; keeps the last output lines for error messages. */
function spawnNode(script, args, env) {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.output = '';
  const keep = (chunk) => {
    child.output = (child.output + chunk).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.exited = new Promise((resolve) => child.on('exit', resolve));
  return child;
}

async function stopChild(child) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await child.exited;
    clearTimeout(timer);
  }
  children.delete(child);
}

/** One GET; resolves to the status code, or 0 if the connection failed (server not up yet). */
function probe(port, urlPath) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Poll every 10 ms until GET urlPath is 200; returns ms since `t0`. */
async function waitHealthy(child, port, urlPath, t0) {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `server exited (code ${child.exitCode ?? child.signalCode}) before ${urlPath} was 200:\n${child.output}`,
      );
    }
    if ((await probe(port, urlPath)) === 200) return performance.now() - t0;
    if (performance.now() - t0 > START_TIMEOUT_MS) {
      throw new Error(`GET ${urlPath} was not 200 within ${START_TIMEOUT_MS} ms:\n${child.output}`);
    }
    await sleep(10);
  }
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return kb / 1024;
}

function serverEnv(port, dataDir) {
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  // Measure the default embedded SQLite set-up, whatever the caller's shell has configured.
  delete env.DATABASE_URL;
  delete env.BASE_URL;
  delete env.SECRET;
  return env;
}

/** Start `kintsugi serve`, time it to a healthy /healthz, wait 3 s idle, read RSS. Leaves it running. */
async function startKintsugi(dataDir) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnNode(CLI, ['serve'], serverEnv(port, dataDir));
  const startMs = await waitHealthy(child, port, '/healthz', t0);
  await sleep(3000);
  const rss = rssMb(child.pid);
  return { child, port, startMs, rss };
}

// ---- HTTP helpers for the setup calls ----
async function api(port, method, urlPath, { body, cookie, csrf, expect }) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (res.status !== expect) {
    throw new Error(`${method} ${urlPath}: expected ${expect}, got ${res.status}: ${text.slice(0, 500)}`);
  }
  return { res, json, text };
}

/** Find an `id` in a created-resource response, whether returned bare or wrapped ({person: {...}}). */
function idOf(json, what) {
  if (json && typeof json === 'object') {
    if (typeof json.id === 'string' || typeof json.id === 'number') return json.id;
    for (const v of Object.values(json)) {
      if (v && typeof v === 'object' && (typeof v.id === 'string' || typeof v.id === 'number')) return v.id;
    }
  }
  throw new Error(`no id in the ${what} response: ${JSON.stringify(json).slice(0, 300)}`);
}

/** Create the organisation, an API token, 10 people and a team; returns the bearer secret. */
async function seed(port) {
  const setup = await api(port, 'POST', '/api/v1/setup', {
    body: {
      organizationName: 'Bench Org',
      name: 'Bench Owner',
      email: 'owner@bench.example',
      password: 'bench-password-123',
    },
    expect: 201,
  });
  const session = setup.res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('kintsugi_session='));
  if (!session) {
    throw new Error(
      `POST /api/v1/setup set no kintsugi_session cookie (Set-Cookie: ${setup.res.headers.get('set-cookie')})`,
    );
  }
  const csrf = setup.json?.csrfToken;
  if (typeof csrf !== 'string')
    throw new Error(`POST /api/v1/setup returned no csrfToken: ${setup.text.slice(0, 300)}`);
  const auth = { cookie: session, csrf };

  const token = await api(port, 'POST', '/api/v1/me/tokens', {
    body: { name: 'bench' },
    ...auth,
    expect: 201,
  });
  const secret = token.json?.secret;
  if (typeof secret !== 'string')
    throw new Error(`POST /api/v1/me/tokens returned no secret: ${token.text.slice(0, 300)}`);

  const memberIds = [];
  for (let i = 1; i <= 10; i++) {
    const person = await api(port, 'POST', '/api/v1/people', {
      body: { name: `Person ${i}`, email: `person${i}@bench.example`, role: 'member' },
      ...auth,
      expect: 201,
    });
    memberIds.push(idOf(person.json, 'POST /api/v1/people'));
  }
  await api(port, 'POST', '/api/v1/teams', { body: { name: 'Bench Team', memberIds }, ...auth, expect: 201 });

  // Sanity check before load: the token must read the team list.
  const check = await fetch(`http://127.0.0.1:${port}/api/v1/teams`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  const checkText = await check.text();
  if (check.status !== 200) {
    throw new Error(
      `GET /api/v1/teams with the bearer token: expected 200, got ${check.status}: ${checkText.slice(0, 300)}`,
    );
  }
  return secret;
}

async function load(url, headers, { duration = DURATION_S, connections = CONNECTIONS } = {}) {
  const r = await autocannon({ url, headers, connections, duration });
  return {
    reqPerSec: r.requests.average,
    latencyAvgMs: r.latency.average,
    latencyP99Ms: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  };
}

const fmtMs = (ms) => `${Math.round(ms)} ms`;
const fmtMb = (mb) => `${mb.toFixed(1)} MB`;
const fmtRps = (n) => Math.round(n).toLocaleString('en-US');

async function main() {
  if (!existsSync(CLI)) {
    throw new Error(
      `${path.relative(root, CLI)} not found: run \`npm run build\` first (or use \`npm run bench\`)`,
    );
  }
  const results = {
    date: new Date().toISOString(),
    machine: machineFacts(),
    targets: { startMs: TARGET_START_MS, idleRssMb: TARGET_RSS_MB },
  };

  // a + b: cold starts (fresh data dir: secret generation + migrations on an empty SQLite DB)
  log(`Cold start × ${COLD_RUNS} (fresh data dir each time; 3 s idle before reading RSS)…`);
  const cold = [];
  let lastDir;
  for (let i = 1; i <= COLD_RUNS; i++) {
    lastDir = freshDataDir();
    const s = await startKintsugi(lastDir);
    log(`  run ${i}: healthy after ${fmtMs(s.startMs)}, idle RSS ${fmtMb(s.rss)}`);
    cold.push({ startMs: round1(s.startMs), rssMb: round1(s.rss) });
    await stopChild(s.child);
  }
  log('Warm start (already-migrated data dir)…');
  const warm = await startKintsugi(lastDir);
  log(`  healthy after ${fmtMs(warm.startMs)}, idle RSS ${fmtMb(warm.rss)}`);

  results.coldStart = {
    runs: cold,
    medianMs: median(cold.map((r) => r.startMs)),
    medianIdleRssMb: median(cold.map((r) => r.rssMb)),
  };
  results.warmStart = { startMs: round1(warm.startMs), idleRssMb: round1(warm.rss) };

  // c: throughput, on the warm server
  log('Seeding the warm server (setup, API token, 10 people, 1 team)…');
  let secret;
  try {
    secret = await seed(warm.port);
  } catch (err) {
    // The server logs the cause of a 500 at level warn/error: show it with the failed request.
    const serverLog = warm.child.output.trim();
    if (serverLog)
      err.message += `\n--- server output (last lines) ---\n${serverLog.split('\n').slice(-20).join('\n')}`;
    throw err;
  }
  const helloPort = await freePort();
  const hello = spawnNode(HELLO, [], { ...process.env, PORT: String(helloPort), HOST: '127.0.0.1' });
  await waitHealthy(hello, helloPort, '/', performance.now());

  const kintsugiUrl = `http://127.0.0.1:${warm.port}/api/v1/teams`;
  const kintsugiHeaders = { authorization: `Bearer ${secret}` };
  const helloUrl = `http://127.0.0.1:${helloPort}/`;

  // A short unmeasured warm-up so the first measured run doesn't pay for JIT compilation.
  log('Warm-up (2 s each, not measured)…');
  await load(kintsugiUrl, kintsugiHeaders, { duration: 2, connections: 10 });
  await load(helloUrl, {}, { duration: 2, connections: 10 });

  const pairs = [];
  for (let i = 1; i <= PAIRS; i++) {
    log(`Throughput pair ${i}/${PAIRS}: ${CONNECTIONS} connections, ${DURATION_S} s each…`);
    const k = await load(kintsugiUrl, kintsugiHeaders);
    log(
      `  Kintsugi GET /api/v1/teams: ${fmtRps(k.reqPerSec)} req/s, p99 ${k.latencyP99Ms} ms, non-2xx ${k.non2xx}`,
    );
    const h = await load(helloUrl, {});
    log(
      `  bare Fastify GET /:         ${fmtRps(h.reqPerSec)} req/s, p99 ${h.latencyP99Ms} ms, non-2xx ${h.non2xx}`,
    );
    pairs.push({ kintsugi: k, bare: h, ratio: k.reqPerSec / h.reqPerSec });
  }
  results.throughput = {
    connections: CONNECTIONS,
    durationS: DURATION_S,
    pairs,
    medianKintsugiReqPerSec: median(pairs.map((p) => p.kintsugi.reqPerSec)),
    medianBareReqPerSec: median(pairs.map((p) => p.bare.reqPerSec)),
    medianRatio: median(pairs.map((p) => p.ratio)),
    kintsugiNon2xx: pairs.reduce((n, p) => n + p.kintsugi.non2xx, 0),
    kintsugiErrors: pairs.reduce((n, p) => n + p.kintsugi.errors + p.kintsugi.timeouts, 0),
    bareNon2xx: pairs.reduce((n, p) => n + p.bare.non2xx, 0),
  };

  await stopChild(warm.child);
  await stopChild(hello);
  return results;
}

function printTable(r) {
  const t = r.throughput;
  const rows = [
    [
      `Cold start (median of ${COLD_RUNS})`,
      fmtMs(r.coldStart.medianMs),
      `< ${TARGET_START_MS} ms`,
      verdict(r.coldStart.medianMs < TARGET_START_MS),
    ],
    [
      'Warm start',
      fmtMs(r.warmStart.startMs),
      `< ${TARGET_START_MS} ms`,
      verdict(r.warmStart.startMs < TARGET_START_MS),
    ],
    [
      `Idle RSS (median of ${COLD_RUNS})`,
      fmtMb(r.coldStart.medianIdleRssMb),
      `< ${TARGET_RSS_MB} MB`,
      verdict(r.coldStart.medianIdleRssMb < TARGET_RSS_MB),
    ],
    [
      'Idle RSS (warm start)',
      fmtMb(r.warmStart.idleRssMb),
      `< ${TARGET_RSS_MB} MB`,
      verdict(r.warmStart.idleRssMb < TARGET_RSS_MB),
    ],
    ['Kintsugi GET /api/v1/teams', `${fmtRps(t.medianKintsugiReqPerSec)} req/s`, '', ''],
    ['Bare Fastify GET /', `${fmtRps(t.medianBareReqPerSec)} req/s`, '', ''],
    ['Ratio Kintsugi / bare (median)', `${(t.medianRatio * 100).toFixed(1)} %`, '', ''],
    [
      'Kintsugi non-2xx / errors',
      `${t.kintsugiNon2xx} / ${t.kintsugiErrors}`,
      '0 / 0',
      verdict(t.kintsugiNon2xx === 0 && t.kintsugiErrors === 0),
    ],
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  const m = r.machine;
  log(`\nBenchmark ${r.date} — ${m.cpuModel}, ${m.cpuCount} CPUs, ${m.totalMemoryMb} MB RAM, Node ${m.node}`);
  log(
    `(load generator shares the machine with the server; ${t.connections} connections, ${t.durationS} s per run)\n`,
  );
  for (const [name, value, target, ok] of rows) {
    log(`  ${name.padEnd(w[0])}  ${value.padStart(w[1])}  ${target.padEnd(w[2])}  ${ok}`.trimEnd());
  }
  if (t.kintsugiNon2xx > 0) {
    const codes = {};
    for (const p of t.pairs)
      for (const [c, n] of Object.entries(p.kintsugi.statusCodes)) codes[c] = (codes[c] ?? 0) + n;
    log(`\n  Kintsugi status codes over all runs: ${JSON.stringify(codes)}`);
  }
}

let exitCode = 0;
try {
  const results = await main();
  printTable(results);
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nWrote ${path.relative(root, OUT)}`);
} catch (err) {
  console.error(`\nbench failed: ${err.message}`);
  exitCode = 1;
} finally {
  killAll();
}
// The listening-round (blind signatures, anonymous answers over HTTP), coach, demonstration-ledger, trust-pulse and
// large-organisation measurements: their own scripts and artifacts, run one after the other so they never share the machine.
let extraCode = 0;
for (const script of [
  'scripts/bench-ballot.mjs',
  'scripts/bench-coach.mjs',
  'scripts/bench-commitments.mjs',
  'scripts/bench-pulse.mjs',
  'scripts/bench-people.mjs',
]) {
  const child = spawn(process.execPath, [path.join(root, script)], { cwd: root, stdio: 'inherit' });
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  extraCode ||= code;
}
process.exit(exitCode || extraCode);
