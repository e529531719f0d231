import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam, type Proof } from '../test/listening-factory.js';
import { type PostgresErrorRecorder, recordPostgresErrors } from '../test/postgres-errors.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';

/**
 * PostgreSQL writes every unique violation to its own log, with its DETAIL `Key (…)=(…) already exists` and a time.
 * Doing the same thing twice must therefore make the database raise nothing at all: a repeated email's idempotency
 * key (`loop:<person id>:<day>`), an occurrence recorded twice, an email or team name already taken. On SQLite the
 * same actions must give the same answers.
 */
describe.each(ENGINES)('doing it twice leaves no key in the database log (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  let recorder: PostgresErrorRecorder;
  const admin = () => ({ token: org.admin.token });

  const NOW = new Date('2026-03-20T12:00:00Z');
  let clock = NOW;
  beforeAll(async () => {
    app = await createTestApp(engine, { now: () => clock });
    org = await createOrganization(app, `Twice${engine}`);
    recorder = recordPostgresErrors();
  });
  afterEach(() => {
    // On SQLite nothing goes through pg, so this holds trivially there; on PostgreSQL it is the point.
    const raised = [...recorder.raised];
    recorder.clear();
    expect(raised).toEqual([]);
  });
  afterAll(async () => {
    recorder?.stop();
    await app?.close();
  });

  it('an email whose idempotency key was used is a duplicate, sent once', async () => {
    const key = `loop:${org.member.actor.personId}:2026-03-20`;
    const message = {
      organizationId: org.id,
      to: org.member.email,
      subject: 'Loop',
      text: 'Hi',
      dedupeKey: key,
    };
    expect(await app.deps.mailer.send(message)).toBe('kept');
    expect(await app.deps.mailer.send(message)).toBe('duplicate');
    expect(await app.deps.mailer.send({ ...message, dedupeKey: undefined })).toBe('kept');
    const rows = await app.deps.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('dedupe_key', '=', key)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('an occurrence recorded twice is refused the second time', async () => {
    const round = await openRoundWithTeam(app, org, 3);
    const repair = `/api/v1/repairs/${round.repairId}`;
    const leader = { token: org.leader.token };
    expect(
      (await request(app, { method: 'POST', url: `${repair}/round/close`, as: leader })).statusCode,
    ).toBe(200);
    // Made the day before the event it records: an occurrence before a commitment was made is refused.
    clock = new Date('2026-03-19T08:00:00Z');
    const created = await request(app, {
      method: 'POST',
      url: `${repair}/commitments`,
      body: {
        action: 'Ask before reorganising',
        evidence: 'Team meeting',
        schedule: { kind: 'event', description: 'before a reorg' },
        startsOn: '2026-03-02',
      },
      as: leader,
    });
    expect(created.statusCode, created.body).toBe(201);
    clock = NOW;
    const record = () =>
      request(app, {
        method: 'POST',
        url: `${repair}/commitments/${created.json().id}/occurrences`,
        body: { dueAt: '2026-03-19T09:00:00Z', status: 'kept', note: 'Asked the team first.' },
        as: leader,
      });
    expect((await record()).statusCode).toBe(201);
    const again = await record();
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('This occurrence is already recorded.');
    const rows = await app.deps.db
      .selectFrom('occurrences')
      .select('id')
      .where('commitment_id', '=', created.json().id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('a person or account with a taken email is refused, on create and on update', async () => {
    const add = (body: Record<string, string>) =>
      request(app, { method: 'POST', url: '/api/v1/people', body, as: admin() });
    const plain = await add({ name: 'Plain Twice', email: `plain.twice.${engine}@example.org` });
    expect(plain.statusCode, plain.body).toBe(201);
    expect((await add({ name: 'Again', email: org.member.email })).json().code).toBe('email_taken');
    expect(
      (await add({ name: 'Again', email: org.member.email, password: 'a long enough password' })).json().code,
    ).toBe('email_taken');

    // An account's email is unique across organisations: one taken elsewhere is refused too.
    const other = await createOrganization(app, `Elsewhere${engine}`);
    expect(
      (await add({ name: 'Elsewhere', email: other.member.email, password: 'a long enough password' })).json()
        .code,
    ).toBe('email_taken');
    const rename = (personId: string, email: string) =>
      request(app, { method: 'PATCH', url: `/api/v1/people/${personId}`, body: { email }, as: admin() });
    expect((await rename(plain.json().id, org.member.email)).json().code).toBe('email_taken');
    expect((await rename(org.leader.actor.personId, other.member.email)).json().code).toBe('email_taken');
    // A person keeping their own email is no conflict.
    expect((await rename(plain.json().id, `plain.twice.${engine}@example.org`)).statusCode).toBe(200);
  });

  it('a team name already used is refused, on create and on rename', async () => {
    const create = (name: string) =>
      request(app, { method: 'POST', url: '/api/v1/teams', body: { name }, as: admin() });
    const first = await create('Platform Twice');
    expect(first.statusCode, first.body).toBe(201);
    expect((await create('platform twice')).json().code).toBe('team_name_taken');
    const second = await create('Payments Twice');
    const rename = await request(app, {
      method: 'PATCH',
      url: `/api/v1/teams/${second.json().id}`,
      body: { name: 'PLATFORM TWICE' },
      as: admin(),
    });
    expect(rename.json().code).toBe('team_name_taken');
  });

  it('set-up a second time is refused before anything is written', async () => {
    const setup = await request(app, {
      method: 'POST',
      url: '/api/v1/setup',
      body: {
        organizationName: 'Again',
        name: 'Admin Again',
        email: org.admin.email,
        password: 'a long enough password',
      },
    });
    expect(setup.json().code).toBe('already_set_up');
  });

  it('answers sent again with the same token (a retry) are taken once', async () => {
    const round = await openRoundWithTeam(app, org, 3);
    const proofs: Proof[] = [];
    for (const link of round.links) proofs.push(await obtainToken(app, link.secret));
    for (const proof of proofs) await answerAll(app, proof, { impact: 'Said once.' });
    for (const proof of proofs) {
      const retry = await answerAll(app, proof, { impact: 'Said once.' });
      expect(retry.statusCode, retry.body).toBeLessThan(500);
    }
    const answers = await app.deps.db
      .selectFrom('answers')
      .select('id')
      .where('round_id', '=', round.roundId)
      .execute();
    expect(answers).toHaveLength(3);
  });
});
