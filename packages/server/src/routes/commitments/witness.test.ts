import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obtainSignedToken } from '../../test/blind-token.js';
import { createOrganization, type TestOrganization } from '../../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam } from '../../test/listening-factory.js';
import { linksOfPeople } from '../../test/outbox-links.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

describe.each(ENGINES)('witnessing occurrences anonymously (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let repairId = '';
  let occurrenceId = '';
  let links: string[] = [];
  // The commitment is made on Monday 2 March before its first occurrence; the team witnesses on Wednesday.
  let clock = new Date('2026-03-02T08:00:00Z');

  /** What a team member's browser does: blind a fresh token, have it signed through their link, unblind it. */
  async function witnessToken(link: string) {
    const { token, signature } = await obtainSignedToken(app, {
      keyUrl: '/api/v1/team-space/witness/key',
      issueUrl: '/api/v1/team-space/witness/issue',
      body: { link, occurrenceId },
      read: (json) => ({ id: occurrenceId, publicKey: (json as { publicKey: string }).publicKey }),
    });
    return { occurrenceId, token, signature };
  }
  const send = (proof: object, saw: boolean) =>
    request(app, { method: 'POST', url: '/api/v1/witness', body: { ...proof, saw } });
  const confirmations = async () => {
    const view = (
      await request(app, {
        method: 'GET',
        url: `/api/v1/repairs/${repairId}/commitments`,
        as: { token: org.leader.token },
      })
    ).json();
    return view.commitments[0].record.strip[0].confirmations;
  };

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Witness');
    // Six people: the k-th vote is stored at once, for it leaves k who may still vote.
    const round = await openRoundWithTeam(app, org, 6);
    repairId = round.repairId;
    for (const link of round.links)
      await answerAll(app, await obtainToken(app, link.secret), { impact: 'It hurt' });
    const as = { token: org.leader.token };
    const url = `/api/v1/repairs/${repairId}`;
    await request(app, { method: 'POST', url: `${url}/round/close`, as });
    const c = await request(app, {
      method: 'POST',
      url: `${url}/commitments`,
      body: {
        action: 'I will post the draft roadmap every Monday',
        evidence: 'In the team channel',
        schedule: { kind: 'recurring', pattern: { type: 'weekly', weekdays: ['monday'] } },
        startsOn: '2026-03-02',
      },
      as,
    });
    clock = new Date('2026-03-04T12:00:00Z');
    const recorded = await request(app, {
      method: 'POST',
      url: `${url}/commitments/${c.json().id}/occurrences`,
      body: { dueAt: '2026-03-02T09:00:00Z', status: 'kept', note: 'Posted it.' },
      as,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    occurrenceId = recorded.json().occurrences.find((o: { status: string }) => o.status === 'kept').id;
    const issued = await request(app, { method: 'POST', url: `${url}/team-links`, as });
    expect(issued.statusCode, issued.body).toBe(200);
    links = await linksOfPeople(app, 'team', issued.json().sent);
  });
  afterAll(() => app.close());

  it('lets each team member witness once, and shows counts only at k or more', async () => {
    const proofs = [];
    for (const link of links.slice(0, 3)) proofs.push(await witnessToken(link));
    const state = async (proof: object, saw: boolean) => {
      const res = await send(proof, saw);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().state;
    };
    expect(await state(proofs[0] as object, true)).toBe('pending');
    expect(await state(proofs[1] as object, false)).toBe('pending');
    expect(await confirmations()).toBe('fewer than k');
    expect(await app.deps.db.selectFrom('witness_counts').selectAll().execute()).toEqual([]);
    // The k-th vote stores all three together.
    expect(await state(proofs[2] as object, true)).toBe('stored');
    expect(await confirmations()).toEqual({ saw: 2, didNotSee: 1 });
    const space = (
      await request(app, { method: 'POST', url: '/api/v1/team-space', body: { link: links[3] } })
    ).json();
    expect(space.commitments[0].record.strip[0].confirmations).toEqual({ saw: 2, didNotSee: 1 });
  });

  it('refuses a second token for the same person and a second use of a token', async () => {
    const again = await request(app, {
      method: 'POST',
      url: '/api/v1/team-space/witness/issue',
      body: { link: links[0], occurrenceId, blindedMessage: Buffer.alloc(256, 1).toString('base64url') },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('conflict');
    const fresh = await witnessToken(links[3] ?? '');
    const first = await send(fresh, true);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ state: 'pending' });
    // Sent again while it waits: still the one vote, as first sent.
    expect((await send(fresh, false)).json()).toEqual({ state: 'pending' });
    expect(await confirmations()).toEqual({ saw: 2, didNotSee: 1 });
    // Witnessing never closes: a lone vote waits for two more, or is stored on shutdown.
    await app.deps.ballots.flushAll(app.deps);
    const twice = await send(fresh, false);
    expect(twice.statusCode, twice.body).toBe(200);
    expect(twice.json()).toEqual({ state: 'stored' });
    expect(await confirmations()).toEqual({ saw: 3, didNotSee: 1 });
  });

  it('refuses forged tokens and links that cannot witness the occurrence', async () => {
    const forged = await send(
      {
        occurrenceId,
        token: Buffer.alloc(64, 3).toString('base64url'),
        signature: Buffer.alloc(256, 4).toString('base64url'),
      },
      true,
    );
    expect(forged.statusCode).toBe(403);
    const stranger = await request(app, {
      method: 'POST',
      url: '/api/v1/team-space/witness/key',
      body: { link: 'y'.repeat(43), occurrenceId },
    });
    expect(stranger.statusCode).toBe(404);
    expect(await confirmations()).toEqual({ saw: 3, didNotSee: 1 });
  });

  it('stores totals only: no row per witness, no time, nothing that says who saw what', async () => {
    const counts = await app.deps.db.selectFrom('witness_counts').selectAll().execute();
    expect(counts).toEqual([{ occurrence_id: occurrenceId, saw: 3, did_not_see: 1 }]);
    const issued = await app.deps.db.selectFrom('witness_issued').selectAll().execute();
    expect(Object.keys(issued[0] ?? {}).sort()).toEqual(['occurrence_id', 'person_id']);
    const spent = await app.deps.db.selectFrom('witness_spent').selectAll().execute();
    expect(Object.keys(spent[0] ?? {}).sort()).toEqual(['occurrence_id', 'token_hash']);
  });
});
