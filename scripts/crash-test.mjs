// `npm run crash-test`: SIGKILLs the built server under load, on SQLite and on a throwaway PostgreSQL, and checks
// that every write the client saw acknowledged is still there after a restart and that nothing is half-written.
// Usage: node scripts/crash-test.mjs [--kills N] [--engine sqlite|postgres|both]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startThrowawayPostgres } from './pg-throwaway.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'packages/server/dist/cli.js');
const { obtainBlindToken } = await import(path.join(root, 'packages/core/dist/index.js'));
const SQLite = (await import('better-sqlite3')).default;

const USAGE = 'Usage: node scripts/crash-test.mjs [--kills N] [--engine sqlite|postgres|both]';
const args = process.argv.slice(2);
let kills = 20;
let engines = ['sqlite', 'postgres'];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--kills') kills = Number(args[++i]);
  else if (args[i] === '--engine') {
    const e = args[++i];
    engines = e === 'both' ? ['sqlite', 'postgres'] : [e];
  } else {
    console.log(USAGE);
    process.exit(args[i] === '--help' ? 0 : 1);
  }
}
if (!Number.isInteger(kills) || kills < 1 || !engines.every((e) => e === 'sqlite' || e === 'postgres')) {
  console.error(USAGE);
  process.exit(1);
}
if (!existsSync(cli)) {
  console.error('packages/server/dist/cli.js is missing: run `npm run build` first');
  process.exit(1);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** One server process on a fixed port and database; `start` again after a kill reopens the same storage. */
function serverOn(port, dataDir, databaseUrl) {
  const base = `http://127.0.0.1:${port}`;
  let child = null;
  let output = '';
  return {
    base,
    output: () => output,
    async start() {
      output = '';
      child = spawn(process.execPath, [cli, 'serve'], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          DATABASE_URL: databaseUrl ?? '',
          BASE_URL: base,
          SMTP_URL: '',
          LOG_LEVEL: 'warn',
          SECRET: 'crash-test-secret-crash-test-secret-!',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
        try {
          if ((await fetch(`${base}/readyz`)).ok) return;
        } catch {
          // not listening yet
        }
        await sleep(50);
      }
      throw new Error(`server did not become ready: ${output}`);
    },
    kill() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** A JSON client carrying the leader's session, unless a call is anonymous (the ballot). */
function client(base) {
  const session = { cookie: '', csrf: '' };
  const call = async (method, url, body, anonymous = false) => {
    const headers = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (!anonymous && session.cookie) {
      headers.cookie = `kintsugi_session=${session.cookie}`;
      headers['x-csrf-token'] = session.csrf;
    }
    const res = await fetch(`${base}${url}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok)
      throw Object.assign(new Error(`${method} ${url}: ${res.status} ${text}`), { status: res.status });
    return { res, json: text ? JSON.parse(text) : null };
  };
  return { session, call };
}

/** Links handed out through the outbox (no SMTP), not yet used by this driver. */
async function takeLinks(call, seen) {
  const outbox = await call('GET', '/api/v1/outbox');
  const links = [];
  for (const m of outbox.json.messages) {
    const link = /\/answer#([A-Za-z0-9_-]{43})/.exec(m.body ?? '')?.[1];
    if (link && !seen.has(link)) {
      seen.add(link);
      links.push(link);
    }
  }
  return links;
}

/** Everything the load needs: a leader, a team of three, a repair with a commitment (an event) to record on. */
async function setUp(call, session) {
  const setup = await call('POST', '/api/v1/setup', {
    organizationName: 'Crash test',
    name: 'Lee Leader',
    email: 'lee@example.org',
    password: 'long enough pw',
  });
  session.cookie = /kintsugi_session=([^;]+)/.exec(setup.res.headers.get('set-cookie') ?? '')?.[1] ?? '';
  session.csrf = setup.json.csrfToken;
  const members = [];
  for (const name of ['Ann', 'Bo', 'Cy'])
    members.push(
      (await call('POST', '/api/v1/people', { name, email: `${name.toLowerCase()}@example.org` })).json.id,
    );
  const team = await call('POST', '/api/v1/teams', {
    name: 'Team',
    leaderId: setup.json.person.id,
    memberIds: members,
  });
  const seen = new Set();
  const repair = await openRepairWithRound(call, team.json.id, 'first');
  const links = await takeLinks(call, seen);
  for (const link of links) await answer(call, link, 'A first answer');
  await call('POST', `/api/v1/repairs/${repair}/round/close`);
  await call('POST', `/api/v1/repairs/${repair}/messages`, { body: 'That was my decision.' });
  const answers = await call('GET', `/api/v1/repairs/${repair}/answers`);
  const theme = await call('POST', `/api/v1/repairs/${repair}/themes`, {
    name: 'Asked first',
    need: 'To be asked',
    acknowledgement: 'I did not ask.',
    answerIds: answers.json.questions[0].answers.map((a) => a.id),
  });
  const commitment = await call('POST', `/api/v1/repairs/${repair}/commitments`, {
    action: 'I will ask the team before changing plans',
    evidence: 'In the team channel',
    schedule: { kind: 'event', description: 'Whenever a plan changes' },
    startsOn: new Date().toISOString().slice(0, 10),
    themeIds: [theme.json.id],
  });
  return { teamId: team.json.id, repairId: repair, commitmentId: commitment.json.id, seen };
}

async function openRepairWithRound(call, teamId, label) {
  const repair = await call('POST', '/api/v1/repairs', {
    teamId,
    title: `Moved the deadline ${label}`,
    description: 'I moved the deadline without asking.',
    breachKinds: ['voice'],
  });
  await call('PUT', `/api/v1/repairs/${repair.json.id}/forecast`, {
    forecast: { impact: 'Stress.', need: 'To be asked.', restore: 'Ask first.' },
  });
  await call('POST', `/api/v1/repairs/${repair.json.id}/round/open`);
  return repair.json.id;
}

/** One anonymous answer through the blind-signature ballot; resolves to the server's state ('stored'|'pending'). */
async function answer(call, link, text) {
  const invitation = await call('POST', '/api/v1/ballot/invitation', { link }, true);
  const signed = await obtainBlindToken(invitation.json.publicKey, async (blindedMessage) => {
    return (await call('POST', '/api/v1/ballot/issue', { link, blindedMessage }, true)).json.blindSignature;
  });
  const res = await call(
    'POST',
    '/api/v1/ballot/answers',
    { roundId: invitation.json.roundId, ...signed, answers: [{ questionId: 'impact', text }] },
    true,
  );
  return { state: res.json.state, roundId: invitation.json.roundId };
}

/** Runs writes of every kind until `stop()`; records each one the server acknowledged. */
function load(call, fixture, acked, label, unexpected, conflicts) {
  let stopped = false;
  let n = 0;
  const pending = new Map();
  const worker = async (kind) => {
    while (!stopped) {
      const id = `${label}-${kind}-${n++}`;
      try {
        if (kind === 'message') {
          const res = await call('POST', `/api/v1/repairs/${fixture.repairId}/messages`, {
            body: `Message ${id}`,
          });
          acked.messages.add(res.json.id);
        } else if (kind === 'occurrence') {
          const note = `Occurrence ${id}`;
          await call(
            'POST',
            `/api/v1/repairs/${fixture.repairId}/commitments/${fixture.commitmentId}/occurrences`,
            {
              status: n % 2 ? 'kept' : 'missed',
              note,
            },
          );
          acked.occurrences.add(note);
        } else {
          // A new round on the team, answered by all three: the third answer stores the three together.
          await openRepairWithRound(call, fixture.teamId, id);
          const links = await takeLinks(call, fixture.seen);
          for (const [i, link] of links.entries()) {
            const text = `Answer ${id}-${i}`;
            const { state, roundId } = await answer(call, link, text);
            // A pending answer waits in memory for others (SPEC §5); the k-th stores the round's batch.
            const waiting = [...(pending.get(roundId) ?? []), text];
            pending.set(roundId, waiting);
            if (state === 'stored') for (const t of waiting) acked.answers.add(t);
          }
        }
      } catch (error) {
        // The server was killed mid-request: not acknowledged, so not expected. Any other refusal is a bug here.
        // Two events recorded in the same millisecond are one occurrence: the second is told so (409).
        if (error.status === 409) conflicts.n++;
        else if (error.status) unexpected.push(error.message);
        await sleep(20);
      }
    }
  };
  const workers = ['message', 'message', 'occurrence', 'occurrence', 'answer'].map(worker);
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
    },
  };
}

/** Reads what the checks need straight from the database the server wrote. */
async function readStorage(engine, dataDir, databaseUrl) {
  const queries = {
    messages: 'select id from messages',
    occurrences: 'select note, commitment_id from occurrences',
    answers: 'select body from answers',
    ledgers: 'select commitment_id, entries from commitment_ledgers',
    // Half-written: a sent round without its key or its invitations, a round without its questions, a repair
    // without its round (a draft round has no invitations yet: that is whole).
    halfRounds:
      "select r.id from rounds r where r.questions in ('', '[]') or (r.status <> 'draft' and (r.public_key is null" +
      ' or not exists (select 1 from invitations i where i.round_id = r.id)))',
    pulsesWithoutKey: "select id from pulses where public_key = '' or private_key = ''",
    repairsWithoutRound:
      'select p.id from repairs p where not exists (select 1 from rounds r where r.repair_id = p.id)',
  };
  const out = {};
  if (engine === 'sqlite') {
    const db = new SQLite(path.join(dataDir, 'kintsugi.db'), { readonly: true });
    for (const [k, q] of Object.entries(queries)) out[k] = db.prepare(q).all();
    db.close();
  } else {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    for (const [k, q] of Object.entries(queries)) out[k] = (await c.query(q)).rows;
    await c.end();
  }
  return out;
}

function check(storage, acked) {
  const problems = [];
  const have = (rows, key) => new Set(rows.map((r) => r[key]));
  const missing = (kind, ids, present) => {
    const lost = [...ids].filter((id) => !present.has(id));
    if (lost.length) problems.push(`${lost.length} acknowledged ${kind} missing`);
  };
  missing('messages', acked.messages, have(storage.messages, 'id'));
  missing('occurrences', acked.occurrences, have(storage.occurrences, 'note'));
  missing('answers', acked.answers, have(storage.answers, 'body'));
  // Each recorded occurrence has its five numbers in its commitment's ledger.
  const perCommitment = new Map();
  for (const o of storage.occurrences)
    perCommitment.set(o.commitment_id, (perCommitment.get(o.commitment_id) ?? 0) + 1);
  for (const [commitmentId, count] of perCommitment) {
    const ledger = storage.ledgers.find((l) => l.commitment_id === commitmentId);
    const entries = ledger ? JSON.parse(ledger.entries).length / 5 : 0;
    if (entries !== count)
      problems.push(`commitment ledger holds ${entries} entries for ${count} occurrences`);
  }
  if (storage.halfRounds.length) problems.push(`${storage.halfRounds.length} rounds half-written`);
  if (storage.pulsesWithoutKey.length)
    problems.push(`${storage.pulsesWithoutKey.length} pulses without their key`);
  if (storage.repairsWithoutRound.length)
    problems.push(`${storage.repairsWithoutRound.length} repairs without a round`);
  return problems;
}

async function crashEngine(engine, postgres) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `kintsugi-crash-${engine}-`));
  let databaseUrl = null;
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('create database kintsugi_crash');
    await admin.end();
    const url = new URL(postgres.url);
    url.pathname = '/kintsugi_crash';
    databaseUrl = url.toString();
  }
  const server = serverOn(await freePort(), dataDir, databaseUrl);
  const acked = { messages: new Set(), occurrences: new Set(), answers: new Set() };
  const problems = [];
  const unexpected = [];
  const conflicts = { n: 0 };
  const started = Date.now();
  try {
    await server.start();
    const { call, session } = client(server.base);
    const fixture = await setUp(call, session);
    for (let i = 1; i <= kills; i++) {
      const running = load(call, fixture, acked, `k${i}`, unexpected, conflicts);
      await sleep(200 + Math.random() * 1300);
      await server.kill();
      await running.stop();
      await server.start();
      for (const p of check(await readStorage(engine, dataDir, databaseUrl), acked))
        problems.push(`after kill ${i}: ${p}`);
      process.stdout.write(problems.length ? 'x' : '.');
    }
    process.stdout.write('\n');
    await server.kill();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const storage = { seconds: (Date.now() - started) / 1000 };
  for (const message of new Set(unexpected)) problems.push(`refused: ${message.slice(0, 300)}`);
  return { engine, kills, acked, problems, conflicts: conflicts.n, ...storage };
}

let postgres = null;
const results = [];
try {
  for (const engine of engines) {
    if (engine === 'postgres') postgres = await startThrowawayPostgres();
    console.log(`${engine}: ${kills} SIGKILLs under load`);
    results.push(await crashEngine(engine, postgres));
  }
} finally {
  await postgres?.stop();
}
let failed = false;
for (const r of results) {
  const a = r.acked;
  console.log(
    `${r.engine}: ${r.kills} kills in ${r.seconds.toFixed(0)} s; acknowledged ${a.messages.size} messages, ` +
      `${a.occurrences.size} occurrences, ${a.answers.size} answers (${r.conflicts} same-millisecond events refused): ` +
      (r.problems.length ? `${r.problems.length} problems` : 'all present, nothing half-written'),
  );
  for (const p of r.problems) console.log(`  ${p}`);
  failed ||= r.problems.length > 0;
}
process.exit(failed ? 1 : 0);
