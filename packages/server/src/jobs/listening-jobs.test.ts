import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../test/factories.js';
import { answerAll, type OpenedRound, obtainToken, openRoundWithTeam } from '../test/listening-factory.js';
import { linksEmailedTo } from '../test/outbox-links.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import { appendFollowUp } from '../use-cases/ballots/answer-thread.js';
import { closeExpiredRounds, sendReminders, sendReplyDigests } from './listening-jobs.js';

describe.each(ENGINES)('listening jobs (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let round: OpenedRound;
  let clock = new Date();
  const at = (days: number) => new Date(Date.now() + days * 86_400_000);

  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, 'Jobs');
    round = await openRoundWithTeam(app, org, 4);
    // One person has opened their link already; they get no reminders.
    await obtainToken(app, round.links[0]?.secret ?? '');
  });
  afterAll(() => app.close());

  const outbox = () =>
    app.deps.db.selectFrom('mail_outbox').selectAll().where('subject', 'like', '%hear from you%').execute();

  it('sends no reminder before halfway', async () => {
    clock = at(3);
    expect(await sendReminders(app.deps)).toBe(0);
  });

  const invitation = (link: string) =>
    request(app, { method: 'POST', url: '/api/v1/ballot/invitation', body: { link } });
  let fresh = '';

  it('reminds, once, only those who have not opened their link, with one more link', async () => {
    clock = at(7);
    const before = (await outbox()).length;
    expect(await sendReminders(app.deps)).toBe(3);
    expect(await sendReminders(app.deps)).toBe(0);
    const reminders = (await outbox()).slice(before).filter((m) => m.subject.includes('still like'));
    expect(reminders).toHaveLength(3);
    const firstEmail = (
      await app.deps.db
        .selectFrom('people')
        .select('email')
        .where('id', '=', round.links[0]?.personId ?? '')
        .executeTakeFirstOrThrow()
    ).email;
    expect(reminders.map((m) => m.recipient)).not.toContain(firstEmail);
    // A reminder adds a link: the first one of a reminded person keeps working, and so does the new one.
    const reminded = round.links[1] as { personId: string; secret: string };
    const emailed = await linksEmailedTo(app, 'answer', reminded.personId);
    expect(emailed).toHaveLength(2);
    fresh = emailed.find((link) => link !== reminded.secret) ?? '';
    expect(fresh).not.toBe('');
    for (const link of [reminded.secret, fresh]) {
      const res = await invitation(link);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ roundId: round.roundId, tokenIssued: false });
    }
  });

  it('sends the last-day reminder once', async () => {
    clock = at(13);
    expect(await sendReminders(app.deps)).toBe(3);
    expect(await sendReminders(app.deps)).toBe(0);
  });

  it('lets a reminded person take one token, through whichever of their links', async () => {
    const reminded = round.links[1] as { personId: string; secret: string };
    await obtainToken(app, fresh);
    // The first link now says it was used, and cannot take a second token.
    expect((await invitation(reminded.secret)).json().tokenIssued).toBe(true);
    await expect(obtainToken(app, reminded.secret)).rejects.toThrow(/already been used/);
  });

  it('batches reply notifications into one email per repair per few hours, without wording', async () => {
    const other = await openRoundWithTeam(app, org, 3);
    clock = new Date();
    const proofs = [];
    for (const link of other.links) proofs.push(await obtainToken(app, link.secret));
    for (const proof of proofs)
      await answerAll(app, proof, { impact: 'It hurt the plan', need: 'To be asked', restore: 'Ask us' });
    const answers = await app.deps.db
      .selectFrom('answers')
      .select('id')
      .where('round_id', '=', other.roundId)
      .limit(2)
      .execute();
    for (const a of answers) {
      await appendFollowUp(app.deps, a.id, 'leader', 'Could you say more?');
      await appendFollowUp(app.deps, a.id, 'author', 'Secret reply wording');
    }
    expect(await sendReplyDigests(app.deps)).toBe(1);
    expect(await sendReplyDigests(app.deps)).toBe(0);
    const digest = await app.deps.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('subject', 'like', 'New replies%')
      .execute();
    expect(digest).toHaveLength(1);
    expect(digest[0]?.body).not.toContain('Secret reply wording');
    expect(digest[0]?.recipient).toBe(org.leader.email);
  });

  it('closes rounds after their closing date and moves the repair on', async () => {
    clock = at(20);
    expect(await closeExpiredRounds(app.deps)).toBeGreaterThanOrEqual(1);
    const repair = await app.deps.db
      .selectFrom('repairs')
      .select('stage')
      .where('id', '=', round.repairId)
      .executeTakeFirstOrThrow();
    expect(repair.stage).toBe('understanding');
    expect(await closeExpiredRounds(app.deps)).toBe(0);
  });
});
