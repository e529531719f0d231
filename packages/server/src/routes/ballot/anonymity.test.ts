import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TABLES, createOrganization, dumpTables, type TestOrganization } from '../../test/factories.js';
import {
  answerAll,
  type OpenedRound,
  obtainToken,
  openRoundWithTeam,
  type Proof,
} from '../../test/listening-factory.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

/**
 * SPEC §5: nobody holding the whole database can tell which invited person wrote which answer. These tests
 * take everything the database holds after people answered and look for any way back from an answer.
 */
describe.each(ENGINES)('anonymous answers cannot be linked to people (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let round: OpenedRound;
  const proofs: Proof[] = [];
  let dump: Record<string, Record<string, unknown>[]>;

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Anon');
    round = await openRoundWithTeam(app, org, 6);
    // People take their tokens in one order and answer in the same order: the worst case for timing.
    for (const link of round.links) proofs.push(await obtainToken(app, link.secret));
    const states: string[] = [];
    for (const [i, proof] of proofs.entries()) {
      const res = await answerAll(app, proof, {
        impact: `Impact answer number ${i}`,
        need: `Need answer ${i}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      states.push(res.json().state);
    }
    // Stored three at a time (k = 3), never one person's answers alone.
    expect(states).toEqual(['pending', 'pending', 'stored', 'pending', 'pending', 'stored']);
    dump = {};
    // Default order, as someone reading the tables raw would see them.
    for (const table of ALL_TABLES)
      dump[table] = (await app.deps.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
  });
  afterAll(() => app.close());

  it('stores answers with no column pointing at an invitation, a person or a link', () => {
    const answers = dump.answers ?? [];
    expect(answers).toHaveLength(12);
    expect(Object.keys(answers[0] ?? {}).sort()).toEqual([
      'answered_on',
      'author_name',
      'body',
      'id',
      'question_id',
      'reply_key_hash',
      'round_id',
    ]);
    const identifying = new Set<string>();
    for (const row of dump.invitations ?? [])
      for (const value of Object.values(row)) identifying.add(String(value));
    for (const row of dump.people ?? [])
      for (const key of ['id', 'name', 'email']) identifying.add(String(row[key]));
    for (const answer of answers) {
      for (const [column, value] of Object.entries(answer)) {
        if (column === 'round_id') continue;
        expect(identifying.has(String(value)), `answers.${column} matches an identifying value`).toBe(false);
      }
      expect(answer.author_name).toBeNull();
    }
  });

  it('keeps no time finer than a day on answers, and none at all on spent tokens or invitation use', () => {
    for (const answer of dump.answers ?? [])
      expect(String(answer.answered_on)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(dump.spent_tokens?.[0] ?? {}).sort()).toEqual(['round_id', 'token_hash']);
    expect(Object.keys(dump.invitations?.[0] ?? {}).sort()).toEqual([
      'id',
      'link_hash',
      'person_id',
      'round_id',
      'token_issued',
    ]);
  });

  it('stores answers in the order of their random ids, not the order people answered in', () => {
    const ids = (dump.answers ?? []).map((a) => String(a.id));
    expect(ids).toEqual([...ids].sort());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('nothing stored is derived from a token in a way that can be matched without the token', () => {
    // The server never stores a token: only SHA-256 hashes of it (spent) and of token+question (reply keys).
    const text = JSON.stringify(dump);
    for (const proof of proofs) {
      expect(text).not.toContain(proof.token);
      expect(text).not.toContain(proof.signature);
    }
    const spent = new Set((dump.spent_tokens ?? []).map((s) => String(s.token_hash)));
    for (const answer of dump.answers ?? []) expect(spent.has(String(answer.reply_key_hash))).toBe(false);
  });

  it('the leader sees no per-person status of who has answered, only a count at k or more', async () => {
    const res = await request(app, {
      method: 'GET',
      url: `/api/v1/repairs/${round.repairId}`,
      as: { token: org.leader.token },
    });
    const body = res.json();
    expect(body.round.responses).toEqual({ threshold: 3, count: 6 });
    expect(res.body).not.toMatch(/issued/i);
    // The affected people are listed by name only, with nothing about what each of them did.
    for (const person of body.affected) expect(Object.keys(person).sort()).toEqual(['id', 'name']);
  });

  it('names claimed links only by a hash their holder alone can compute', () => {
    const claims = dump.ballot_claims ?? [];
    expect(claims).toHaveLength(6);
    expect(Object.keys(claims[0] ?? {}).sort()).toEqual(['ballot_id', 'blinded_hash', 'claim_hash']);
    const identifying = new Set<string>();
    for (const row of dump.invitations ?? [])
      for (const value of Object.values(row)) identifying.add(String(value));
    for (const row of dump.people ?? []) identifying.add(String(row.id));
    for (const link of round.links) identifying.add(link.secret);
    for (const claim of claims) {
      expect(claim.ballot_id).toBe(round.roundId);
      expect(identifying.has(String(claim.claim_hash))).toBe(false);
      expect(identifying.has(String(claim.blinded_hash))).toBe(false);
    }
  });

  it('refuses a second token for the same link; a second answer with the same token changes nothing', async () => {
    const again = await request(app, {
      method: 'POST',
      url: '/api/v1/ballot/issue',
      body: { link: round.links[0]?.secret, blindedMessage: Buffer.alloc(256, 1).toString('base64url') },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('conflict');
    const before = await dumpTables(app);
    const twice = await answerAll(app, proofs[0] as Proof, { impact: 'A second go' });
    // A re-send (a lost response, a reload) is recognised by its spent token: it says where the first one is.
    expect(twice.statusCode, twice.body).toBe(200);
    expect(twice.json()).toEqual({ state: 'stored' });
    expect(await dumpTables(app)).toEqual(before);
    expect(JSON.stringify(await dumpTables(app))).not.toContain('A second go');
  });

  it('refuses forged tokens and tokens signed for another round', async () => {
    const other = await openRoundWithTeam(app, org, 3);
    const foreign = await obtainToken(app, other.links[0]?.secret ?? '');
    const before = (await app.deps.db.selectFrom('answers').select('id').execute()).length;
    const cases = [
      { ...foreign, roundId: round.roundId },
      { ...(proofs[1] as Proof), signature: Buffer.alloc(256, 7).toString('base64url') },
      { ...(proofs[1] as Proof), token: Buffer.alloc(64, 9).toString('base64url') },
    ];
    for (const proof of cases) {
      const res = await answerAll(app, proof, { impact: 'forged' });
      expect(res.statusCode, res.body).toBe(403);
    }
    expect((await app.deps.db.selectFrom('answers').select('id').execute()).length).toBe(before);
  });
});
