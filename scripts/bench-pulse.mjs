// Trust-pulse benchmark (run by `npm run bench` after the build, or alone after
// `npx tsc -b packages/core packages/server`: `node scripts/bench-pulse.mjs`).
// A synthetic organisation of 1,000 teams × 10 members × 52 weekly pulses (about 3.6 million item answers, stored
// as the server stores them: one histogram per pulse and item), each team with a repair opened a year ago, two
// themes, a response, a weekly commitment with a year of recorded occurrences and a comment on most pulses.
// Timed in-process (server time, no HTTP), on SQLite and on a throwaway PostgreSQL:
//   - one team's recovery view (getRecoveryView), 60 random teams: median and p95; target median < 20 ms;
//     baseline in the same run: the same team's commitments view alone (getCommitmentsView);
//   - the facilitator overview of all 1,000 open repairs (getOverview), median of 7; target < 200 ms;
//     baseline in the same run: the reliability records alone (repairReliabilities).
// BENCH_TEAMS changes the size; BENCH_ENGINES=sqlite skips PostgreSQL; BENCH_POSTGRES_URL uses a running server.
// Results: a table on stdout and artifacts/bench-pulse.json.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machineFacts, median, percentile, round1, verdict } from './bench-support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(pathToFileURL(path.join(root, p)).href);
const OUT = path.join(root, 'artifacts/bench-pulse.json');

const { openDatabase } = await load('packages/server/dist/db/database.js');
const { sql } = await import(pathToFileURL(path.join(root, 'node_modules/kysely/dist/esm/index.js')).href);
const { migrateToLatest } = await load('packages/server/dist/db/migrate.js');
const { getRecoveryView } = await load('packages/server/dist/use-cases/pulses/recovery-view.js');
const { getOverview } = await load('packages/server/dist/use-cases/pulses/overview.js');
const { getCommitmentsView } = await load('packages/server/dist/use-cases/commitments/commitments-view.js');
const { repairReliabilities } = await load(
  'packages/server/dist/use-cases/commitments/repair-reliabilities.js',
);
const { rebuildCommitmentLedgers } = await load(
  'packages/server/dist/use-cases/commitments/commitment-ledger.js',
);
const { createMailer } = await load('packages/server/dist/mail/mailer.js');
const { rebuildTeamTrends } = await load('packages/server/dist/use-cases/pulses/team-trend.js');
const { CURRENT_PULSE_VERSION, pulseItemSet, expandOccurrences } = await load('packages/core/dist/index.js');
const { startThrowawayPostgres } = await import(
  pathToFileURL(path.join(root, 'scripts/pg-throwaway.mjs')).href
);

const TEAMS = Number(process.env.BENCH_TEAMS ?? 1_000);
const MEMBERS = 10;
const WEEKS = 52;
const VIEW_SAMPLES = 60;
const OVERVIEW_RUNS = 7;
const TARGET_VIEW_MS = 20;
const TARGET_OVERVIEW_MS = 200;
const BATCH_ROWS = 2_000;
const DAY = 86_400_000;
const ITEMS = pulseItemSet(CURRENT_PULSE_VERSION).items;

const log = (msg) => console.log(msg);
let seed = 0x9e3779b9;
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
  const columns = Object.keys(rows[0]).length;
  const size = Math.max(1, Math.min(BATCH_ROWS, Math.floor(30_000 / columns)));
  for (let i = 0; i < rows.length; i += size)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
}

/** One organisation, written straight to the tables (the timed reads are what matters here). */
async function seedDatabase(db, now) {
  const at = now.toISOString();
  const opened = now.getTime() - WEEKS * 7 * DAY;
  const orgId = randomUUID();
  const people = [];
  const teams = [];
  const members = [];
  const repairs = [];
  const rounds = [];
  const themes = [];
  const messages = [];
  const commitments = [];
  const occurrences = [];
  const pulses = [];
  const counts = [];
  const comments = [];
  const facilitatorId = randomUUID();
  people.push({
    id: facilitatorId,
    organization_id: orgId,
    name: 'Facilitator',
    email: 'f@bench.example',
    role: 'facilitator',
    user_id: null,
    created_at: at,
  });
  const leaders = [];
  let itemAnswers = 0;
  for (let t = 0; t < TEAMS; t++) {
    const teamId = randomUUID();
    const leaderId = randomUUID();
    leaders.push({ teamId, leaderId });
    people.push({
      id: leaderId,
      organization_id: orgId,
      name: `Leader ${t}`,
      email: `leader${t}@bench.example`,
      role: 'leader',
      user_id: null,
      created_at: at,
    });
    teams.push({
      id: teamId,
      organization_id: orgId,
      name: `Team ${t}`,
      name_key: `team ${t}`,
      leader_id: leaderId,
      created_at: at,
      pulse_every_weeks: 1,
      pulse_next_on: day(now.getTime() + DAY),
    });
    for (let m = 0; m < MEMBERS; m++) {
      const personId = randomUUID();
      people.push({
        id: personId,
        organization_id: orgId,
        name: `Member ${t}.${m}`,
        email: `m${t}.${m}@bench.example`,
        role: 'member',
        user_id: null,
        created_at: at,
      });
      members.push({ team_id: teamId, person_id: personId, created_at: at });
    }
    const repairId = randomUUID();
    const openedAt = new Date(opened).toISOString();
    repairs.push({
      id: repairId,
      organization_id: orgId,
      team_id: teamId,
      leader_id: leaderId,
      title: `Repair ${t}`,
      description: 'The rota was changed without asking the team.',
      breach_kinds: '["voice"]',
      stage: 'demonstrating',
      created_at: openedAt,
      updated_at: at,
    });
    rounds.push({
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
    });
    const themeIds = [randomUUID(), randomUUID()];
    for (const [i, id] of themeIds.entries())
      themes.push({
        id,
        repair_id: repairId,
        name: `Theme ${i}`,
        need: 'To be asked first',
        acknowledgement: 'I did not ask.',
        answer_ids: '[]',
        created_at: openedAt,
      });
    messages.push({
      id: randomUUID(),
      repair_id: repairId,
      author_id: leaderId,
      body: 'I changed the rota without asking you. That was my mistake.',
      published_at: new Date(opened + 16 * DAY).toISOString(),
    });
    const commitmentId = randomUUID();
    const schedule = {
      kind: 'recurring',
      pattern: { type: 'weekly', weekdays: ['monday'], timeOfDay: '10:00' },
    };
    const startsOn = day(opened + 17 * DAY);
    commitments.push({
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
    });
    for (const o of expandOccurrences(schedule, {
      start: startsOn,
      until: new Date(now.getTime() - 3 * DAY),
      timeZone: 'UTC',
    })) {
      const kept = random() < 0.9;
      occurrences.push({
        id: randomUUID(),
        commitment_id: commitmentId,
        due_at: o.dueAt,
        local_date: o.localDate,
        status: kept ? 'kept' : 'missed',
        note: kept ? 'Posted the draft.' : 'I did not post it; that was mine.',
        link: null,
        recorded_at: new Date(Date.parse(o.dueAt) + 3 * 3_600_000).toISOString(),
      });
    }
    // A year of weekly pulses; trust climbs from about 35 to about 65 with noise.
    for (let w = 0; w < WEEKS; w++) {
      const pulseId = randomUUID();
      const opensAt = opened + w * 7 * DAY;
      const answers = 5 + Math.floor(random() * 4); // 5–8 of 10
      const level = 3 + (2 * w) / WEEKS;
      const overall = [0, 0, 0, 0, 0, 0, 0];
      for (const item of ITEMS) {
        const c = [0, 0, 0, 0, 0, 0, 0];
        for (let a = 0; a < answers; a++) {
          const v = Math.min(7, Math.max(1, Math.round(level + (random() - 0.5) * 3)));
          c[v - 1]++;
          overall[v - 1]++;
        }
        itemAnswers += answers;
        counts.push({
          pulse_id: pulseId,
          item_id: item.id,
          c1: c[0],
          c2: c[1],
          c3: c[2],
          c4: c[3],
          c5: c[4],
          c6: c[5],
          c7: c[6],
        });
      }
      pulses.push({
        id: pulseId,
        team_id: teamId,
        repair_id: w === 0 ? repairId : null,
        kind: w === 0 ? 'baseline' : 'regular',
        items_version: CURRENT_PULSE_VERSION,
        opens_on: day(opensAt),
        closes_on: day(opensAt + 6 * DAY),
        status: w === WEEKS - 1 ? 'open' : 'closed',
        public_key: 'bench',
        private_key: 'bench',
        answers,
        reminded: 1,
        alerted: 1,
        created_at: new Date(opensAt).toISOString(),
        o1: overall[0],
        o2: overall[1],
        o3: overall[2],
        o4: overall[3],
        o5: overall[4],
        o6: overall[5],
        o7: overall[6],
      });
      if (random() < 0.7)
        comments.push({
          id: randomUUID(),
          pulse_id: pulseId,
          body: 'The Monday drafts help.',
          answered_on: day(opensAt + DAY),
        });
    }
  }
  await db
    .insertInto('organizations')
    .values({ id: orgId, name: 'Bench Org', time_zone: 'UTC', created_at: at })
    .execute();
  for (const [table, rows] of [
    ['people', people],
    ['teams', teams],
    ['team_members', members],
    ['repairs', repairs],
    ['rounds', rounds],
    ['themes', themes],
    ['messages', messages],
    ['commitments', commitments],
    ['occurrences', occurrences],
    ['pulses', pulses],
    ['pulse_item_counts', counts.sort((a, b) => (a.pulse_id < b.pulse_id ? -1 : 1))],
    ['pulse_comments', comments.sort((a, b) => (a.id < b.id ? -1 : 1))],
  ])
    await insertAll(db, table, rows);
  await rebuildCommitmentLedgers(
    db,
    commitments.map((c) => c.id),
  );
  await rebuildTeamTrends(
    db,
    teams.map((t) => t.id),
  );
  return {
    orgId,
    facilitatorId,
    leaders,
    repairIds: repairs.map((r) => r.id),
    rows: {
      pulses: pulses.length,
      itemCounts: counts.length,
      comments: comments.length,
      occurrences: occurrences.length,
    },
    itemAnswers,
  };
}

const actor = (orgId, personId, role) => ({
  userId: randomUUID(),
  personId,
  organizationId: orgId,
  role,
  via: 'session',
  sessionId: null,
});

async function timeEngine(engine, databaseUrl) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kintsugi-bench-pulse-'));
  tempDirs.add(dataDir);
  const handle = openDatabase({ databaseUrl, dataDir });
  try {
    await migrateToLatest(handle.db);
    const now = new Date();
    log(`  seeding ${TEAMS} teams × ${MEMBERS} members × ${WEEKS} pulses (${engine})…`);
    let t = performance.now();
    const seeded = await seedDatabase(handle.db, now);
    // A live database has planner statistics; a freshly bulk-loaded one gets them from ANALYZE.
    if (handle.engine === 'postgres') await sql`analyze`.execute(handle.db);
    else await sql`pragma optimize`.execute(handle.db);
    const seedS = round1((performance.now() - t) / 1000);
    log(
      `    ${seeded.itemAnswers.toLocaleString('en')} item answers in ${seeded.rows.itemCounts.toLocaleString('en')} histogram rows; ${seedS} s`,
    );
    const deps = {
      db: handle.db,
      engine: handle.engine,
      now: () => now,
      secret: 'x'.repeat(40),
      baseUrl: 'http://bench.example',
      mailer: createMailer({
        db: handle.db,
        smtpUrl: null,
        from: 'bench@example.org',
        logger: { info() {}, warn() {} },
        now: () => now,
      }),
    };

    // Warm up the caches and the query plans, then sample random teams.
    const sample = Array.from(
      { length: VIEW_SAMPLES },
      () => seeded.leaders[Math.floor(random() * seeded.leaders.length)],
    );
    const repairOf = new Map(seeded.repairIds.map((id, i) => [seeded.leaders[i].teamId, id]));
    for (const s of sample.slice(0, 5))
      await getRecoveryView(deps, actor(seeded.orgId, s.leaderId, 'leader'), repairOf.get(s.teamId));
    const views = [];
    const baselineViews = [];
    let lastView = null;
    for (const s of sample) {
      const leader = actor(seeded.orgId, s.leaderId, 'leader');
      const repairId = repairOf.get(s.teamId);
      t = performance.now();
      await getCommitmentsView(deps, leader, repairId);
      baselineViews.push(performance.now() - t);
      t = performance.now();
      lastView = await getRecoveryView(deps, leader, repairId);
      views.push(performance.now() - t);
    }
    if (lastView.pulse.points.length < 40)
      throw new Error(`expected a year of points, got ${lastView.pulse.points.length}`);

    const facilitator = actor(seeded.orgId, seeded.facilitatorId, 'facilitator');
    await getOverview(deps, facilitator, {});
    const overviews = [];
    const baselineOverviews = [];
    let lastOverview = null;
    for (let i = 0; i < OVERVIEW_RUNS; i++) {
      t = performance.now();
      await repairReliabilities(deps, { organizationId: seeded.orgId, now });
      baselineOverviews.push(performance.now() - t);
      t = performance.now();
      lastOverview = await getOverview(deps, facilitator, {});
      overviews.push(performance.now() - t);
    }
    if (lastOverview.repairs.length !== TEAMS)
      throw new Error(`overview listed ${lastOverview.repairs.length} repairs`);
    return {
      engine,
      seedS,
      rows: seeded.rows,
      itemAnswers: seeded.itemAnswers,
      recoveryView: {
        medianMs: round1(median(views)),
        p95Ms: round1(percentile(views, 95)),
        baselineCommitmentsViewMedianMs: round1(median(baselineViews)),
        ratio: round1(median(views) / median(baselineViews)),
        points: lastView.pulse.points.length,
      },
      overview: {
        medianMs: round1(median(overviews)),
        runsMs: overviews.map(round1),
        baselineReliabilitiesMedianMs: round1(median(baselineOverviews)),
        ratio: round1(median(overviews) / median(baselineOverviews)),
        repairs: lastOverview.repairs.length,
      },
    };
  } finally {
    await handle.destroy();
  }
}

let exitCode = 0;
let pg = null;
try {
  const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
  const results = [];
  for (const engine of engines) {
    let url = null;
    if (engine === 'postgres') {
      url = process.env.BENCH_POSTGRES_URL ?? null;
      if (!url) {
        pg = await startThrowawayPostgres();
        url = pg.url;
      }
    }
    log(`Trust pulse benchmark on ${engine}:`);
    results.push(await timeEngine(engine, url));
  }
  const out = {
    date: new Date().toISOString(),
    machine: machineFacts(),
    targets: { recoveryViewMedianMs: TARGET_VIEW_MS, overviewMedianMs: TARGET_OVERVIEW_MS },
    workload: {
      teams: TEAMS,
      members: MEMBERS,
      weeklyPulses: WEEKS,
      items: ITEMS.length,
      viewSamples: VIEW_SAMPLES,
      overviewRuns: OVERVIEW_RUNS,
    },
    results,
  };
  const lines = [
    '',
    `Trust pulse benchmark ${out.date} — ${out.machine.cpuModel}, ${out.machine.cpuCount} CPUs, Node ${out.machine.node}`,
    `(${TEAMS} teams × ${MEMBERS} members × ${WEEKS} pulses; server time in-process)`,
    '',
  ];
  for (const r of results) {
    const v = r.recoveryView;
    const o = r.overview;
    lines.push(
      `  ${r.engine}: ${r.itemAnswers.toLocaleString('en')} item answers`,
      `    one team's recovery view, median of ${VIEW_SAMPLES} teams   ${String(v.medianMs).padStart(7)} ms  < ${TARGET_VIEW_MS} ms  ${verdict(v.medianMs < TARGET_VIEW_MS)}   (p95 ${v.p95Ms} ms; ${v.points} points)`,
      `      baseline: the commitments view alone            ${String(v.baselineCommitmentsViewMedianMs).padStart(7)} ms  ratio ${v.ratio}`,
      `    facilitator overview, ${o.repairs} repairs, median of ${OVERVIEW_RUNS}  ${String(o.medianMs).padStart(7)} ms  < ${TARGET_OVERVIEW_MS} ms  ${verdict(o.medianMs < TARGET_OVERVIEW_MS)}`,
      `      baseline: reliability records alone              ${String(o.baselineReliabilitiesMedianMs).padStart(7)} ms  ratio ${o.ratio}`,
    );
    if (!(v.medianMs < TARGET_VIEW_MS && o.medianMs < TARGET_OVERVIEW_MS)) exitCode = 1;
  }
  log(lines.join('\n'));
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
  log(`\nWrote ${path.relative(root, OUT)}`);
} catch (error) {
  console.error(error);
  exitCode = 2;
} finally {
  pg?.stop();
}
process.exit(exitCode);
