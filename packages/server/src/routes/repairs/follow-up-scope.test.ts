import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, type TestOrganization } from '../../test/factories.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';
import { openRepair } from '../../use-cases/repairs/create-repair.js';

/**
 * A follow-up question names an answer of the repair in its path. An answer of another repair, of the same
 * organisation or another, is "not found" there — the same 404 as an id that exists nowhere — so nobody learns
 * from the answer that it exists elsewhere. Only an answer of this very repair that is not shown yet is a 409.
 */
describe.each(ENGINES)('follow-ups stay within their repair (%s)', (engine) => {
  let app: TestApp;
  let a: TestOrganization;
  let b: TestOrganization;
  const repairOf = new Map<string, string>();

  async function repairWithAnswer(org: TestOrganization, title: string) {
    const repair = await openRepair(app.deps, org.leader.actor, {
      teamId: org.teamId,
      title,
      description: 'What happened.',
      breachKinds: ['voice'],
    });
    const round = await app.deps.db
      .selectFrom('rounds')
      .select('id')
      .where('repair_id', '=', repair.id)
      .executeTakeFirstOrThrow();
    const answerId = randomUUID();
    await app.deps.db
      .insertInto('answers')
      .values({
        id: answerId,
        round_id: round.id,
        question_id: 'impact',
        body: 'An answer nobody may see yet.',
        author_name: null,
        answered_on: '2030-01-01',
        reply_key_hash: randomUUID(),
      })
      .execute();
    repairOf.set(answerId, repair.id);
    return { repairId: repair.id, answerId };
  }

  const ask = (org: TestOrganization, repairId: string, answerId: string) =>
    request(app, {
      method: 'POST',
      url: `/api/v1/repairs/${repairId}/answers/${answerId}/follow-ups`,
      body: { text: 'Can you tell me more?' },
      as: { token: org.admin.token },
    });

  beforeAll(async () => {
    app = await createTestApp(engine);
    a = await createOrganization(app, 'FollowA');
    b = await createOrganization(app, 'FollowB');
  });
  afterAll(() => app.close());

  it("answers 404, as for an unknown id, for another repair's answer in the same organisation", async () => {
    const here = await repairWithAnswer(a, 'Here');
    const elsewhere = await repairWithAnswer(a, 'Elsewhere');
    const before = await snapshot(app);
    const other = await ask(a, here.repairId, elsewhere.answerId);
    const unknown = await ask(a, here.repairId, randomUUID());
    expect(other.statusCode, other.body).toBe(404);
    expect(other.json()).toEqual(unknown.json());
    expect(await snapshot(app)).toEqual(before);
  });

  it("answers 404 for another organisation's answer", async () => {
    const here = await repairWithAnswer(a, 'Mine');
    const theirs = await repairWithAnswer(b, 'Theirs');
    const res = await ask(a, here.repairId, theirs.answerId);
    expect(res.statusCode, res.body).toBe(404);
    expect(res.body).not.toContain('Theirs');
  });

  it('still answers 409 for an answer of this repair that is not shown yet', async () => {
    const here = await repairWithAnswer(a, 'Hidden');
    const res = await ask(a, here.repairId, here.answerId);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().detail).toMatch(/once they are shown/);
  });
});
