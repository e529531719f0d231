import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as migrateTrends } from '../../db/migrations/0009-team-pulse-trends.js';
import { createOrganization, type TestOrganization } from '../../test/factories.js';
import { openRoundWithTeam } from '../../test/listening-factory.js';
import { answerPulse, obtainPulseToken, secretsOf } from '../../test/pulse-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';
import { decodeTrend, loadTeamTrends, rebuildTeamTrends } from './team-trend.js';

describe.each(ENGINES)("a team's pulse trend stays equal to its pulses (%s)", (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let teamId = '';

  const stored = async () =>
    decodeTrend(
      (
        await app.deps.db
          .selectFrom('team_pulse_trends')
          .select('entries')
          .where('team_id', '=', teamId)
          .executeTakeFirst()
      )?.entries,
    );

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Trend');
    const round = await openRoundWithTeam(app, org, 6);
    teamId = (
      await app.deps.db
        .selectFrom('repairs')
        .select('team_id')
        .where('id', '=', round.repairId)
        .executeTakeFirstOrThrow()
    ).team_id;
  });
  afterAll(() => app.close());

  it('follows openings and concurrent answers, and a rebuild from the pulse rows gives the same', async () => {
    const sent = await request(app, {
      method: 'POST',
      url: `/api/v1/teams/${teamId}/pulses`,
      as: { token: org.leader.token },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(await stored()).toMatchObject([{ answers: 0, overall: [0, 0, 0, 0, 0, 0, 0] }]);
    const secrets = await secretsOf(app, sent.json().sent);
    const proofs = await Promise.all(secrets.map((s) => obtainPulseToken(app, s)));
    // Six answers at once: they are stored in batches of at least k, and no update of the trend is lost.
    const results = await Promise.all(proofs.map((p, i) => answerPulse(app, p, 1 + i)));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    // Arriving together, they may leave fewer than k waiting: stored here as on shutdown.
    await app.deps.ballots.flushAll(app.deps);
    const incremental = await stored();
    expect(incremental).toHaveLength(1);
    expect(incremental[0]).toMatchObject({ answers: 6, overall: [11, 11, 11, 11, 11, 11, 0] });
    await rebuildTeamTrends(app.deps.db, [teamId]);
    expect(await stored()).toEqual(incremental);
    const loaded = await loadTeamTrends(app.deps.db, org.id);
    expect(loaded.get(teamId)).toEqual(incremental);
    // Another organisation's trends are not read.
    const other = await createOrganization(app, 'TrendOther');
    expect((await loadTeamTrends(app.deps.db, other.id)).size).toBe(0);
  });

  it('is filled by its migration exactly as the incremental updates fill it', async () => {
    const before = await stored();
    await app.deps.db.schema.dropTable('team_pulse_trends').execute();
    await migrateTrends(app.deps.db as never);
    expect(await stored()).toEqual(before);
  });
});
