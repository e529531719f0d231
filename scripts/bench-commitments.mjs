// Demonstration-ledger benchmark (run by `npm run bench` after the build, or alone after
// `npx tsc -b packages/core packages/server`: `node scripts/bench-commitments.mjs`).
// 1,000 repairs in one organisation (Europe/Berlin), each with one weekly commitment started two years ago and
// ~104 recorded occurrences, in a fresh SQLite database made by the server's own migrations; the commitment
// ledgers (one summary row per commitment, kept by the use cases that record and witness) are then built from
// those rows with the server's rebuild helper. Timed (median of 5 runs): repairReliabilities for every repair —
// reading the commitments and their ledgers, expanding every schedule, merging what was recorded, and computing
// every commitment's and every repair's record — with the old full-row path (reading every occurrence row,
// countedOf, reliability with its strip) timed in the same run as the baseline. The records of both paths are
// compared. The expansion alone is also timed against the rrule-based reference expansion.
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
const { countedOf, GRACE_HOURS } = await load(
  'packages/server/dist/use-cases/commitments/commitments-view.js',
);
const { rebuildCommitmentLedgers } = await load(
  'packages/server/dist/use-cases/commitments/commitment-ledger.js',
);
const { repairReliabilities, countedOccurrences } = await load(
  'packages/server/dist/use-cases/commitments/repair-reliabilities.js',
);
const { expandOccurrences, reliability, timedReliability, WEEKDAYS } = await load(
  'packages/core/dist/commitments/index.js',
);
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
  // Made the day before they started: every occurrence since counts.
  const madeAt = new Date(Date.parse(startsOn) - 86_400_000).toISOString();
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
      created_at: madeAt,
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
  return { orgId, startsOn, occurrences: occurrences.length, commitmentIds: commitments.map((c) => c.id) };
}

/** The old full-row path (the baseline): every occurrence row read, joined, and every record with its strip. */
async function runFullRows(db, orgId, now) {
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
  const views = rows.map((row) => countedOf(row, byCommitment.get(row.id), org.time_zone, now));
  const t2 = performance.now();
  const options = { now, graceHours: GRACE_HOURS, k: K };
  const byRepair = new Map();
  const commitmentRecords = rows.map((row, i) => {
    const occurrences = views[i];
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

/** One timed run of the new path: the use case, from the database to every commitment's and repair's record. */
async function runLedgers(db, orgId, now) {
  const t0 = performance.now();
  const records = await repairReliabilities(
    { db, engine: 'sqlite', now: () => now },
    { organizationId: orgId, now },
  );
  return { totalMs: performance.now() - t0, records };
}

/** The new path's steps timed one by one (the same work as the use case), for the breakdown. */
async function runLedgerSteps(db, orgId, now) {
  const t0 = performance.now();
  const rows = await db
    .selectFrom('commitments as c')
    .innerJoin('repairs as r', 'r.id', 'c.repair_id')
    .leftJoin('commitment_ledgers as l', 'l.commitment_id', 'c.id')
    .select([
      'c.id',
      'c.repair_id',
      'c.schedule',
      'c.starts_on',
      'c.ends_on',
      'c.created_at',
      'c.retired_at',
      'l.entries',
    ])
    .where('r.organization_id', '=', orgId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  const t1 = performance.now();
  const instants = new Map();
  const counted = rows.map((row) => countedOccurrences(row, TIME_ZONE, now, instants));
  const t2 = performance.now();
  const options = { now, graceHours: GRACE_HOURS, k: K };
  for (const list of counted) timedReliability(list, options);
  const t3 = performance.now();
  return {
    queryMs: t1 - t0,
    mergeMs: t2 - t1,
    reliabilityMs: t3 - t2,
    ledgerChars: rows.reduce((n, r) => n + (r.entries?.length ?? 0), 0),
    counted: counted.reduce((n, l) => n + l.length, 0),
  };
}

const numbers = ({ strip: _strip, ...rest }) => rest;

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
  const seedS = round1((performance.now() - t) / 1000);
  t = performance.now();
  await rebuildCommitmentLedgers(handle.db, seeded.commitmentIds);
  const ledgerBuildS = round1((performance.now() - t) / 1000);
  log(
    `  ${seeded.occurrences} recorded occurrences in ${seedS} s, ledgers built in ${ledgerBuildS} s; timing ${RUNS} runs of each path…`,
  );

  // Each path's runs back to back (as the old benchmark did), so neither collects the other's garbage.
  const runs = [];
  const baselineRuns = [];
  const stepRuns = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runLedgers(handle.db, seeded.orgId, now));
  for (let i = 0; i < RUNS; i++) stepRuns.push(await runLedgerSteps(handle.db, seeded.orgId, now));
  for (let i = 0; i < RUNS; i++) baselineRuns.push(await runFullRows(handle.db, seeded.orgId, now));
  const pick = (list, key) => round1(median(list.map((r) => r[key])));
  const last = runs.at(-1);
  const old = baselineRuns.at(-1);
  const steps = stepRuns.at(-1);

  // Sanity: the records describe the seeded history, and both paths give the same numbers for every repair.
  const first = last.records.values().next().value;
  const sample = first?.commitments[0]?.record;
  if (!(sample && sample.due >= 100 && sample.kept > 0 && sample.missed > 0))
    throw new Error(`unexpected reliability record: ${JSON.stringify(sample)}`);
  const rows = await handle.db
    .selectFrom('commitments')
    .select(['id', 'repair_id', 'schedule', 'starts_on'])
    .orderBy('repair_id')
    .execute();
  if (last.records.size !== REPAIRS)
    throw new Error(`${last.records.size} repairs in the new path's records`);
  rows.forEach((row, i) => {
    const fresh = last.records.get(row.repair_id);
    const expected = JSON.stringify(numbers(old.commitmentRecords[i]));
    if (
      JSON.stringify(fresh?.commitments[0]?.record) !== expected ||
      JSON.stringify(fresh?.record) !== expected
    )
      throw new Error(`records differ for repair ${row.repair_id}: ${JSON.stringify(fresh)} vs ${expected}`);
  });

  const direct = timeExpansion(expandOccurrences, rows, now);
  const baseline = reference ? timeExpansion(reference.expandOccurrencesWithRRule, rows, now) : null;
  if (baseline && baseline.occurrences !== direct.occurrences)
    throw new Error(`expansions disagree: ${direct.occurrences} vs ${baseline.occurrences} occurrences`);

  const totalMs = pick(runs, 'totalMs');
  const baselineMs = pick(baselineRuns, 'totalMs');
  const results = {
    date: new Date().toISOString(),
    machine: machineFacts(),
    target: { totalMs: TARGET_MS },
    workload: {
      engine: 'sqlite (file, WAL)',
      timeZone: TIME_ZONE,
      repairs: REPAIRS,
      commitments: old.rowsRead.commitments,
      schedule: 'weekly, one weekday, started two years ago; expanded to now (old path: now + 90 days)',
      recordedOccurrences: old.rowsRead.occurrences,
      ledgerChars: steps.ledgerChars,
      occurrencesCounted: steps.counted,
      reliabilityRecords: old.commitmentRecords.length + old.repairRecords.length,
      seedSeconds: seedS,
      ledgerBuildSeconds: ledgerBuildS,
    },
    runs: runs.map((r, i) => ({ totalMs: round1(r.totalMs), baselineMs: round1(baselineRuns[i].totalMs) })),
    median: {
      totalMs,
      steps: {
        queryMs: pick(stepRuns, 'queryMs'),
        decodeExpandMergeMs: pick(stepRuns, 'mergeMs'),
        reliabilityMs: pick(stepRuns, 'reliabilityMs'),
      },
    },
    baselineFullRows: {
      totalMs: baselineMs,
      queryMs: pick(baselineRuns, 'queryMs'),
      expansionAndJoinMs: pick(baselineRuns, 'expansionMs'),
      reliabilityMs: pick(baselineRuns, 'reliabilityMs'),
      occurrencesExpanded: old.occurrencesExpanded,
      speedup: round1(baselineMs / totalMs),
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
  const b = results.baselineFullRows;
  const e = results.expansionAlone;
  const table = [
    [
      `Records from ledgers, ${REPAIRS} repairs (repairReliabilities, median of ${RUNS})`,
      `${m.totalMs} ms`,
      `< ${TARGET_MS} ms`,
      verdict(m.totalMs < TARGET_MS),
    ],
    ['  read commitments + ledgers (SQLite)', `${m.steps.queryMs} ms`, '', ''],
    ['  decode ledgers, expand schedules to now, merge', `${m.steps.decodeExpandMergeMs} ms`, '', ''],
    ['  reliability numbers, no strip (repairs reuse them)', `${m.steps.reliabilityMs} ms`, '', ''],
    [`Old full-row path, same run (baseline, median of ${RUNS})`, `${b.totalMs} ms`, '', ''],
    ['  read commitments + every occurrence row (SQLite)', `${b.queryMs} ms`, '', ''],
    ['  expand schedules + join recorded (countedOf)', `${b.expansionAndJoinMs} ms`, '', ''],
    ['  reliability records with strips (commitments + repairs)', `${b.reliabilityMs} ms`, '', ''],
    ['Old / new speed-up', `${b.speedup} ×`, '', ''],
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
  const wl = results.workload;
  log(
    `\nDemonstration-ledger benchmark ${results.date} — ${mc.cpuModel}, ${mc.cpuCount} CPUs, Node ${mc.node}`,
  );
  log(
    `(${wl.commitments} weekly commitments, ${wl.recordedOccurrences} recorded occurrences in ${wl.ledgerChars} characters of ledgers, ${wl.occurrencesCounted} occurrences counted per run, ${wl.reliabilityRecords} records; both paths agree)\n`,
  );
  for (const [name, value, target, ok] of table)
    log(`  ${name.padEnd(w[0])}  ${value.padStart(w[1])}  ${target.padEnd(w[2])}  ${ok}`.trimEnd());
  log(
    `  runs (total ms, new / old): ${results.runs.map((r) => `${r.totalMs} / ${r.baselineMs}`).join(', ')}`,
  );
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
