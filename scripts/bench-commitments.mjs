// Demonstration-ledger benchmark (run by `npm run bench` after the build, or alone after
// `npx tsc -b packages/core packages/server`: `node scripts/bench-commitments.mjs`).
// 1,000 repairs in one organisation (Europe/Berlin), each with one weekly commitment started two years ago and
// ~104 recorded occurrences, in a fresh SQLite database made by the server's own migrations. Timed (median of
// 5 runs): reading every commitment and occurrence, expanding every schedule and joining what was recorded
// (the server's occurrencesOf), and computing every commitment's and every repair's reliability record.
// The expansion alone is also timed against the rrule-based reference expansion, as the baseline.
// Results: a table on stdout and artifacts/bench-commitments.json.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machineFacts, median, round1, verdict } from './bench-support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(pathToFileURL(path.join(root, p)).href);
const OUT = path.join(root, 'artifacts/bench-commitments.json');

const { openDatabase } = await load('packages/server/dist/db/database.js');
const { migrateToLatest } = await load('packages/server/dist/db/migrate.js');
const { occurrencesOf, GRACE_HOURS } = await load(
  'packages/server/dist/use-cases/commitments/commitments-view.js',
);
const { expandOccurrences, reliability, WEEKDAYS } = await load('packages/core/dist/commitments/index.js');
const reference = await load('packages/core/dist/commitments/schedule-rrule.js').catch(() => null);

const REPAIRS = Number(process.env.BENCH_REPAIRS ?? 1_000);
const YEARS = 2;
const RUNS = 5;
const TARGET_MS = 200;
const TIME_ZONE = 'Europe/Berlin';
const K = 3;
const BATCH = 500;
const HORIZON_DAYS = 90; // as commitments-view.ts: schedules are expanded to now + 90 days

const log = (msg) => console.log(msg);
// Deterministic pseudo-random numbers, so every run records the same history.
let seed = 0x5eed;
const random = () => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 2 ** 32;
};

const tempDirs = new Set();
process.on('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Local calendar date in TIME_ZONE. */
const localDate = (instant) => new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(instant);

async function seedDatabase(db, now) {
  const at = now.toISOString();
  const startsOn = localDate(new Date(now.getTime() - YEARS * 365 * 86_400_000));
  const orgId = randomUUID();
  const leaderId = randomUUID();
  const teams = [];
  const repairs = [];
  const commitments = [];
  const occurrences = [];
  for (let i = 0; i < REPAIRS; i++) {
    const teamId = randomUUID();
    const repairId = randomUUID();
    const commitmentId = randomUUID();
    const schedule = {
      kind: 'recurring',
      pattern: { type: 'weekly', weekdays: [WEEKDAYS[i % 5]], timeOfDay: i % 2 ? '09:00' : '16:30' },
    };
    teams.push({
      id: teamId,
      organization_id: orgId,
      name: `Team ${i}`,
      name_key: `team ${i}`,
      leader_id: leaderId,
      created_at: at,
    });
    repairs.push({
      id: repairId,
      organization_id: orgId,
      team_id: teamId,
      leader_id: leaderId,
      title: `Repair ${i}`,
      description: 'The rota was changed without asking the team.',
      breach_kinds: '["voice"]',
      stage: 'demonstrating',
      created_at: at,
      updated_at: at,
    });
    commitments.push({
      id: commitmentId,
      repair_id: repairId,
      action: 'Post the rota draft in the team channel and ask for objections before publishing it',
      evidence: 'The draft and the replies are in the channel every week',
      schedule: JSON.stringify(schedule),
      starts_on: startsOn,
      ends_on: null,
      theme_ids: '[]',
      replaces_id: null,
      created_at: at,
      retired_at: null,
      retired_reason: null,
    });
    // Mostly kept, some missed, a few left unrecorded (they count as missed after the grace period).
    for (const o of expandOccurrences(schedule, { start: startsOn, until: now, timeZone: TIME_ZONE })) {
      const r = random();
      if (r >= 0.97) continue;
      const due = Date.parse(o.dueAt);
      occurrences.push({
        id: randomUUID(),
        commitment_id: commitmentId,
        due_at: o.dueAt,
        local_date: o.localDate,
        status: r < 0.88 ? 'kept' : 'missed',
        note:
          r < 0.88 ? 'Posted the draft; two swaps agreed.' : 'I published it without asking. That was mine.',
        link: r < 0.3 ? 'https://chat.example/rota' : null,
        recorded_at: new Date(due + Math.floor(random() * 72) * 3_600_000).toISOString(),
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('organizations')
      .values({ id: orgId, name: 'Bench Org', time_zone: TIME_ZONE, created_at: at })
      .execute();
    await trx
      .insertInto('people')
      .values({
        id: leaderId,
        organization_id: orgId,
        name: 'Bench Leader',
        email: 'leader@bench.example',
        role: 'leader',
        user_id: null,
        created_at: at,
      })
      .execute();
    for (const [table, rows] of [
      ['teams', teams],
      ['repairs', repairs],
      ['commitments', commitments],
      ['occurrences', occurrences],
    ]) {
      for (let i = 0; i < rows.length; i += BATCH)
        await trx
          .insertInto(table)
          .values(rows.slice(i, i + BATCH))
          .execute();
    }
  });
  return { orgId, startsOn, occurrences: occurrences.length };
}

/** As commitments-view.ts's forRecord (not exported): occurrences as the reliability record reads them. */
function forRecord(views) {
  const out = [];
  for (const v of views) {
    if (v.status === 'upcoming') continue;
    const settled = v.status === 'kept' || (v.status === 'missed' && v.recordedAt);
    out.push({
      dueAt: v.dueAt,
      localDate: v.localDate,
      status: settled ? v.status : 'pending',
      ...(v.recordedAt ? { recordedAt: v.recordedAt } : {}),
    });
  }
  return out;
}

/** One timed run: everything from the database to every commitment's and repair's reliability record. */
async function run(db, orgId, now) {
  const t0 = performance.now();
  const org = await db
    .selectFrom('organizations')
    .select('time_zone')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const rows = await db.selectFrom('commitments').selectAll().orderBy('repair_id').execute();
  const recorded = await db.selectFrom('occurrences').selectAll().execute();
  const t1 = performance.now();
  const byCommitment = new Map(rows.map((r) => [r.id, []]));
  for (const o of recorded) byCommitment.get(o.commitment_id)?.push(o);
  const views = rows.map((row) => occurrencesOf(row, byCommitment.get(row.id), org.time_zone, now));
  const t2 = performance.now();
  const options = { now, graceHours: GRACE_HOURS, k: K };
  const byRepair = new Map();
  const commitmentRecords = rows.map((row, i) => {
    const occurrences = forRecord(views[i]);
    const list = byRepair.get(row.repair_id);
    if (list) list.push(...occurrences);
    else byRepair.set(row.repair_id, [...occurrences]);
    return reliability(occurrences, options);
  });
  const repairRecords = [...byRepair.values()].map((all) => reliability(all, options));
  const t3 = performance.now();
  return {
    queryMs: t1 - t0,
    expansionMs: t2 - t1,
    reliabilityMs: t3 - t2,
    totalMs: t3 - t0,
    rowsRead: { commitments: rows.length, occurrences: recorded.length },
    occurrencesExpanded: views.reduce((n, v) => n + v.length, 0),
    commitmentRecords,
    repairRecords,
  };
}

/** The expansion alone, for every commitment: `fn` is core's expandOccurrences or the rrule reference. */
function timeExpansion(fn, rows, now) {
  const until = new Date(now.getTime() + HORIZON_DAYS * 86_400_000);
  const runs = [];
  let count = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    count = 0;
    for (const row of rows) {
      const schedule = JSON.parse(row.schedule);
      count += fn(schedule, { start: row.starts_on, until, timeZone: TIME_ZONE }).length;
    }
    runs.push(performance.now() - t0);
  }
  return { runsMs: runs.map(round1), medianMs: round1(median(runs)), occurrences: count };
}

let exitCode = 0;
let handle;
try {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kintsugi-bench-commitments-'));
  tempDirs.add(dataDir);
  handle = openDatabase({ databaseUrl: null, dataDir });
  await migrateToLatest(handle.db);
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  log(`Seeding ${REPAIRS} repairs, one weekly commitment each over ${YEARS} years (SQLite, ${TIME_ZONE})…`);
  let t = performance.now();
  const seeded = await seedDatabase(handle.db, now);
  log(
    `  ${seeded.occurrences} recorded occurrences in ${round1((performance.now() - t) / 1000)} s; timing ${RUNS} runs…`,
  );

  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run(handle.db, seeded.orgId, now));
  const pick = (key) => round1(median(runs.map((r) => r[key])));
  const last = runs.at(-1);
  // Sanity: the records describe the seeded history.
  const sample = last.commitmentRecords[0];
  if (!(sample.due >= 100 && sample.kept > 0 && sample.missed > 0))
    throw new Error(
      `unexpected reliability record: ${JSON.stringify({ ...sample, strip: sample.strip.length })}`,
    );

  const rows = await handle.db.selectFrom('commitments').select(['schedule', 'starts_on']).execute();
  t = performance.now();
  const direct = timeExpansion(expandOccurrences, rows, now);
  const baseline = reference ? timeExpansion(reference.expandOccurrencesWithRRule, rows, now) : null;
  if (baseline && baseline.occurrences !== direct.occurrences)
    throw new Error(`expansions disagree: ${direct.occurrences} vs ${baseline.occurrences} occurrences`);

  const results = {
    date: new Date().toISOString(),
    machine: machineFacts(),
    target: { totalMs: TARGET_MS },
    workload: {
      engine: 'sqlite (file, WAL)',
      timeZone: TIME_ZONE,
      repairs: REPAIRS,
      commitments: last.rowsRead.commitments,
      schedule: 'weekly, one weekday, started two years before now; expanded to now + 90 days',
      recordedOccurrences: last.rowsRead.occurrences,
      occurrencesExpanded: last.occurrencesExpanded,
      reliabilityRecords: last.commitmentRecords.length + last.repairRecords.length,
    },
    runs: runs.map((r) => ({
      totalMs: round1(r.totalMs),
      queryMs: round1(r.queryMs),
      expansionMs: round1(r.expansionMs),
      reliabilityMs: round1(r.reliabilityMs),
    })),
    median: {
      totalMs: pick('totalMs'),
      queryMs: pick('queryMs'),
      expansionAndJoinMs: pick('expansionMs'),
      reliabilityMs: pick('reliabilityMs'),
    },
    expansionAlone: {
      directMedianMs: direct.medianMs,
      directRunsMs: direct.runsMs,
      ...(baseline
        ? {
            rruleMedianMs: baseline.medianMs,
            rruleRunsMs: baseline.runsMs,
            speedup: round1(baseline.medianMs / direct.medianMs),
          }
        : {}),
      occurrences: direct.occurrences,
    },
  };
  const m = results.median;
  const e = results.expansionAlone;
  const table = [
    [
      `Expand + reliability, ${REPAIRS} repairs (median of ${RUNS})`,
      `${m.totalMs} ms`,
      `< ${TARGET_MS} ms`,
      verdict(m.totalMs < TARGET_MS),
    ],
    ['  read commitments + occurrences (SQLite)', `${m.queryMs} ms`, '', ''],
    ['  expand schedules + join recorded (occurrencesOf)', `${m.expansionAndJoinMs} ms`, '', ''],
    ['  reliability records (commitments + repairs)', `${m.reliabilityMs} ms`, '', ''],
    ['Expansion alone, direct date arithmetic', `${e.directMedianMs} ms`, '', ''],
    ...(e.rruleMedianMs !== undefined
      ? [
          ['Expansion alone, rrule reference (baseline)', `${e.rruleMedianMs} ms`, '', ''],
          ['Direct / rrule speed-up', `${e.speedup} ×`, '', ''],
        ]
      : []),
  ];
  const w = [0, 1, 2].map((i) => Math.max(...table.map((r) => r[i].length)));
  const mc = results.machine;
  log(
    `\nDemonstration-ledger benchmark ${results.date} — ${mc.cpuModel}, ${mc.cpuCount} CPUs, Node ${mc.node}`,
  );
  log(
    `(${results.workload.commitments} weekly commitments, ${results.workload.recordedOccurrences} recorded occurrences, ${results.workload.occurrencesExpanded} occurrences expanded per run, ${results.workload.reliabilityRecords} records)\n`,
  );
  for (const [name, value, target, ok] of table)
    log(`  ${name.padEnd(w[0])}  ${value.padStart(w[1])}  ${target.padEnd(w[2])}  ${ok}`.trimEnd());
  log(`  runs (total ms): ${results.runs.map((r) => r.totalMs).join(', ')}`);
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nWrote ${path.relative(root, OUT)}`);
} catch (err) {
  console.error(`\nbench-commitments failed: ${err.stack ?? err.message}`);
  exitCode = 1;
} finally {
  await handle?.destroy();
}
process.exit(exitCode);
