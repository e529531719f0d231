import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TABLES, createOrganization, type TestOrganization } from '../../test/factories.js';
import { openRoundWithTeam } from '../../test/listening-factory.js';
import { answerPulse, obtainPulseToken, type PulseProof, secretsOf } from '../../test/pulse-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';
import { sha256 } from '../../use-cases/ballots/ballot-proof.js';

/**
 * SPEC §5 for the trust pulse: nobody holding the whole database can tell what an invited person answered. Only
 * totals are kept, so the test looks for anything that could single out one person's answers.
 */
describe.each(ENGINES)('pulse answers cannot be linked to people (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let teamId = '';
  let secrets: string[] = [];
  const proofs: PulseProof[] = [];
  let dump: Record<string, Record<string, unknown>[]>;

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'PulseAnon');
    const round = await openRoundWithTeam(app, org, 6);
    const repair = await app.deps.db
      .selectFrom('repairs')
      .select('team_id')
      .where('id', '=', round.repairId)
      .executeTakeFirstOrThrow();
    teamId = repair.team_id;
    const sent = await request(app, {
      method: 'POST',
      url: `/api/v1/teams/${teamId}/pulses`,
      as: { token: org.leader.token },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    secrets = await secretsOf(app, sent.json().sent);
    // Everyone takes a token in link order and answers in the same order, each differently: the worst case.
    for (const secret of secrets.slice(0, 5)) proofs.push(await obtainPulseToken(app, secret));
    const states: string[] = [];
    for (const [i, proof] of proofs.entries()) {
      const res = await answerPulse(app, proof, 1 + i, `Comment from answer ${i}`);
      expect(res.statusCode, res.body).toBe(200);
      states.push(res.json().state);
    }
    // Added to the totals three at a time (k = 3); the last two wait for a third, or for the pulse to close.
    expect(states).toEqual(['pending', 'pending', 'stored', 'pending', 'pending']);
    await app.deps.ballots.flushAll(app.deps);
    dump = {};
    for (const table of ALL_TABLES)
      dump[table] = (await app.deps.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
  });
  afterAll(() => app.close());

  it('keeps no row per answer: only totals, which changed by exactly the answers given', () => {
    const pulse = dump.pulses?.[0] ?? {};
    expect(pulse.answers).toBe(5);
    // Each of the 11 statements got one 1, one 2, … one 5.
    for (const row of dump.pulse_item_counts ?? []) {
      expect([row.c1, row.c2, row.c3, row.c4, row.c5, row.c6, row.c7].map(Number)).toEqual([
        1, 1, 1, 1, 1, 0, 0,
      ]);
      expect(Object.keys(row).sort()).toEqual([
        'c1',
        'c2',
        'c3',
        'c4',
        'c5',
        'c6',
        'c7',
        'item_id',
        'pulse_id',
      ]);
    }
    expect(dump.pulse_item_counts).toHaveLength(11);
  });

  it('stores comments with a random id, a day date and nothing else, in id order', () => {
    const comments = dump.pulse_comments ?? [];
    expect(comments).toHaveLength(5);
    expect(Object.keys(comments[0] ?? {}).sort()).toEqual(['answered_on', 'body', 'id', 'pulse_id']);
    expect(comments.every((c) => /^\d{4}-\d{2}-\d{2}$/.test(String(c.answered_on)))).toBe(true);
    // Raw table order follows the random ids, not the order people answered in.
    const ids = comments.map((c) => String(c.id));
    expect(ids).toEqual([...ids].sort());
  });

  it('spends tokens by hash only: nothing in the database equals a link, its hash or the token', () => {
    // The outbox keeps unsent invitations (with their links) for an admin to deliver by hand when SMTP is not
    // set up; it holds no answers. Everything else must not hold a link.
    const { mail_outbox: _outbox, ...rest } = dump;
    const everything = JSON.stringify(rest);
    for (const secret of secrets) {
      expect(everything).not.toContain(secret);
    }
    for (const proof of proofs) {
      expect(everything).not.toContain(proof.token);
      expect(everything).not.toContain(proof.signature);
    }
    const linkHashes = new Set((dump.pulse_invitations ?? []).map((i) => String(i.link_hash)));
    for (const spent of dump.pulse_spent ?? []) {
      expect(Object.keys(spent).sort()).toEqual(['pulse_id', 'token_hash']);
      expect(linkHashes.has(String(spent.token_hash))).toBe(false);
    }
    expect((dump.pulse_spent ?? []).map((s) => s.token_hash).sort()).toEqual(
      proofs.map((p) => sha256(p.token)).sort(),
    );
  });

  it('tells who took a token (to remind the others) only k or more at a time, never what they answered', () => {
    const invitations = dump.pulse_invitations ?? [];
    expect(Object.keys(invitations[0] ?? {}).sort()).toEqual([
      'id',
      'link_hash',
      'person_id',
      'pulse_id',
      'token_issued',
    ]);
    // The first three were recorded together. Recording the next two would have left one person unrecorded, told
    // apart by elimination; so their records waited in memory, and went when the answers were stored on shutdown.
    expect(invitations.filter((i) => Number(i.token_issued) === 1)).toHaveLength(3);
  });

  it('shows a small team nothing until k answers, pooled across pulses, in the overview and the CSV too', async () => {
    // A team of four (below k + 2 = 5): results are pooled until three people have answered.
    const small = await openRoundWithTeam(app, org, 4);
    const repair = await app.deps.db
      .selectFrom('repairs')
      .select('team_id')
      .where('id', '=', small.repairId)
      .executeTakeFirstOrThrow();
    const send = () =>
      request(app, {
        method: 'POST',
        url: `/api/v1/teams/${repair.team_id}/pulses`,
        as: { token: org.leader.token },
      });
    const first = await send();
    const [a, b] = await secretsOf(app, first.json().sent);
    expect((await answerPulse(app, await obtainPulseToken(app, a ?? ''), 6)).json()).toEqual({
      state: 'pending',
    });
    expect(
      (await answerPulse(app, await obtainPulseToken(app, b ?? ''), 2, 'Only two of us so far')).json(),
    ).toEqual({ state: 'pending' });
    // The pulse closes with two answers: they are stored now, whatever their number (the scheduler's first step).
    await app.deps.db
      .updateTable('pulses')
      .set({ status: 'closed', opens_on: '2000-01-01' })
      .where('team_id', '=', repair.team_id)
      .execute();
    expect(await app.deps.ballots.flushClosed(app.deps)).toBe(2);
    const overviewRow = async () =>
      (await request(app, { method: 'GET', url: '/api/v1/overview', as: { token: org.facilitator.token } }))
        .json()
        .repairs.find((r: { repair: { id: string } }) => r.repair.id === small.repairId);
    expect((await overviewRow()).trust).toMatchObject({ mode: 'pooled', points: [], latest: null });
    const view = await request(app, {
      method: 'GET',
      url: `/api/v1/repairs/${small.repairId}/recovery`,
      as: { token: org.leader.token },
    });
    expect(view.json().pulse).toMatchObject({ mode: 'pooled', points: [], comments: [] });
    const csv = await request(app, {
      method: 'GET',
      url: `/api/v1/repairs/${small.repairId}/recovery.csv`,
      as: { token: org.leader.token },
    });
    expect(csv.body).not.toContain('Only two of us');
    expect(
      csv.body.split('\r\n').filter((l) => l.startsWith('trust,') && !l.includes('fewer than k')),
    ).toEqual([]);
    const summary = await request(app, {
      method: 'GET',
      url: `/api/v1/teams/${repair.team_id}/pulse`,
      as: { token: org.leader.token },
    });
    expect(summary.json().pulses[0].answers).toBe('fewer than k');

    // The next pulse brings one more answer: together three, shown as one pooled point once it is stored.
    const second = await send();
    expect(second.statusCode, second.body).toBe(201);
    const [c] = await secretsOf(app, second.json().sent);
    expect((await answerPulse(app, await obtainPulseToken(app, c ?? ''), 4)).json()).toEqual({
      state: 'pending',
    });
    await app.deps.db
      .updateTable('pulses')
      .set({ status: 'closed' })
      .where('team_id', '=', repair.team_id)
      .execute();
    expect(await app.deps.ballots.flushClosed(app.deps)).toBe(1);
    const pooled = (
      await request(app, {
        method: 'GET',
        url: `/api/v1/repairs/${small.repairId}/recovery`,
        as: { token: org.leader.token },
      })
    ).json().pulse;
    expect(pooled.points).toHaveLength(1);
    expect(pooled.points[0]).toMatchObject({ pooled: true, answers: 3 });
    expect(pooled.comments.map((x: { text: string }) => x.text)).toEqual(['Only two of us so far']);
    expect((await overviewRow()).trust.points).toHaveLength(1);
  });
});
