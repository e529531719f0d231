import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, dumpTables, type TestOrganization } from '../../test/factories.js';
import { answerAll, type OpenedRound, obtainToken, openRoundWithTeam } from '../../test/listening-factory.js';
import { linksEmailedTo } from '../../test/outbox-links.js';
import { obtainPulseToken, secretsOf } from '../../test/pulse-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';
import { witnessableOccurrence } from '../../test/witness-factory.js';

/**
 * Opening a personal link writes nothing: not a row, not a changed value, nothing in the mixer. Only taking a token
 * does, and then only an anonymous claim of the link.
 */
describe.each(ENGINES)('opening a personal link writes nothing (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let round: OpenedRound;
  const leader = () => ({ token: org.leader.token });

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Opening');
    round = await openRoundWithTeam(app, org, 4);
  });
  afterAll(() => app.close());

  /** Rows changed by the connection so far (SQLite counts even an update that sets a value to itself). */
  const changes = async () =>
    engine === 'sqlite'
      ? Number((await sql<{ n: number }>`select total_changes() as n`.execute(app.deps.db)).rows[0]?.n)
      : 0;
  /** Everything the server holds: every table, the rows changed, and what waits in memory. */
  const everything = async () => ({
    tables: await dumpTables(app),
    changes: await changes(),
    memory: app.deps.ballots.size(),
  });
  const open = (url: string, body: object) => request(app, { method: 'POST', url, body });

  it('opens a fresh, a used, a re-sent and an unknown listening link without a write', async () => {
    const [fresh, used] = round.links as [OpenedRound['links'][0], OpenedRound['links'][0]];
    const unused = await changes();
    await obtainToken(app, used.secret);
    // Taking a token does write (the claim): the counter sees writes.
    if (engine === 'sqlite') expect(await changes()).toBeGreaterThan(unused);
    await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${round.repairId}/round/links/${used.personId}`,
      as: leader(),
    });
    const resent = (await linksEmailedTo(app, 'answer', used.personId)).find((l) => l !== used.secret) ?? '';
    const cases = [
      { link: fresh.secret, status: 200, tokenIssued: false },
      { link: used.secret, status: 200, tokenIssued: true },
      { link: resent, status: 200, tokenIssued: true },
      { link: 'z'.repeat(43), status: 404 },
    ];
    for (const c of cases) {
      const before = await everything();
      const res = await open('/api/v1/ballot/invitation', { link: c.link });
      expect(res.statusCode, res.body).toBe(c.status);
      if (c.status === 200)
        expect(res.json()).toMatchObject({
          roundId: round.roundId,
          status: 'open',
          tokenIssued: c.tokenIssued,
        });
      expect(await everything()).toEqual(before);
    }
  });

  it('says what the link opens and how links were delivered, and nothing about its person', async () => {
    const link = round.links[2] as OpenedRound['links'][0];
    const res = await open('/api/v1/ballot/invitation', { link: link.secret });
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      [
        'closesOn',
        'delivery',
        'leaderName',
        'publicKey',
        'questions',
        'repairTitle',
        'roundId',
        'status',
        'teamName',
        'threshold',
        'tokenIssued',
      ].sort(),
    );
    expect(body.delivery.method).toBe('by_hand');
    expect(res.body).not.toContain(link.personId);
    expect(res.body).not.toContain(link.name);
  });

  it('opens a link of a closed round without a write, and says it is closed', async () => {
    const closedRound = await openRoundWithTeam(app, org, 3);
    const proofs = [];
    for (const link of closedRound.links.slice(0, 2)) proofs.push(await obtainToken(app, link.secret));
    for (const proof of proofs) await answerAll(app, proof, { impact: 'Before the close' });
    await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${closedRound.repairId}/round/close`,
      as: leader(),
    });
    const before = await everything();
    const res = await open('/api/v1/ballot/invitation', { link: closedRound.links[2]?.secret });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', tokenIssued: false });
    expect(await everything()).toEqual(before);
  });

  it('opens pulse links without a write, before and after a token is taken', async () => {
    const { team_id: teamId } = await app.deps.db
      .selectFrom('repairs')
      .select('team_id')
      .where('id', '=', round.repairId)
      .executeTakeFirstOrThrow();
    const sent = await request(app, { method: 'POST', url: `/api/v1/teams/${teamId}/pulses`, as: leader() });
    expect(sent.statusCode, sent.body).toBe(201);
    const [first, second] = await secretsOf(app, sent.json().sent);
    await obtainPulseToken(app, first ?? '');
    for (const [link, tokenIssued] of [
      [first, true],
      [second, false],
    ] as const) {
      const before = await everything();
      const res = await open('/api/v1/pulse/invitation', { link });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().tokenIssued).toBe(tokenIssued);
      expect(await everything()).toEqual(before);
    }
    const before = await everything();
    expect((await open('/api/v1/pulse/invitation', { link: 'z'.repeat(43) })).statusCode).toBe(404);
    expect(await everything()).toEqual(before);
  });

  it("reads a witness ballot's key without a write once the ballot exists", async () => {
    const occurrence = await witnessableOccurrence(app, org, 3);
    const body = { link: occurrence.links[0]?.secret, occurrenceId: occurrence.occurrenceId };
    // The first asker makes the ballot's key pair: a row for the occurrence, written by nobody in particular.
    const first = await open('/api/v1/team-space/witness/key', body);
    expect(first.statusCode, first.body).toBe(200);
    const before = await everything();
    for (const link of occurrence.links) {
      const res = await open('/api/v1/team-space/witness/key', { ...body, link: link.secret });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ publicKey: first.json().publicKey, tokenIssued: false });
    }
    expect(await everything()).toEqual(before);
  });
});
