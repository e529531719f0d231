// Listening-round benchmark (run by `npm run bench` after the build, or alone: `node scripts/bench-ballot.mjs`).
//  1. Blind signatures per second by the server's native signBlinded (OpenSSL raw RSA, one core), with the
//     pure-JavaScript library's blindSign rate on the same key as the baseline.
//  2. Answers submitted per second end to end over HTTP with SQLite, at 32 concurrent connections.
// Results: a table on stdout and artifacts/bench-ballot.json.
// BENCH_CPU_PROF=1 also profiles the server during the timed submissions and prints its hottest functions.
import { spawn } from 'node:child_process';
import { randomUUID, webcrypto } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import Database from 'better-sqlite3';
import { freePort, machineFacts, median, percentile, round1, verdict } from './bench-support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => pathToFileURL(path.join(root, 'packages/server/dist', p)).href;
const CLI = path.join(root, 'packages/server/dist/cli.js');
const OUT = path.join(root, 'artifacts/bench-ballot.json');
const PROFILE_DIR = path.join(root, 'artifacts/bench-ballot-profile');
const { createBallotKeys, signBlinded, decryptPrivateKey } = await import(dist('ballots/ballot-keys.js'));

const SIGN_RUNS = 3;
const SIGNATURES = 2_000;
const JS_SIGNATURES = 6;
// 60 rounds of 30 people: 1,800 tokens; getting them through the JavaScript library takes ~30 ms each.
const TEAMS = Number(process.env.BENCH_TEAMS ?? 60);
const MEMBERS = 30;
const CONNECTIONS = 32;
const WARMUP = 200;
const TARGET_SIGN = 1_000;
const TARGET_ANSWERS = 500;
const TARGET_P99_MS = 50;

const suite = RSABSSA.SHA384.PSS.Randomized();
const subtle = webcrypto.subtle;
const log = (msg) => console.log(msg);
const b64 = (bytes) => Buffer.from(bytes).toString('base64url');

// ---- child process bookkeeping: every child is killed at the end, even on failure ----
const children = new Set();
const tempDirs = new Set();
function killAll() {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAll();
    process.exit({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[sig]);
  });
}

/** Runs `fn(item)` over `items` with `n` concurrent workers. */
async function pool(items, n, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

// ---------------------------------------------------------------- 1. blind signatures
async function measureSigning() {
  const secret = 'bench-secret-0123456789abcdef0123456789abcdef';
  const ballotId = randomUUID();
  const keys = await createBallotKeys(secret, ballotId);
  const pk = await subtle.importKey(
    'spki',
    Buffer.from(keys.publicKey, 'base64url'),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  // Real blinded messages, as browsers send them; cycled through.
  const blinded = [];
  for (let i = 0; i < 64; i++) {
    const prepared = suite.prepare(webcrypto.getRandomValues(new Uint8Array(32)));
    const { blindedMsg } = await suite.blind(pk, prepared);
    blinded.push(Buffer.from(blindedMsg));
  }
  signBlinded(secret, ballotId, keys.encryptedPrivateKey, blinded[0]); // unwraps and caches the key
  const nativeRuns = [];
  for (let run = 0; run < SIGN_RUNS; run++) {
    const t0 = performance.now();
    for (let i = 0; i < SIGNATURES; i++)
      signBlinded(secret, ballotId, keys.encryptedPrivateKey, blinded[i % blinded.length]);
    nativeRuns.push(SIGNATURES / ((performance.now() - t0) / 1000));
  }
  const pkcs8 = decryptPrivateKey(secret, ballotId, keys.encryptedPrivateKey).export({
    type: 'pkcs8',
    format: 'der',
  });
  const sk = await subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['sign']);
  // Same results from both: the baseline signs the same operation.
  const jsSig = Buffer.from(await suite.blindSign(sk, new Uint8Array(blinded[1])));
  if (!jsSig.equals(signBlinded(secret, ballotId, keys.encryptedPrivateKey, blinded[1])))
    throw new Error('the library and signBlinded disagree on a blind signature');
  const t0 = performance.now();
  for (let i = 0; i < JS_SIGNATURES; i++) await suite.blindSign(sk, new Uint8Array(blinded[i]));
  const jsPerSec = JS_SIGNATURES / ((performance.now() - t0) / 1000);
  const nativePerSec = median(nativeRuns);
  return {
    keyBits: 2048,
    signaturesPerRun: SIGNATURES,
    nativeRunsPerSec: nativeRuns.map(round1),
    nativeMedianPerSec: round1(nativePerSec),
    jsLibrarySignatures: JS_SIGNATURES,
    jsLibraryPerSec: Math.round(jsPerSec * 100) / 100,
    jsLibraryMsPerSignature: round1(1000 / jsPerSec),
    ratio: round1(nativePerSec / jsPerSec),
  };
}

// ---------------------------------------------------------------- 2. answers over HTTP

async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kintsugi-bench-ballot-'));
  tempDirs.add(dataDir);
  // The scheduler is held back (one run at start, the next after an hour): its first run after seeding would open a
  // baseline trust pulse, with a fresh RSA key, for each of the 60 repairs at once, in the middle of the timing.
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    JOB_INTERVAL_MS: '3600000',
  };
  for (const k of ['DATABASE_URL', 'BASE_URL', 'SECRET', 'SMTP_URL']) delete env[k];
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, CLI, 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.exited = new Promise((resolve) => child.on('exit', resolve));
  children.add(child);
  child.output = '';
  const keep = (chunk) => {
    child.output = (child.output + chunk).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${child.output}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, base, dataDir };
    if (performance.now() - t0 > 30_000) throw new Error(`server not healthy in 30 s:\n${child.output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function client(base) {
  const auth = {};
  async function call(method, url, body, expect = [200, 201, 204]) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth.cookie) headers.cookie = auth.cookie;
    if (auth.csrf) headers['x-csrf-token'] = auth.csrf;
    const res = await fetch(base + url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!expect.includes(res.status))
      throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 400)}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('kintsugi_session='));
    const json = text ? JSON.parse(text) : undefined;
    if (cookie) Object.assign(auth, { cookie, csrf: json?.csrfToken });
    return json;
  }
  return call;
}

const idOf = (json) =>
  json?.id ?? Object.values(json ?? {}).find((v) => v && typeof v === 'object' && v.id)?.id;

/**
 * The links the server emailed (kept in the outbox without SMTP), read from the database file as an admin
 * delivering them by hand would: the leader who opens a round is never given them.
 */
function outboxLinks(dataDir) {
  const db = new Database(path.join(dataDir, 'kintsugi.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("select body from mail_outbox where body like '%/answer#%'")
      .all()
      .map((row) => /\/answer#([A-Za-z0-9_-]{40,})/.exec(row.body)[1]);
  } finally {
    db.close();
  }
}

async function seedRounds(base, dataDir) {
  const call = client(base);
  await call('POST', '/api/v1/setup', {
    organizationName: 'Bench Org',
    name: 'Bench Owner',
    email: 'owner@bench.example',
    password: 'bench-password-123',
  });
  const leader = await call('POST', '/api/v1/people', {
    name: 'Bench Leader',
    email: 'leader@bench.example',
    role: 'leader',
    password: 'bench-password-123',
  });
  await call('POST', '/api/v1/session', { email: 'leader@bench.example', password: 'bench-password-123' });
  // The leader may not create people or teams: do that as the owner, through a second session.
  const owner = client(base);
  await owner('POST', '/api/v1/session', { email: 'owner@bench.example', password: 'bench-password-123' });
  const teams = [];
  for (let t = 0; t < TEAMS; t++) {
    const memberIds = [];
    await pool(
      Array.from({ length: MEMBERS }, (_, i) => i),
      8,
      async (i) => {
        const p = await owner('POST', '/api/v1/people', {
          name: `Member ${t}-${i}`,
          email: `m${t}.${i}@bench.example`,
          role: 'member',
        });
        memberIds.push(idOf(p));
      },
    );
    teams.push(
      idOf(await owner('POST', '/api/v1/teams', { name: `Team ${t}`, leaderId: idOf(leader), memberIds })),
    );
  }
  await pool(teams, 8, async (teamId, t) => {
    const repair = await call('POST', '/api/v1/repairs', {
      teamId,
      title: `On-call rota changed without asking ${t}`,
      description: 'I changed the rota without asking the team.',
      breachKinds: ['voice'],
    });
    const id = idOf(repair);
    await call('PUT', `/api/v1/repairs/${id}/forecast`, {
      forecast: { impact: 'Surprised.', need: 'To be asked.', restore: 'Ask first.' },
    });
    await call('POST', `/api/v1/repairs/${id}/round/open`);
  });
  return outboxLinks(dataDir);
}

/** What the answering page does: fetch the key, blind a random token, get it signed, unblind. */
async function obtainToken(base, link, keyCache) {
  const post = (url, body) =>
    fetch(base + url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (r) => {
      if (!r.ok) throw new Error(`POST ${url}: ${r.status} ${await r.text()}`);
      return r.json();
    });
  const inv = await post('/api/v1/ballot/invitation', { link });
  let pk = keyCache.get(inv.roundId);
  if (!pk) {
    pk = await subtle.importKey(
      'spki',
      Buffer.from(inv.publicKey, 'base64url'),
      { name: 'RSA-PSS', hash: 'SHA-384' },
      true,
      ['verify'],
    );
    keyCache.set(inv.roundId, pk);
  }
  const prepared = suite.prepare(webcrypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv: r } = await suite.blind(pk, prepared);
  const issued = await post('/api/v1/ballot/issue', { link, blindedMessage: b64(blindedMsg) });
  const sig = await suite.finalize(
    pk,
    prepared,
    new Uint8Array(Buffer.from(issued.blindSignature, 'base64url')),
    r,
  );
  return { roundId: inv.roundId, token: b64(prepared), signature: b64(sig) };
}

const ANSWERS = [
  { questionId: 'impact', text: 'I found out from the calendar invite and had to cancel a family weekend.' },
  { questionId: 'need', text: 'A message before the change, and a chance to swap shifts with someone.' },
  { questionId: 'restore', text: 'Ask us before the next rota is published, and keep to it.' },
];

async function submitAll(base, proofs) {
  const latencies = [];
  const byState = { stored: [], pending: [] };
  const statuses = {};
  let errors = 0;
  const t0 = performance.now();
  await pool(proofs, CONNECTIONS, async (proof) => {
    const start = performance.now();
    try {
      const res = await fetch(`${base}/api/v1/ballot/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...proof, answers: ANSWERS }),
      });
      const body = await res.text();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const state = res.status === 200 ? JSON.parse(body).state : null;
      if (state === 'stored' || state === 'pending') byState[state].push(performance.now() - start);
    } catch {
      errors++;
    }
    latencies.push(performance.now() - start);
  });
  const seconds = (performance.now() - t0) / 1000;
  return { count: proofs.length, seconds, latencies, byState, statuses, errors };
}

/** utime + stime of a process, in seconds (clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** Stops the profiled server gracefully (so it writes its .cpuprofile) and sums self time per function. */
async function stopAndSummarise(child, windowSeconds) {
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await child.exited;
  clearTimeout(timer);
  const file = readdirSync(PROFILE_DIR)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(PROFILE_DIR, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!file) return [];
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  // Only the samples of the timed run: it ends just before the stop, so take the profile's last seconds.
  const from = prof.endTime - windowSeconds * 1e6;
  let at = prof.startTime;
  prof.samples.forEach((id, i) => {
    at += prof.timeDeltas[i] ?? 0;
    if (at < from) return;
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${path.relative(root, f.url.replace('file://', '')) || ''}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (prof.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([fn, us]) => ({ fn, selfPercent: round1((us / total) * 100) }));
}

async function measureAnswers() {
  const { child, base, dataDir } = await startServer();
  try {
    log(`  seeding: ${TEAMS} teams × ${MEMBERS} members, one open round each…`);
    let t = performance.now();
    const links = await seedRounds(base, dataDir);
    log(`  seeded ${links.length} links in ${round1((performance.now() - t) / 1000)} s; obtaining tokens…`);
    t = performance.now();
    const keyCache = new Map();
    const proofs = [];
    await pool(links, 16, async (link) => proofs.push(await obtainToken(base, link, keyCache)));
    log(`  ${proofs.length} tokens in ${round1((performance.now() - t) / 1000)} s; submitting…`);
    proofs.sort(() => Math.random() - 0.5);
    const warm = await submitAll(base, proofs.slice(0, WARMUP));
    const cpu0 = cpuSeconds(child.pid);
    const own0 = process.cpuUsage();
    const run = await submitAll(base, proofs.slice(WARMUP));
    const serverCpu = cpuSeconds(child.pid) - cpu0;
    const own = process.cpuUsage(own0);
    const clientCpu = (own.user + own.system) / 1e6;
    const hottest = process.env.BENCH_CPU_PROF ? await stopAndSummarise(child, run.seconds) : undefined;
    const ok = run.statuses[204] ?? run.statuses[200] ?? run.statuses[201] ?? 0;
    return {
      teams: TEAMS,
      membersPerTeam: MEMBERS,
      connections: CONNECTIONS,
      warmupSubmissions: warm.count,
      warmupStatuses: warm.statuses,
      submissions: run.count,
      seconds: round1(run.seconds),
      answersPerSec: round1(run.count / run.seconds),
      answerRowsPerSec: round1((run.count * ANSWERS.length) / run.seconds),
      p50Ms: round1(percentile(run.latencies, 50)),
      p99Ms: round1(percentile(run.latencies, 99)),
      maxMs: round1(Math.max(...run.latencies)),
      // A submission either waits in memory ('pending') or completes a batch of k and stores it ('stored'):
      // the cost of mixing falls on the request that stores the batch.
      pendingResponses: run.byState.pending.length,
      storedResponses: run.byState.stored.length,
      pendingP50Ms: round1(percentile(run.byState.pending, 50)),
      storingP50Ms: round1(percentile(run.byState.stored, 50)),
      storingP99Ms: round1(percentile(run.byState.stored, 99)),
      statuses: run.statuses,
      successful: ok,
      errors: run.errors,
      serverCpuSeconds: round1(serverCpu),
      serverCpuShare: round1((serverCpu / run.seconds) * 100),
      loadGeneratorCpuShare: round1((clientCpu / run.seconds) * 100),
      ...(hottest ? { hottestServerFunctions: hottest } : {}),
    };
  } catch (err) {
    err.message += `\n--- server output ---\n${child.output.split('\n').slice(-20).join('\n')}`;
    throw err;
  }
}

// ---------------------------------------------------------------- main
let exitCode = 0;
try {
  const results = {
    date: new Date().toISOString(),
    machine: machineFacts(),
    targets: { signaturesPerSec: TARGET_SIGN, answersPerSec: TARGET_ANSWERS, p99Ms: TARGET_P99_MS },
  };
  log(
    `Blind signatures: 2048-bit key, ${SIGNATURES} native × ${SIGN_RUNS} runs, ${JS_SIGNATURES} by the library…`,
  );
  results.signing = await measureSigning();
  log(`Answers over HTTP (SQLite, ${CONNECTIONS} connections):`);
  results.answers = await measureAnswers();
  const s = results.signing;
  const a = results.answers;
  const rows = [
    [
      'Blind signatures, native signBlinded (median of 3)',
      `${Math.round(s.nativeMedianPerSec)} /s`,
      `≥ ${TARGET_SIGN} /s`,
      verdict(s.nativeMedianPerSec >= TARGET_SIGN),
    ],
    ['Blind signatures, JS library blindSign (baseline)', `${s.jsLibraryPerSec} /s`, '', ''],
    ['Native / JS library', `${s.ratio} ×`, '', ''],
    [
      'Answers submitted end to end (3 answers each)',
      `${Math.round(a.answersPerSec)} /s`,
      `≥ ${TARGET_ANSWERS} /s`,
      verdict(a.answersPerSec >= TARGET_ANSWERS),
    ],
    ['  latency p50', `${a.p50Ms} ms`, '', ''],
    ['  latency p99', `${a.p99Ms} ms`, `< ${TARGET_P99_MS} ms`, verdict(a.p99Ms < TARGET_P99_MS)],
    ['  held in memory (pending) p50', `${a.pendingP50Ms} ms`, `${a.pendingResponses} responses`, ''],
    [
      '  storing a batch of k p50 / p99',
      `${a.storingP50Ms} / ${a.storingP99Ms} ms`,
      `${a.storedResponses} batches`,
      '',
    ],
    [
      '  successful / errors',
      `${a.successful} / ${a.submissions - a.successful}`,
      `${a.submissions} / 0`,
      verdict(a.successful === a.submissions),
    ],
    ['  server CPU during the run (of one core)', `${a.serverCpuShare} %`, '', ''],
    ['  load generator CPU (same machine)', `${a.loadGeneratorCpuShare} %`, '', ''],
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const m = results.machine;
  log(`\nListening-round benchmark ${results.date} — ${m.cpuModel}, ${m.cpuCount} CPUs, Node ${m.node}`);
  log(
    `(${a.submissions} timed submissions after ${a.warmupSubmissions} warm-up, ${TEAMS} rounds of ${MEMBERS}; load generator on the same machine)\n`,
  );
  for (const [name, value, target, ok] of rows)
    log(`  ${name.padEnd(w[0])}  ${value.padStart(w[1])}  ${target.padEnd(w[2])}  ${ok}`.trimEnd());
  if (a.hottestServerFunctions) {
    log('\n  Server CPU profile of the timed run (self time):');
    for (const h of a.hottestServerFunctions) log(`    ${String(h.selfPercent).padStart(5)} %  ${h.fn}`);
  }
  if (a.successful !== a.submissions) log(`\n  status codes: ${JSON.stringify(a.statuses)}`);
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nWrote ${path.relative(root, OUT)}`);
} catch (err) {
  console.error(`\nbench-ballot failed: ${err.message}`);
  exitCode = 1;
} finally {
  killAll();
}
process.exit(exitCode);
