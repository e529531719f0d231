// Large-organisation benchmark (run by `npm run bench` after the build, or alone after
// `npx tsc -b packages/core packages/server`: `node scripts/bench-people.mjs`).
// Two organisations, each in its own SQLite file made by the server's migrations and served by its own in-process
// server (the real routes, authentication, validation and serialisation, driven with Fastify's inject; no
// sockets): a large one of 100,000 people in 10,000 teams of 10, written straight to the tables in bulk, and a
// small one of 10 people in one team (the baseline). Each has a repair, demonstrating, with a weekly commitment
// made two years ago whose occurrences are recorded except the last few weeks, and a second repair with a daily
// one (about 700 ledger entries). Timed, alternating the two organisations sample by sample (medians; target
// < 20 ms on the large one):
//   - GET /api/v1/people (its first page), and a search (?q=, part of a name or an email);
//   - POST …/commitments/:id/occurrences (recording one of the unrecorded weeks, with the view it answers);
//   - GET /api/v1/repairs/:id/recovery (the recovery view);
//   - recording on the daily commitment (does recording grow with the ledger?).
// BENCH_PEOPLE changes the large organisation's size (teams are a tenth of it).
// Results: a table on stdout and artifacts/bench-people.json.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machineFacts, median, round1, verdict } from './bench-support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(pathToFileURL(path.join(root, p)).href);
const OUT = path.join(root, 'artifacts/bench-people.json');

const { openDatabase } = await load('packages/server/dist/db/database.js');
const { migrateToLatest } = await load('packages/server/dist/db/migrate.js');
const { loadConfig } = await load('packages/server/dist/config.js');
const { buildApp } = await load('packages/server/dist/http/app.js');
const { rebuildCommitmentLedgers } = await load(
  'packages/server/dist/use-cases/commitments/commitment-ledger.js',
);
const { expandOccurrences, WEEKDAYS } = await load('packages/core/dist/index.js');
const { sql } = await import(pathToFileURL(path.join(root, 'node_modules/kysely/dist/esm/index.js')).href);

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const TEAM_SIZE = 10;
const YEARS = 2;
const SAMPLES = 30;
const WARMUP = 5;
const UNRECORDED = WARMUP + SAMPLES; // the last occurrences left open, one recorded by each POST
const TARGET_MS = 20;
const BATCH_PARAMS = 30_000;
const DAY = 86_400_000;
const SEARCHES = ['holm-12', 'dahl-5', 'ines%20ito', 'p4242%40'];

const log = (msg) => console.log(msg);
let seed = 0x5eed1e;
const random = () => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 2 ** 32;
};
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

const tempDirs = new Set();
process.on('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function insertAll(db, table, rows) {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.floor(BATCH_PARAMS / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += size)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
}

const FIRST = ['Ada', 'Ben', 'Chloé', 'Dev', 'Emil', 'Fatima', 'Gus', 'Hana', 'Ines', 'Jon', 'Kai', 'Lena'];
const LAST = [
  'Abara',
  'Berg',
  'Costa',
  'Dahl',
  'Eze',
  'Fox',
  'Gray',
  'Holm',
  'Ito',
  'Jansen',
  'Khan',
  'Lund',
];
const nameOf = () =>
  `${FIRST[Math.floor(random() * FIRST.length)]} ${LAST[Math.floor(random() * LAST.length)]}-${Math.floor(random() * 1000)}`;

/** An in-process server on a fresh SQLite file, set up through the API; returns its bearer token. */
async function startServer(label) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `kintsugi-bench-people-${label}-`));
  tempDirs.add(dataDir);
  const database = openDatabase({ databaseUrl: null, dataDir });
  await migrateToLatest(database.db);
  const config = loadConfig(
    {},
    { dataDir, databaseUrl: null, secret: 'bench-secret-bench-secret-bench-secret!', logLevel: 'silent' },
  );
  const { app } = await buildApp({ config, database, logger: false });
  const call = async (method, url, body, headers = {}) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
    return res;
  };
  const setup = await call('POST', '/api/v1/setup', {
    organizationName: `Bench ${label}`,
    name: 'Bench Admin',
    email: 'admin@bench.example',
    password: 'bench-password-123',
  });
  if (setup.statusCode !== 201) throw new Error(`setup: ${setup.statusCode} ${setup.body}`);
  const cookie = setup.cookies.find((c) => c.name === 'kintsugi_session');
  const session = { cookie: `kintsugi_session=${cookie.value}`, 'x-csrf-token': setup.json().csrfToken };
  const token = await call('POST', '/api/v1/me/tokens', { name: 'bench' }, session);
  if (token.statusCode !== 201) throw new Error(`token: ${token.statusCode} ${token.body}`);
  const auth = { authorization: `Bearer ${token.json().secret}` };
  return { app, database, dataDir, call: (m, u, b) => call(m, u, b, auth) };
}

/** Writes `people` people in teams of ten straight to the tables, in one transaction. */
async function seedPeople(db, people, now) {
  const org = await db.selectFrom('organizations').select(['id', 'time_zone']).executeTakeFirstOrThrow();
  const admin = await db.selectFrom('people').select('id').executeTakeFirstOrThrow();
  const at = now.toISOString();
  const personRows = [];
  const teamRows = [];
  const memberRows = [];
  for (let i = 0; i < people; i++) {
    personRows.push({
      id: randomUUID(),
      organization_id: org.id,
      name: nameOf(),
      email: `p${i}@bench.example`,
      role: i % TEAM_SIZE === 0 ? 'leader' : 'member',
      user_id: null,
      created_at: at,
    });
  }
  for (let t = 0; t < people / TEAM_SIZE; t++) {
    const teamId = randomUUID();
    teamRows.push({
      id: teamId,
      organization_id: org.id,
      name: `Team ${t}`,
      name_key: `team ${t}`,
      leader_id: personRows[t * TEAM_SIZE].id,
      created_at: at,
    });
    for (let m = 0; m < TEAM_SIZE; m++)
      memberRows.push({ team_id: teamId, person_id: personRows[t * TEAM_SIZE + m].id, created_at: at });
  }
  await db.transaction().execute(async (trx) => {
    await insertAll(trx, 'people', personRows);
    await insertAll(trx, 'teams', teamRows);
    await insertAll(trx, 'team_members', memberRows);
  });
  return { org, admin, teamIds: teamRows.map((t) => t.id) };
}

/**
 * One repair of `teamId`, demonstrating, with a commitment made two years ago on `daysPerWeek` days a week, its
 * occurrences recorded except the last `UNRECORDED` (left for the timed POSTs).
 */
async function seedRepair(db, { org, admin }, teamId, daysPerWeek, now) {
  const at = now.toISOString();
  const opened = now.getTime() - YEARS * 365 * DAY - 30 * DAY;
  const openedAt = new Date(opened).toISOString();
  const repairId = randomUUID();
  const commitmentId = randomUUID();
  const themeIds = [randomUUID(), randomUUID()];
  const schedule = {
    kind: 'recurring',
    pattern: { type: 'weekly', weekdays: WEEKDAYS.slice(0, daysPerWeek), timeOfDay: '10:00' },
  };
  const startsOn = day(opened + 17 * DAY);
  const due = expandOccurrences(schedule, { start: startsOn, until: now, timeZone: org.time_zone });
  const recorded = due.slice(0, Math.max(0, due.length - UNRECORDED));
  const open = due.slice(recorded.length).map((o) => o.dueAt);
  await db.transaction().execute(async (trx) => {
    await insertAll(trx, 'repairs', [
      {
        id: repairId,
        organization_id: org.id,
        team_id: teamId,
        leader_id: admin.id,
        title: 'The rota',
        description: 'The rota was changed without asking the team.',
        breach_kinds: '["voice"]',
        stage: 'demonstrating',
        created_at: openedAt,
        updated_at: at,
      },
    ]);
    await insertAll(trx, 'rounds', [
      {
        id: randomUUID(),
        repair_id: repairId,
        status: 'closed',
        questions: JSON.stringify([{ id: 'impact', text: 'How did this impact you?' }]),
        forecast: JSON.stringify({ impact: 'Some frustration.' }),
        closes_on: day(opened + 14 * DAY),
        opened_on: day(opened),
        public_key: null,
        private_key: null,
        created_at: openedAt,
      },
    ]);
    await insertAll(
      trx,
      'themes',
      themeIds.map((id, i) => ({
        id,
        repair_id: repairId,
        name: `Theme ${i}`,
        need: 'To be asked first',
        acknowledgement: 'I did not ask.',
        answer_ids: '[]',
        created_at: openedAt,
      })),
    );
    await insertAll(trx, 'messages', [
      {
        id: randomUUID(),
        repair_id: repairId,
        author_id: admin.id,
        body: 'I changed the rota without asking you. That was my mistake.',
        published_at: new Date(opened + 16 * DAY).toISOString(),
      },
    ]);
    await insertAll(trx, 'commitments', [
      {
        id: commitmentId,
        repair_id: repairId,
        action: 'Post the rota draft for two days of comments',
        evidence: 'The draft thread in the team channel',
        schedule: JSON.stringify(schedule),
        starts_on: startsOn,
        ends_on: null,
        theme_ids: JSON.stringify(themeIds),
        replaces_id: null,
        created_at: new Date(opened + 16 * DAY).toISOString(),
        retired_at: null,
        retired_reason: null,
      },
    ]);
    await insertAll(
      trx,
      'occurrences',
      recorded.map((o) => {
        const kept = random() < 0.9;
        return {
          id: randomUUID(),
          commitment_id: commitmentId,
          due_at: o.dueAt,
          local_date: o.localDate,
          status: kept ? 'kept' : 'missed',
          note: kept ? 'Posted the draft.' : 'I did not post it; that was mine.',
          link: null,
          recorded_at: new Date(Date.parse(o.dueAt) + 3 * 3_600_000).toISOString(),
        };
      }),
    );
    await rebuildCommitmentLedgers(trx, [commitmentId]);
  });
  return { repairId, commitmentId, open, recorded: recorded.length };
}

async function timed(call, method, url, body, expect) {
  const t0 = performance.now();
  const res = await call(method, url, body);
  const ms = performance.now() - t0;
  if (res.statusCode !== expect)
    throw new Error(`${method} ${url}: expected ${expect}, got ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return { ms, res };
}

async function main() {
  const now = new Date();
  const results = { date: now.toISOString(), machine: machineFacts(), targetMs: TARGET_MS, people: PEOPLE };
  const orgs = {};
  for (const [label, size] of [
    ['small', TEAM_SIZE],
    ['large', PEOPLE],
  ]) {
    log(
      `Seeding the ${label} organisation: ${size.toLocaleString('en')} people in ${size / TEAM_SIZE} teams…`,
    );
    const t0 = performance.now();
    const server = await startServer(label);
    const people = await seedPeople(server.database.db, size, now);
    const weekly = await seedRepair(server.database.db, people, people.teamIds[0], 1, now);
    // A second repair, never viewed: its daily commitment shows whether recording grows with the ledger.
    const daily = await seedRepair(server.database.db, people, people.teamIds.at(-1), 7, now);
    await sql`pragma optimize`.execute(server.database.db);
    log(
      `  ${round1((performance.now() - t0) / 1000)} s; ${weekly.recorded} weekly and ${daily.recorded} daily occurrences recorded`,
    );
    orgs[label] = {
      ...server,
      ...weekly,
      daily,
      times: { people: [], search: [], record: [], recordDaily: [], recovery: [] },
    };
  }

  const measure = async (org, i) => {
    const base = `/api/v1/repairs/${org.repairId}`;
    const people = await timed(org.call, 'GET', '/api/v1/people', undefined, 200);
    // Part of a surname and a number, as someone looking for one person types it: no index serves it.
    const search = await timed(
      org.call,
      'GET',
      `/api/v1/people?q=${SEARCHES[i % SEARCHES.length]}`,
      undefined,
      200,
    );
    const record = await timed(
      org.call,
      'POST',
      `${base}/commitments/${org.commitmentId}/occurrences`,
      { dueAt: org.open[i], status: i % 7 === 0 ? 'missed' : 'kept', note: 'Posted the draft on time.' },
      201,
    );
    const recovery = await timed(org.call, 'GET', `${base}/recovery`, undefined, 200);
    const recordDaily = await timed(
      org.call,
      'POST',
      `/api/v1/repairs/${org.daily.repairId}/commitments/${org.daily.commitmentId}/occurrences`,
      { dueAt: org.daily.open[i], status: 'kept', note: 'Posted the draft on time.' },
      201,
    );
    return { people, search, record, recovery, recordDaily };
  };
  log(`Timing ${SAMPLES} samples each (after ${WARMUP} warm-up), alternating the organisations…`);
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    for (const org of [orgs.small, orgs.large]) {
      const r = await measure(org, i);
      if (i < WARMUP) continue;
      org.times.people.push(r.people.ms);
      org.times.search.push(r.search.ms);
      org.times.record.push(r.record.ms);
      org.times.recovery.push(r.recovery.ms);
      org.times.recordDaily.push(r.recordDaily.ms);
      org.pageSize = r.people.res.json().people.length;
    }
  }
  for (const [label, org] of Object.entries(orgs)) {
    results[label] = {
      people: label === 'small' ? TEAM_SIZE + 1 : PEOPLE + 1,
      pageSize: org.pageSize,
      ledgerEntriesAtEnd: org.recorded + WARMUP + SAMPLES,
      peopleFirstPageMs: round1(median(org.times.people)),
      peopleSearchMs: round1(median(org.times.search)),
      recordOccurrenceMs: round1(median(org.times.record)),
      recoveryViewMs: round1(median(org.times.recovery)),
      dailyLedgerEntriesAtEnd: org.daily.recorded + WARMUP + SAMPLES,
      recordDailyOccurrenceMs: round1(median(org.times.recordDaily)),
    };
    await org.app.close();
    await org.database.destroy();
  }
  results.ratio = Object.fromEntries(
    [
      'peopleFirstPageMs',
      'peopleSearchMs',
      'recordOccurrenceMs',
      'recoveryViewMs',
      'recordDailyOccurrenceMs',
    ].map((k) => [k, round1(results.large[k] / results.small[k])]),
  );
  return results;
}

function printTable(r) {
  const m = r.machine;
  log(`\nLarge organisation ${r.date} — ${m.cpuModel}, ${m.cpuCount} CPUs, Node ${m.node} (SQLite, medians)`);
  log(`  measure                                   large      small    ratio  target`);
  // The search has no target: it reads every person whose name and email do not match (no index serves it).
  for (const [key, label, target] of [
    ['peopleFirstPageMs', 'GET /people, first page', true],
    ['peopleSearchMs', 'GET /people?q=, a search', false],
    ['recordOccurrenceMs', 'recording an occurrence (2-year weekly)', true],
    ['recoveryViewMs', 'the recovery view', true],
    ['recordDailyOccurrenceMs', 'recording an occurrence (2-year daily)', false],
  ]) {
    const goal = target ? `< ${TARGET_MS} ms ${verdict(r.large[key] < TARGET_MS)}` : '—';
    log(
      `  ${label.padEnd(40)} ${String(r.large[key]).padStart(6)} ms ${String(r.small[key]).padStart(6)} ms ${String(r.ratio[key]).padStart(6)}  ${goal}`,
    );
  }
}

try {
  const results = await main();
  printTable(results);
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nWrote ${path.relative(root, OUT)}`);
} catch (err) {
  console.error(`\nbench-people failed: ${err.stack ?? err.message}`);
  process.exit(1);
}
