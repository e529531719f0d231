import { CURRENT_PULSE_VERSION, pulseItemSet } from '@kintsugi/core';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOrganization, dumpTables, type TestOrganization } from '../test/factories.js';
import {
  answerAll,
  type OpenedRound,
  obtainToken,
  openRoundWithTeam,
  type Proof,
} from '../test/listening-factory.js';
import { answerPulse, obtainPulseToken, type PulseProof, secretsOf } from '../test/pulse-factory.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import { sha256 } from '../use-cases/ballots/ballot-proof.js';
import { roundBallot } from '../use-cases/ballots/round-ballot.js';
import type { Deps } from '../use-cases/deps.js';
import { pulseBallot } from '../use-cases/pulses/pulse-ballot-kind.js';
import { type BallotKind, BallotMixer } from './ballot-mixer.js';

/**
 * SPEC §5: nothing that can be attributed to a person is written when they act. A submission waits in memory until
 * at least k can be stored in one transaction, and while storing them would leave one to k − 1 people who could
 * still answer (their last small batch would stand out); who took a token is written only for k or more people at
 * once, and never so that one to k − 1 people are left unrecorded (they would be told apart by elimination).
 */

/** A ballot kind that keeps its rows in memory, to check the mixer's rules over many random histories. */
function memoryBallot(people: number, threshold: number) {
  const state = {
    open: true,
    marked: new Set<string>(),
    stored: new Set<string>(),
    batches: [] as { submissions: number; members: number }[],
  };
  const kind: BallotKind<string> = {
    name: 'round',
    population: async () => ({
      people,
      marked: state.marked.size,
      stored: state.stored.size,
      open: state.open,
      threshold,
    }),
    spent: async (_db, _ballotId, hashes) => new Set(hashes.filter((h) => state.stored.has(h))),
    store: async (_trx, _deps, _ballotId, submissions, members) => {
      state.batches.push({ submissions: submissions.length, members: members.length });
      for (const s of submissions) {
        if (state.stored.has(s.tokenHash)) throw new Error(`${s.tokenHash} stored twice`);
        state.stored.add(s.tokenHash);
      }
      for (const m of members) {
        if (state.marked.has(m)) throw new Error(`${m} recorded twice`);
        state.marked.add(m);
      }
    },
  };
  return { kind, state };
}

/** Just enough of the dependencies for the mixer: a transaction that runs its callback. */
const memoryDeps = {
  db: { transaction: () => ({ execute: (run: (trx: unknown) => Promise<unknown>) => run({}) }) },
  afterBallotWrite: async () => {},
} as unknown as Deps;

describe("the ballot mixer's rules, over random histories", () => {
  it('never writes fewer than k of anything before the close, never leaves 1 to k − 1 people unanswered or unrecorded, and loses nothing', async () => {
    const history = fc
      .record({ people: fc.integer({ min: 3, max: 14 }), threshold: fc.integer({ min: 3, max: 6 }) })
      .filter(({ people, threshold }) => threshold <= people)
      .chain(({ people, threshold }) =>
        fc.record({
          people: fc.constant(people),
          threshold: fc.constant(threshold),
          // Who takes a token, in which order, and whether (and when, relative to the others) they answer.
          order: fc.shuffledSubarray(
            Array.from({ length: people }, (_, i) => i),
            { minLength: 0, maxLength: people },
          ),
          answers: fc.array(fc.boolean(), { minLength: people, maxLength: people }),
          closeEarly: fc.boolean(),
        }),
      );
    await fc.assert(
      fc.asyncProperty(history, async ({ people, threshold, order, answers, closeEarly }) => {
        const mixer = new BallotMixer();
        const { kind, state } = memoryBallot(people, threshold);
        const unrecordedIsSafe = () => {
          const left = people - state.marked.size;
          return left === 0 || left >= threshold;
        };
        const unansweredIsSafe = () => {
          const left = people - state.stored.size;
          return left === 0 || left >= threshold;
        };
        const sent: string[] = [];
        for (const person of order) {
          await mixer.tokenTaken(memoryDeps, kind, 'b', `m${person}`, `blinded${person}`);
          expect(unrecordedIsSafe()).toBe(true);
          expect(unansweredIsSafe()).toBe(true);
          if (answers[person]) {
            sent.push(`t${person}`);
            const answered = await mixer.submit(memoryDeps, kind, 'b', {
              tokenHash: `t${person}`,
              payload: 'x',
            });
            expect(answered).toBe(state.stored.has(`t${person}`) ? 'stored' : 'pending');
            expect(unansweredIsSafe()).toBe(true);
          }
          for (const batch of state.batches) {
            expect(batch.submissions === 0 || batch.submissions >= threshold).toBe(true);
            expect(batch.members === 0 || batch.members >= threshold).toBe(true);
          }
        }
        // The mixer stores as soon as it safely can: k or more wait only while storing them would leave 1 to k − 1.
        const waiting = mixer.size().submissions;
        if (waiting >= threshold) {
          const wouldLeave = people - state.stored.size - waiting;
          expect(wouldLeave).toBeGreaterThan(0);
          expect(wouldLeave).toBeLessThan(threshold);
        }
        if (closeEarly) state.open = false;
        await (closeEarly ? mixer.flushClosed(memoryDeps) : mixer.flushAll(memoryDeps));
        expect([...state.stored].sort()).toEqual([...sent].sort());
        expect(mixer.size()).toEqual({ submissions: 0, members: 0 });
        expect(unrecordedIsSafe()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('stores a team of k to 2k − 1 in one batch when everyone has answered, or at the close', async () => {
    const five = memoryBallot(5, 3);
    const mixer = new BallotMixer();
    const states: string[] = [];
    for (const t of ['a', 'b', 'c', 'd', 'e'])
      states.push(await mixer.submit(memoryDeps, five.kind, 'five', { tokenHash: t, payload: 'x' }));
    expect(states).toEqual(['pending', 'pending', 'pending', 'pending', 'stored']);
    expect(five.state.batches.map((b) => b.submissions)).toEqual([5]);
    const four = memoryBallot(4, 3);
    for (const t of ['a', 'b', 'c'])
      expect(await mixer.submit(memoryDeps, four.kind, 'four', { tokenHash: t, payload: 'x' })).toBe(
        'pending',
      );
    four.state.open = false;
    expect(await mixer.flushClosed(memoryDeps)).toBe(3);
    expect(four.state.batches.map((b) => b.submissions)).toEqual([3]);
  });

  it('does not count a submission already stored (a re-send that raced its own batch) towards k', async () => {
    const mixer = new BallotMixer();
    const { kind, state } = memoryBallot(9, 3);
    for (const t of ['a', 'b', 'c'])
      await mixer.submit(memoryDeps, kind, 'b', { tokenHash: t, payload: 'x' });
    expect([...state.stored].sort()).toEqual(['a', 'b', 'c']);
    // A re-send of 'a' checked for a spent token just before its batch committed, and so is queued again.
    expect(await mixer.submit(memoryDeps, kind, 'b', { tokenHash: 'a', payload: 'x' })).toBe('pending');
    await mixer.submit(memoryDeps, kind, 'b', { tokenHash: 'd', payload: 'x' });
    // 'a', 'd', 'e' are three, but only two of them are new: they wait for a third.
    expect(await mixer.submit(memoryDeps, kind, 'b', { tokenHash: 'e', payload: 'x' })).toBe('pending');
    expect(state.batches.map((b) => b.submissions)).toEqual([3]);
    expect(await mixer.submit(memoryDeps, kind, 'b', { tokenHash: 'f', payload: 'x' })).toBe('stored');
    expect(state.batches.map((b) => b.submissions)).toEqual([3, 3]);
    expect(mixer.isPending('b', 'a')).toBe(false);
    expect([...state.stored].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('notes a member taking a token at once, refuses another message for them, and takes a failed one back', () => {
    const mixer = new BallotMixer();
    const { kind } = memoryBallot(5, 3);
    expect(mixer.reserveMember(kind, 'b', 'm1', 'h1')).toBe('new');
    expect(mixer.reserveMember(kind, 'b', 'm1', 'h1')).toBe('same');
    expect(mixer.reserveMember(kind, 'b', 'm1', 'h2')).toBe('taken');
    expect(mixer.pendingMember('b', 'm1')).toBe('h1');
    mixer.releaseMember('b', 'm1', 'h2');
    expect(mixer.pendingMember('b', 'm1')).toBe('h1');
    mixer.releaseMember('b', 'm1', 'h1');
    expect(mixer.pendingMember('b', 'm1')).toBeUndefined();
    expect(mixer.size()).toEqual({ submissions: 0, members: 0 });
  });

  it('leaves an open ballot alone when the scheduler stores the closed ones', async () => {
    const mixer = new BallotMixer();
    const { kind, state } = memoryBallot(5, 3);
    await mixer.submit(memoryDeps, kind, 'b', { tokenHash: 't1', payload: 'x' });
    expect(await mixer.flushClosed(memoryDeps)).toBe(0);
    expect(mixer.isPending('b', 't1')).toBe(true);
    state.open = false;
    expect(await mixer.flushClosed(memoryDeps)).toBe(1);
    expect(state.stored.has('t1')).toBe(true);
  });
});

describe.each(ENGINES)('anonymous ballots are stored k at a time (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let clock: Date | null = null;
  const leader = () => ({ token: org.leader.token });

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock ?? new Date() });
    org = await createOrganization(app, 'Mixer');
  });
  afterAll(() => app.close());
  afterEach(() => {
    vi.restoreAllMocks();
    clock = null;
  });

  const spentOf = async (roundId: string) =>
    (
      await app.deps.db
        .selectFrom('spent_tokens')
        .select('token_hash')
        .where('round_id', '=', roundId)
        .execute()
    ).length;
  const answersOf = async (roundId: string) =>
    app.deps.db.selectFrom('answers').select(['body']).where('round_id', '=', roundId).execute();
  const recordedOf = async (roundId: string) =>
    (
      await app.deps.db
        .selectFrom('invitations')
        .select('id')
        .where('round_id', '=', roundId)
        .where('token_issued', '=', 1)
        .execute()
    ).length;
  /** Invitations of the round whose token record waits in memory. */
  const waitingOf = async (roundId: string) =>
    (
      await app.deps.db.selectFrom('invitations').select('id').where('round_id', '=', roundId).execute()
    ).filter((i) => app.deps.ballots.pendingMember(roundId, i.id) !== undefined).length;
  /** Of these answers, how many wait in memory. */
  const pendingOf = (proofs: readonly Proof[]) =>
    proofs.filter((p) => app.deps.ballots.isPending(p.roundId, sha256(p.token))).length;
  const answer = (proof: Proof, i: number) =>
    answerAll(app, proof, { impact: `Impact ${i}`, need: `Need ${i}`, restore: `Restore ${i}` });
  const status = (ballotId: string, token: string, kind = 'round') =>
    request(app, { method: 'POST', url: '/api/v1/ballot/status', body: { kind, ballotId, token } });
  const tokens = async (round: OpenedRound, count: number) => {
    const proofs: Proof[] = [];
    for (const link of round.links.slice(0, count)) proofs.push(await obtainToken(app, link.secret));
    return proofs;
  };

  it('writes nothing at all below k, then stores the k answers together in one transaction', async () => {
    const round = await openRoundWithTeam(app, org, 6);
    const proofs = await tokens(round, 3);
    const store = vi.spyOn(roundBallot, 'store');
    const before = await dumpTables(app);
    for (const [i, proof] of proofs.slice(0, 2).entries()) {
      const res = await answer(proof, i);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ state: 'pending' });
    }
    // Not a row, not a counter, not a page of any table changed: the two answers are only in memory.
    expect(await dumpTables(app)).toEqual(before);
    expect(store).not.toHaveBeenCalled();
    expect(pendingOf(proofs)).toBe(2);

    const third = await answer(proofs[2] as Proof, 2);
    expect(third.json()).toEqual({ state: 'stored' });
    expect(store).toHaveBeenCalledTimes(1);
    const [trx, , ballotId, batch] = store.mock.calls[0] ?? [];
    expect(trx?.isTransaction).toBe(true);
    expect(ballotId).toBe(round.roundId);
    expect(batch).toHaveLength(3);
    expect(await spentOf(round.roundId)).toBe(3);
    expect((await answersOf(round.roundId)).map((a) => a.body).sort()).toEqual(
      [0, 1, 2].flatMap((i) => [`Impact ${i}`, `Need ${i}`, `Restore ${i}`]).sort(),
    );
    expect(pendingOf(proofs)).toBe(0);
    for (const proof of proofs)
      expect((await status(round.roundId, proof.token)).json()).toEqual({ state: 'stored' });
  });

  it('stores k answers sent at the same moment in one batch, none twice', async () => {
    const round = await openRoundWithTeam(app, org, 3);
    const proofs = await tokens(round, 3);
    const store = vi.spyOn(roundBallot, 'store');
    const results = await Promise.all(proofs.map((p, i) => answer(p, i)));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    // An early one may have been told 'pending' just before the k-th arrived; asked again, all are stored.
    expect(results.map((r) => r.json().state)).toContain('stored');
    for (const proof of proofs)
      expect((await status(round.roundId, proof.token)).json()).toEqual({ state: 'stored' });
    expect(store.mock.calls.map((call) => call[3].length)).toEqual([3]);
    expect(await spentOf(round.roundId)).toBe(3);
    expect(await answersOf(round.roundId)).toHaveLength(9);
  });

  it('stores a team of 5 in one batch once all five have answered: three would leave two to stand out', async () => {
    const round = await openRoundWithTeam(app, org, 5);
    const proofs = await tokens(round, 5);
    const store = vi.spyOn(roundBallot, 'store');
    const before = await dumpTables(app);
    const states: string[] = [];
    for (const [i, proof] of proofs.entries()) {
      states.push((await answer(proof, i)).json().state);
      if (i < 4) expect(await dumpTables(app)).toEqual(before);
    }
    expect(states).toEqual(['pending', 'pending', 'pending', 'pending', 'stored']);
    expect(store.mock.calls.map((call) => call[3].length)).toEqual([5]);
    expect(await spentOf(round.roundId)).toBe(5);
  });

  it('keeps earlier answers, their ids and their follow-up conversations through a later batch', async () => {
    const round = await openRoundWithTeam(app, org, 6);
    const proofs = await tokens(round, 6);
    for (const [i, proof] of proofs.slice(0, 3).entries()) await answer(proof, i);
    const url = `/api/v1/repairs/${round.repairId}`;
    const view = async () =>
      (await request(app, { method: 'GET', url: `${url}/answers`, as: leader() })).json();
    const first = await view();
    const mine = first.questions[0].answers.find((a: { text: string }) => a.text === 'Impact 0');
    const asked = await request(app, {
      method: 'POST',
      url: `${url}/answers/${mine.id}/follow-ups`,
      body: { text: 'What would have helped?' },
      as: leader(),
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const replied = await request(app, {
      method: 'POST',
      url: '/api/v1/ballot/thread/reply',
      body: { ...proofs[0], questionId: 'impact', text: 'Being asked.' },
    });
    expect(replied.statusCode, replied.body).toBe(201);
    // The next three are stored in a batch (on PostgreSQL the round's answers are rewritten in id order).
    for (const [i, proof] of proofs.slice(3).entries()) await answer(proof, 3 + i);
    const after = await view();
    expect(after.responseCount).toBe(6);
    const kept = after.questions[0].answers.find((a: { id: string }) => a.id === mine.id);
    expect(kept.text).toBe('Impact 0');
    expect(kept.followUps.map((f: { from: string; text: string }) => [f.from, f.text])).toEqual([
      ['leader', 'What would have helped?'],
      ['author', 'Being asked.'],
    ]);
    const thread = await request(app, { method: 'POST', url: '/api/v1/ballot/thread', body: proofs[0] });
    expect(thread.statusCode, thread.body).toBe(200);
    const impact = thread.json().answers.find((a: { questionId: string }) => a.questionId === 'impact');
    expect(impact.followUps.map((f: { from: string }) => f.from)).toEqual(['leader', 'author']);
  });

  it('adds pulse ratings to the totals only k at a time', async () => {
    const round = await openRoundWithTeam(app, org, 6);
    const { team_id: teamId } = await app.deps.db
      .selectFrom('repairs')
      .select('team_id')
      .where('id', '=', round.repairId)
      .executeTakeFirstOrThrow();
    const sent = await request(app, { method: 'POST', url: `/api/v1/teams/${teamId}/pulses`, as: leader() });
    expect(sent.statusCode, sent.body).toBe(201);
    const secrets = await secretsOf(app, sent.json().sent);
    const proofs: PulseProof[] = [];
    for (const secret of secrets.slice(0, 3)) proofs.push(await obtainPulseToken(app, secret));
    const store = vi.spyOn(pulseBallot, 'store');
    const totals = () =>
      app.deps.db
        .selectFrom('pulses')
        .select(['answers', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7'])
        .where('id', '=', proofs[0]?.pulseId ?? '')
        .executeTakeFirstOrThrow();
    const before = await dumpTables(app);
    expect((await answerPulse(app, proofs[0] as PulseProof, 2, 'first')).json()).toEqual({
      state: 'pending',
    });
    expect((await answerPulse(app, proofs[1] as PulseProof, 5)).json()).toEqual({ state: 'pending' });
    expect(await dumpTables(app)).toEqual(before);
    expect((await answerPulse(app, proofs[2] as PulseProof, 7)).json()).toEqual({ state: 'stored' });
    // One update of the totals by three people's ratings: no stored version ever differed by one person's.
    expect(store).toHaveBeenCalledTimes(1);
    expect(store.mock.calls[0]?.[3]).toHaveLength(3);
    const items = pulseItemSet(CURRENT_PULSE_VERSION).items.length;
    expect(await totals()).toEqual({
      answers: 3,
      o1: 0,
      o2: items,
      o3: 0,
      o4: 0,
      o5: items,
      o6: 0,
      o7: items,
    });
    expect((await status(proofs[0]?.pulseId ?? '', proofs[0]?.token ?? '', 'pulse')).json()).toEqual({
      state: 'stored',
    });
  });

  it('records who took a token only for k or more at once, never leaving 1 to k − 1 unrecorded (team of 5)', async () => {
    const round = await openRoundWithTeam(app, org, 5);
    const store = vi.spyOn(roundBallot, 'store');
    const recorded: number[] = [];
    for (const link of round.links) {
      await obtainToken(app, link.secret);
      recorded.push(await recordedOf(round.roundId));
    }
    // Three, then four, would leave two, then one, unrecorded: nothing is written until all five can be.
    expect(recorded).toEqual([0, 0, 0, 0, 5]);
    expect(store.mock.calls.map((call) => call[4].length)).toEqual([5]);
    expect(await waitingOf(round.roundId)).toBe(0);
  });

  it('records the first three of a team of 6 together, then the last three', async () => {
    const round = await openRoundWithTeam(app, org, 6);
    const store = vi.spyOn(roundBallot, 'store');
    const recorded: number[] = [];
    for (const link of round.links) {
      await obtainToken(app, link.secret);
      recorded.push(await recordedOf(round.roundId));
    }
    expect(recorded).toEqual([0, 0, 3, 3, 3, 6]);
    expect(store.mock.calls.map((call) => call[4].length)).toEqual([3, 3]);
    // Nothing else is in those writes: no answer rode along with the token records.
    expect(store.mock.calls.map((call) => call[3].length)).toEqual([0, 0]);
  });

  it('stores the answers still waiting when the round closes, whatever their number, and drops the token records', async () => {
    const round = await openRoundWithTeam(app, org, 5);
    const proofs = await tokens(round, 2);
    for (const [i, proof] of proofs.entries())
      expect((await answer(proof, i)).json()).toEqual({ state: 'pending' });
    expect(await spentOf(round.roundId)).toBe(0);
    const closed = await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${round.repairId}/round/close`,
      as: leader(),
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await spentOf(round.roundId)).toBe(2);
    expect(await answersOf(round.roundId)).toHaveLength(6);
    // Below k they are stored, but not shown.
    expect(closed.json().round.responses).toEqual({ threshold: 3, count: null });
    // Recording two of five would leave three; but the two records are simply dropped: the round takes no more.
    expect(await recordedOf(round.roundId)).toBe(0);
    expect(await waitingOf(round.roundId)).toBe(0);
    for (const proof of proofs)
      expect((await status(round.roundId, proof.token)).json()).toEqual({ state: 'stored' });
    const late = await request(app, {
      method: 'POST',
      url: '/api/v1/ballot/issue',
      body: { link: round.links[0]?.secret, blindedMessage: Buffer.alloc(256, 1).toString('base64url') },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('round_closed');
  });

  it('stores what waited for a round closed by its date at the next run of the scheduler', async () => {
    const round = await openRoundWithTeam(app, org, 5);
    const proofs = await tokens(round, 2);
    for (const [i, proof] of proofs.entries()) await answer(proof, i);
    expect(await app.deps.ballots.flushClosed(app.deps)).toBe(0);
    expect(await spentOf(round.roundId)).toBe(0);
    clock = new Date(Date.now() + 60 * 86_400_000);
    expect(await app.deps.ballots.flushClosed(app.deps)).toBe(2);
    expect(await spentOf(round.roundId)).toBe(2);
    expect(await recordedOf(round.roundId)).toBe(0);
  });

  it('on shutdown stores every pending answer and drops the token records; the link still takes no second token', async () => {
    const round = await openRoundWithTeam(app, org, 5);
    const proofs = await tokens(round, 2);
    for (const [i, proof] of proofs.entries()) await answer(proof, i);
    expect([pendingOf(proofs), await waitingOf(round.roundId)]).toEqual([2, 2]);
    expect(await app.deps.ballots.flushAll(app.deps)).toBe(2);
    expect(app.deps.ballots.size()).toEqual({ submissions: 0, members: 0 });
    expect(await spentOf(round.roundId)).toBe(2);
    expect(await answersOf(round.roundId)).toHaveLength(6);
    expect(await recordedOf(round.roundId)).toBe(0);
    // The anonymous claim of the link stayed.
    const again = await request(app, {
      method: 'POST',
      url: '/api/v1/ballot/issue',
      body: { link: round.links[0]?.secret, blindedMessage: Buffer.alloc(256, 1).toString('base64url') },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('conflict');
    // The round is still open and the others answer as before.
    const rest = await tokens({ ...round, links: round.links.slice(2) }, 3);
    for (const [i, proof] of rest.entries()) await answer(proof, 2 + i);
    expect(await spentOf(round.roundId)).toBe(5);
  });

  it('takes a re-sent answer safely: pending or stored, it changes nothing', async () => {
    const round = await openRoundWithTeam(app, org, 6);
    const proofs = await tokens(round, 3);
    await answer(proofs[0] as Proof, 0);
    const pending = await dumpTables(app);
    // The same token again, even with other words: still the first answer, waiting.
    const resent = await answerAll(app, proofs[0] as Proof, { impact: 'Other words' });
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toEqual({ state: 'pending' });
    expect(pendingOf(proofs)).toBe(1);
    expect(await dumpTables(app)).toEqual(pending);
    await answer(proofs[1] as Proof, 1);
    await answer(proofs[2] as Proof, 2);
    const stored = await dumpTables(app);
    for (const proof of proofs) {
      const again = await answerAll(app, proof, { impact: 'Other words' });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toEqual({ state: 'stored' });
    }
    expect(await dumpTables(app)).toEqual(stored);
    expect(JSON.stringify(stored)).not.toContain('Other words');
  });

  it('takes an answer lost in a restart again when the browser re-sends it', async () => {
    const round = await openRoundWithTeam(app, org, 6);
    const proofs = await tokens(round, 3);
    await answer(proofs[0] as Proof, 0);
    expect((await status(round.roundId, proofs[0]?.token ?? '')).json()).toEqual({ state: 'pending' });
    // The process died without a graceful shutdown: memory is gone, the browser still has the answer.
    const mixer = app.deps.ballots;
    app.deps.ballots = new BallotMixer();
    try {
      expect((await status(round.roundId, proofs[0]?.token ?? '')).json()).toEqual({ state: 'unknown' });
      expect((await answer(proofs[0] as Proof, 0)).json()).toEqual({ state: 'pending' });
      await answer(proofs[1] as Proof, 1);
      expect((await answer(proofs[2] as Proof, 2)).json()).toEqual({ state: 'stored' });
      expect(await spentOf(round.roundId)).toBe(3);
      expect(await answersOf(round.roundId)).toHaveLength(9);
    } finally {
      app.deps.ballots = mixer;
    }
  });
});
