import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../auth/secrets.js';
import { ballotLinkCounts, claimHash, reportHash } from '../../ballots/ballot-issue.js';
import { createOrganization, dumpTables, type TestOrganization } from '../../test/factories.js';
import { answerAll, type OpenedRound, obtainToken, openRoundWithTeam } from '../../test/listening-factory.js';
import { linksEmailedTo } from '../../test/outbox-links.js';
import { answerPulse, obtainPulseToken, secretsOf } from '../../test/pulse-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';
import { obtainWitnessToken, sendWitness, witnessableOccurrence } from '../../test/witness-factory.js';
import { pulseBallotId } from '../pulses/pulse-ballot-kind.js';

/**
 * What became of an anonymous submission, asked with its token alone (stored, pending, unknown), and "my link was
 * used, and not by me", counted once per link without saying whose.
 */
describe.each(ENGINES)('ballot status and misuse reports (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  const leader = () => ({ token: org.leader.token });

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Status');
  });
  afterAll(() => app.close());

  const status = (body: unknown) => request(app, { method: 'POST', url: '/api/v1/ballot/status', body });
  const stateOf = async (kind: string, ballotId: string, token: string) => {
    const res = await status({ kind, ballotId, token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().state;
  };
  const report = (link: string) =>
    request(app, { method: 'POST', url: '/api/v1/ballot/report', body: { link } });
  const neverSent = () => randomBytes(64).toString('base64url');

  it('says unknown, pending, then stored for listening answers, and asking writes nothing', async () => {
    const round = await openRoundWithTeam(app, org, 6);
    const proofs = [];
    for (const link of round.links.slice(0, 3)) proofs.push(await obtainToken(app, link.secret));
    const [first, second, third] = proofs as [(typeof proofs)[0], (typeof proofs)[0], (typeof proofs)[0]];
    expect(await stateOf('round', round.roundId, first.token)).toBe('unknown');
    expect(await stateOf('round', round.roundId, neverSent())).toBe('unknown');
    await answerAll(app, first, { impact: 'One' });
    await answerAll(app, second, { impact: 'Two' });
    const before = await dumpTables(app);
    expect(await stateOf('round', round.roundId, first.token)).toBe('pending');
    expect(await stateOf('round', round.roundId, second.token)).toBe('pending');
    expect(await stateOf('round', round.roundId, third.token)).toBe('unknown');
    expect(await dumpTables(app)).toEqual(before);
    await answerAll(app, third, { impact: 'Three' });
    for (const proof of proofs) expect(await stateOf('round', round.roundId, proof.token)).toBe('stored');
    // A token is asked about within its own ballot only.
    const other = await openRoundWithTeam(app, org, 3);
    expect(await stateOf('round', other.roundId, first.token)).toBe('unknown');
  });

  it('answers for pulses and witness votes too', async () => {
    const round = await openRoundWithTeam(app, org, 4);
    const { team_id: teamId } = await app.deps.db
      .selectFrom('repairs')
      .select('team_id')
      .where('id', '=', round.repairId)
      .executeTakeFirstOrThrow();
    const sent = await request(app, { method: 'POST', url: `/api/v1/teams/${teamId}/pulses`, as: leader() });
    const [secret] = await secretsOf(app, sent.json().sent);
    const pulseProof = await obtainPulseToken(app, secret ?? '');
    expect(await stateOf('pulse', pulseProof.pulseId, pulseProof.token)).toBe('unknown');
    await answerPulse(app, pulseProof, 4);
    expect(await stateOf('pulse', pulseProof.pulseId, pulseProof.token)).toBe('pending');
    // Not mistaken for a listening answer.
    expect(await stateOf('round', pulseProof.pulseId, pulseProof.token)).toBe('unknown');

    const occurrence = await witnessableOccurrence(app, org, 3);
    const votes = [];
    for (const link of occurrence.links)
      votes.push(await obtainWitnessToken(app, link.secret, occurrence.occurrenceId));
    expect(await stateOf('witness', occurrence.occurrenceId, votes[0]?.token ?? '')).toBe('unknown');
    await sendWitness(app, votes[0] as object, true);
    expect(await stateOf('witness', occurrence.occurrenceId, votes[0]?.token ?? '')).toBe('pending');
    await sendWitness(app, votes[1] as object, true);
    await sendWitness(app, votes[2] as object, false);
    for (const vote of votes)
      expect(await stateOf('witness', occurrence.occurrenceId, vote.token)).toBe('stored');
  });

  it('refuses a kind it does not know and ids that are not ids', async () => {
    const ballotId = '00000000-0000-4000-8000-000000000001';
    for (const body of [
      { kind: 'vote', ballotId, token: 'AAAA' },
      { kind: 'round', ballotId: 'pulse:x', token: 'AAAA' },
      { kind: 'round', ballotId, token: 'not base64url!' },
      { kind: 'round', ballotId, token: 'AAAA', link: 'x'.repeat(43) },
    ]) {
      const res = await status(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('counts a report only for a used link, once per link, and stores nothing that names it', async () => {
    const round = await openRoundWithTeam(app, org, 4);
    const [a, b] = round.links as [OpenedRound['links'][0], OpenedRound['links'][0]];
    const before = await dumpTables(app);
    const unused = await report(a.secret);
    expect(unused.statusCode).toBe(409);
    expect(unused.json().detail).toMatch(/not been used/);
    expect(await dumpTables(app)).toEqual(before);
    expect((await report('y'.repeat(43))).statusCode).toBe(404);

    // Someone took A's token; A says it was not them, twice (a double click): counted once.
    await obtainToken(app, a.secret);
    expect((await report(a.secret)).statusCode).toBe(204);
    expect((await report(a.secret)).statusCode).toBe(204);
    expect(await ballotLinkCounts(app.deps, round.roundId)).toEqual({ used: 1, reported: 1 });
    const rows = await app.deps.db
      .selectFrom('ballot_reports')
      .selectAll()
      .where('ballot_id', '=', round.roundId)
      .execute();
    expect(rows).toEqual([{ report_hash: reportHash(round.roundId, a.secret), ballot_id: round.roundId }]);
    const hashes = [hashSecret(a.secret), claimHash(round.roundId, a.secret)];
    expect(hashes).not.toContain(rows[0]?.report_hash);
    // B's unused link still cannot report.
    expect((await report(b.secret)).statusCode).toBe(409);
    expect(await ballotLinkCounts(app.deps, round.roundId)).toEqual({ used: 1, reported: 1 });
  });

  it('lets a person report from the new link they were sent when their first one was used', async () => {
    const round = await openRoundWithTeam(app, org, 4);
    const a = round.links[0] as OpenedRound['links'][0];
    await obtainToken(app, a.secret);
    const reissued = await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${round.repairId}/round/links/${a.personId}`,
      as: leader(),
    });
    expect(reissued.statusCode, reissued.body).toBe(200);
    const fresh = (await linksEmailedTo(app, 'answer', a.personId)).find((l) => l !== a.secret) ?? '';
    expect((await report(fresh)).statusCode).toBe(204);
    expect(await ballotLinkCounts(app.deps, round.roundId)).toEqual({ used: 1, reported: 1 });
  });

  it('takes reports for pulse links too', async () => {
    const round = await openRoundWithTeam(app, org, 3);
    const { team_id: teamId } = await app.deps.db
      .selectFrom('repairs')
      .select('team_id')
      .where('id', '=', round.repairId)
      .executeTakeFirstOrThrow();
    const sent = await request(app, { method: 'POST', url: `/api/v1/teams/${teamId}/pulses`, as: leader() });
    const [first, second] = await secretsOf(app, sent.json().sent);
    expect((await report(first ?? '')).statusCode).toBe(409);
    const proof = await obtainPulseToken(app, first ?? '');
    expect((await report(first ?? '')).statusCode).toBe(204);
    expect((await report(second ?? '')).statusCode).toBe(409);
    expect(await ballotLinkCounts(app.deps, pulseBallotId(proof.pulseId))).toEqual({ used: 1, reported: 1 });
  });
});
