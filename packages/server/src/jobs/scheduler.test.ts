import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createTeamWithMembers, type TestOrganization } from '../test/factories.js';
import { createTestApp, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import type { Deps } from '../use-cases/deps.js';
import { openPulse } from '../use-cases/pulses/open-pulse.js';
import { openRepair } from '../use-cases/repairs/create-repair.js';
import { runScheduledJobs, startScheduler } from './scheduler.js';

/** One failing job must not starve the jobs after it in the same run of the scheduler. */
describe.each(ENGINES)('the scheduler, when one job fails (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let clock = new Date('2026-03-02T10:00:00Z');

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Isolation');
  });
  afterAll(() => app.close());

  it('runs the other jobs in the same run and logs the failure by job name only', async () => {
    // A pulse sent six days ago closes today: its reminders are due (a job that runs after the baselines).
    const pulseTeam = await createTeamWithMembers(app, org, 3, 'pulsed');
    await openPulse(app.deps, { teamId: pulseTeam, kind: 'regular', notify: false });
    clock = new Date('2026-03-08T10:00:00Z');
    // A new repair on another team wants its baseline pulse, but the key generator is broken.
    const repairTeam = await createTeamWithMembers(app, org, 3, 'repaired');
    await openRepair(app.deps, org.leader.actor, {
      teamId: repairTeam,
      title: 'Secret repair title',
      description: 'What happened.',
      breachKinds: ['voice'],
    });
    const deps: Deps = {
      ...app.deps,
      createBallotKeys: () => Promise.reject(new Error('entropy source unavailable for Secret repair title')),
    };
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });

    await startScheduler(deps, log, 3_600_000).stop();

    const reminders = await app.deps.db
      .selectFrom('mail_outbox')
      .select('recipient')
      .where('dedupe_key', 'like', 'pulse-reminder:%')
      .execute();
    expect(reminders).toHaveLength(3);
    const failures = lines.map((l) => JSON.parse(l)).filter((l) => l.level >= 50);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ job: 'baselinePulses' });
    const text = lines.join('\n');
    for (const secret of ['Secret repair title', repairTeam, pulseTeam, '@'])
      expect(text).not.toContain(secret);
  });
});

describe('one run of the scheduled jobs', () => {
  it('holds back a job whose prerequisite failed in the same run, and runs the rest', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const ran: string[] = [];
    const job = (name: string, needs?: string[]) => ({
      name,
      ...(needs ? { needs } : {}),
      run: async () => {
        ran.push(name);
        if (name === 'store') throw new TypeError('cannot read the queue');
        return 1;
      },
    });
    const done = await runScheduledJobs({} as Deps, log, [
      job('store'),
      job('close', ['store']),
      job('remind'),
    ]);
    expect(ran).toEqual(['store', 'remind']);
    expect(done).toEqual({ remind: 1 });
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged.find((l) => l.job === 'store')).toMatchObject({ error: 'TypeError', level: 50 });
    expect(logged.find((l) => l.job === 'close')).toMatchObject({ waitsFor: ['store'], level: 40 });
    expect(lines.join('\n')).not.toContain('cannot read the queue');
  });
});
