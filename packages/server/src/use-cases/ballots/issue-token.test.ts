import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../auth/secrets.js';
import { claimHash } from '../../ballots/ballot-issue.js';
import { sendPulseReminders } from '../../jobs/pulse-jobs.js';
import {
  blindForIssuer,
  finishToken,
  pulseIssuer,
  requestSignature,
  roundIssuer,
} from '../../test/blind-token.js';
import { createOrganization, dumpTables, type TestOrganization } from '../../test/factories.js';
import { answerAll, type OpenedRound, obtainToken, openRoundWithTeam } from '../../test/listening-factory.js';
import { linksEmailedTo } from '../../test/outbox-links.js';
import { obtainPulseToken, secretsOf } from '../../test/pulse-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

/**
 * Taking an answer token through a personal link (RFC 9474 blind signatures): once per person, retry-safe, and
 * writing nothing but an anonymous claim of the link. Links sent again or in reminders add a link; none of a
 * person's links can take a second token.
 */
describe.each(ENGINES)('answer tokens, one per person, retry-safe (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let clock: Date | null = null;
  const leader = () => ({ token: org.leader.token });

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock ?? new Date() });
    org = await createOrganization(app, 'Issue');
  });
  afterAll(() => app.close());

  const claims = (ballotId: string) =>
    app.deps.db.selectFrom('ballot_claims').selectAll().where('ballot_id', '=', ballotId).execute();
  const invitation = (link: string) =>
    request(app, { method: 'POST', url: '/api/v1/ballot/invitation', body: { link } });
  const reissue = (round: OpenedRound, personId: string) =>
    request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${round.repairId}/round/links/${personId}`,
      as: leader(),
    });
  /** The link a re-issue just emailed to a person: the one they did not have before. */
  const newLink = async (personId: string, known: readonly string[]) => {
    const fresh = (await linksEmailedTo(app, 'answer', personId)).filter((l) => !known.includes(l));
    expect(fresh).toHaveLength(1);
    return fresh[0] ?? '';
  };

  it('signs the same blinded message again with the same signature, so a lost response never burns a link', async () => {
    const round = await openRoundWithTeam(app, org, 4);
    const link = round.links[0]?.secret ?? '';
    const issuer = roundIssuer(link);
    const pending = await blindForIssuer(app, issuer);
    const first = await requestSignature(app, issuer, pending.blinded.blindedMessage);
    expect(first.statusCode, first.body).toBe(200);
    const afterFirst = await dumpTables(app);
    const second = await requestSignature(app, issuer, pending.blinded.blindedMessage);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().blindSignature).toBe(first.json().blindSignature);
    // Asking again wrote nothing more: the claim was already there.
    expect(await dumpTables(app)).toEqual(afterFirst);
    const [claim, ...others] = await claims(round.roundId);
    expect(others).toEqual([]);
    expect(claim?.claim_hash).toBe(claimHash(round.roundId, link));
    // The signature unblinds into a token the round accepts.
    const token = await finishToken(pending, second.json().blindSignature);
    const answered = await answerAll(
      app,
      { roundId: token.id, token: token.token, signature: token.signature },
      {
        impact: 'It worked',
      },
    );
    expect(answered.statusCode, answered.body).toBe(200);
  });

  it('refuses a different blinded message from a used link, and changes nothing', async () => {
    const round = await openRoundWithTeam(app, org, 4);
    const link = round.links[0]?.secret ?? '';
    await obtainToken(app, link);
    const before = await dumpTables(app);
    const other = await blindForIssuer(app, roundIssuer(link));
    const refused = await requestSignature(app, roundIssuer(link), other.blinded.blindedMessage);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('conflict');
    expect(refused.json().detail).toMatch(/already been used/);
    expect(await dumpTables(app)).toEqual(before);
  });

  it('gives exactly one of two devices asking at once with different messages a token', async () => {
    const round = await openRoundWithTeam(app, org, 4);
    const issuer = roundIssuer(round.links[0]?.secret ?? '');
    const [a, b] = await Promise.all([blindForIssuer(app, issuer), blindForIssuer(app, issuer)]);
    const results = await Promise.all(
      [a, b].map((p) => requestSignature(app, issuer, p?.blinded.blindedMessage ?? '')),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await claims(round.roundId)).toHaveLength(1);
  });

  it("gives exactly one token when a person's two links ask at the same moment", async () => {
    const round = await openRoundWithTeam(app, org, 4);
    const a = round.links[0] as OpenedRound['links'][0];
    expect((await reissue(round, a.personId)).statusCode).toBe(200);
    const second = await newLink(a.personId, [a.secret]);
    const [one, two] = await Promise.all([
      blindForIssuer(app, roundIssuer(a.secret)),
      blindForIssuer(app, roundIssuer(second)),
    ]);
    const results = await Promise.all([
      requestSignature(app, roundIssuer(a.secret), one?.blinded.blindedMessage ?? ''),
      requestSignature(app, roundIssuer(second), two?.blinded.blindedMessage ?? ''),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('does not use up a link on a malformed request', async () => {
    const round = await openRoundWithTeam(app, org, 4);
    const link = round.links[0]?.secret ?? '';
    const before = await dumpTables(app);
    const malformed = await requestSignature(app, roundIssuer(link), 'AAAA');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].path).toBe('blindedMessage');
    expect(await dumpTables(app)).toEqual(before);
    // Nor is the person held as taking a token.
    expect((await invitation(link)).json().tokenIssued).toBe(false);
    await obtainToken(app, link);
  });

  it("refuses a token through a person's second link while the first one's record waits, and once it is written", async () => {
    const round = await openRoundWithTeam(app, org, 5);
    const a = round.links[0] as OpenedRound['links'][0];
    await obtainToken(app, a.secret);
    // A's record waits in memory (fewer than k took tokens); a second link of theirs cannot take another token.
    const invitationId = (
      await app.deps.db
        .selectFrom('invitations')
        .select(['id', 'token_issued'])
        .where('link_hash', '=', hashSecret(a.secret))
        .executeTakeFirstOrThrow()
    ).id;
    expect(app.deps.ballots.pendingMember(round.roundId, invitationId)).toBeDefined();
    expect((await reissue(round, a.personId)).statusCode).toBe(200);
    const second = await newLink(a.personId, [a.secret]);
    expect((await invitation(second)).json()).toMatchObject({ tokenIssued: true, status: 'open' });
    const pending = await blindForIssuer(app, roundIssuer(second));
    const refused = await requestSignature(app, roundIssuer(second), pending.blinded.blindedMessage);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('conflict');

    // Once everyone took a token the records are written; the second link still cannot take another.
    for (const link of round.links.slice(1)) await obtainToken(app, link.secret);
    const recorded = await app.deps.db
      .selectFrom('invitations')
      .select('token_issued')
      .where('id', '=', invitationId)
      .executeTakeFirstOrThrow();
    expect(recorded.token_issued).toBe(1);
    expect(app.deps.ballots.pendingMember(round.roundId, invitationId)).toBeUndefined();
    const again = await requestSignature(app, roundIssuer(second), pending.blinded.blindedMessage);
    expect(again.statusCode).toBe(409);
  });

  it('sends a new link that works the same whatever the person did, telling the leader no link and no state', async () => {
    const round = await openRoundWithTeam(app, org, 4);
    const [used, unused] = round.links as [OpenedRound['links'][0], OpenedRound['links'][0]];
    await obtainToken(app, used.secret);
    const before = (await app.deps.db.selectFrom('ballot_links').select('link_hash').execute()).length;
    const responses = [await reissue(round, used.personId), await reissue(round, unused.personId)];
    for (const [i, res] of responses.entries()) {
      const person = i === 0 ? used : unused;
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        sent: [{ personId: person.personId, name: person.name }],
        delivery: { method: 'by_hand', handedOutBy: expect.any(Array) },
      });
      expect(res.body).not.toMatch(/answer#|https?:\/\/|issued|used/i);
    }
    // Word for word the same, but for whom it names.
    const strip = (body: string, person: { personId: string; name: string }) =>
      body.replaceAll(person.personId, 'P').replaceAll(person.name, 'N');
    expect(strip(responses[0]?.body ?? '', used)).toBe(strip(responses[1]?.body ?? '', unused));
    // Each added a link; none replaced one.
    expect((await app.deps.db.selectFrom('ballot_links').select('link_hash').execute()).length).toBe(
      before + 2,
    );
    for (const person of [used, unused]) {
      const fresh = await newLink(person.personId, [person.secret]);
      expect(responses.some((r) => r.body.includes(fresh))).toBe(false);
      for (const link of [person.secret, fresh]) expect((await invitation(link)).statusCode).toBe(200);
    }
    // The person who had not taken a token takes one through the new link; then the first link cannot.
    const fresh = await newLink(unused.personId, [unused.secret]);
    await obtainToken(app, fresh);
    expect((await invitation(unused.secret)).json().tokenIssued).toBe(true);
    await expect(obtainToken(app, unused.secret)).rejects.toThrow(/already been used/);
  });

  it('sends links again only while the round is open, and only to invited people', async () => {
    const round = await openRoundWithTeam(app, org, 3);
    expect((await reissue(round, org.member.actor.personId)).statusCode).toBe(404);
    await request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${round.repairId}/round/close`,
      as: leader(),
    });
    const closed = await reissue(round, round.links[0]?.personId ?? '');
    expect(closed.statusCode).toBe(409);
  });

  it("adds a pulse reminder link next to the first; it works, and a person's second token is refused", async () => {
    const round = await openRoundWithTeam(app, org, 4);
    const { team_id: teamId } = await app.deps.db
      .selectFrom('repairs')
      .select('team_id')
      .where('id', '=', round.repairId)
      .executeTakeFirstOrThrow();
    const sent = await request(app, { method: 'POST', url: `/api/v1/teams/${teamId}/pulses`, as: leader() });
    expect(sent.statusCode, sent.body).toBe(201);
    const people: { personId: string }[] = sent.json().sent;
    const secrets = await secretsOf(app, people);
    // One person took a token; their record waits in memory, and they get no reminder.
    await obtainPulseToken(app, secrets[0] ?? '');
    const pulse = await app.deps.db
      .selectFrom('pulses')
      .select(['id', 'closes_on'])
      .where('team_id', '=', teamId)
      .executeTakeFirstOrThrow();
    clock = new Date(`${pulse.closes_on}T08:00:00Z`);
    try {
      expect(await sendPulseReminders(app.deps)).toBe(3);
    } finally {
      clock = null;
    }
    expect(await linksEmailedTo(app, 'pulse', people[0]?.personId ?? '')).toEqual([secrets[0]]);
    const reminded = people[1]?.personId ?? '';
    const links = await linksEmailedTo(app, 'pulse', reminded);
    expect(links).toHaveLength(2);
    expect(links).toContain(secrets[1]);
    const reminder = links.find((l) => l !== secrets[1]) ?? '';
    for (const link of links) {
      const res = await request(app, { method: 'POST', url: '/api/v1/pulse/invitation', body: { link } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ pulseId: pulse.id, tokenIssued: false });
    }
    await obtainPulseToken(app, reminder);
    const first = await blindForIssuer(app, pulseIssuer(secrets[1] ?? ''));
    const refused = await requestSignature(app, pulseIssuer(secrets[1] ?? ''), first.blinded.blindedMessage);
    expect(refused.statusCode).toBe(409);
  });
});
