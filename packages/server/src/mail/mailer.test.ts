import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../test/factories.js';
import { openRoundWithTeam } from '../test/listening-factory.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';
import { ENGINES } from '../test/test-database.js';
import { createMailer } from './mailer.js';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server in this process, so mail is sent over the wire and read back. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString();
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const silent = { info: () => {}, warn: () => {} };

describe.each(ENGINES)('mail (%s)', (engine) => {
  let app: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await createTestApp(engine, { smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('delivers over SMTP and keeps only the envelope in the outbox', async () => {
    const mailer = createMailer({
      db: app.deps.db,
      smtpUrl: smtp.url,
      from: 'Kintsugi <k@example.org>',
      logger: silent,
    });
    await mailer.send({
      organizationId: null,
      to: 'ann@example.org',
      subject: 'Hello',
      text: 'Body with a secret link',
    });
    const mail = smtp.received.at(-1);
    expect(mail?.to).toEqual(['ann@example.org']);
    expect(mail?.raw).toContain('Subject: Hello');
    expect(mail?.raw).toContain('Body with a secret link');
    const row = await app.deps.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('recipient', '=', 'ann@example.org')
      .executeTakeFirstOrThrow();
    expect(row.body).toBeNull();
    expect(row.sent_at).not.toBeNull();
  });

  it('sends a message with the same idempotency key only once', async () => {
    const mailer = createMailer({
      db: app.deps.db,
      smtpUrl: smtp.url,
      from: 'k@example.org',
      logger: silent,
    });
    const before = smtp.received.length;
    for (let i = 0; i < 3; i++)
      await mailer.send({
        organizationId: null,
        to: 'bo@example.org',
        subject: 'Once',
        text: 'x',
        dedupeKey: 'once-1',
      });
    expect(smtp.received.length - before).toBe(1);
  });

  it('records a failure instead of throwing when the SMTP server is down', async () => {
    const mailer = createMailer({
      db: app.deps.db,
      smtpUrl: 'smtp://127.0.0.1:1',
      from: 'k@example.org',
      logger: silent,
    });
    await mailer.send({ organizationId: null, to: 'cy@example.org', subject: 'Lost', text: 'x' });
    const row = await app.deps.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('recipient', '=', 'cy@example.org')
      .executeTakeFirstOrThrow();
    expect(row.sent_at).toBeNull();
    expect(row.error).toBeTruthy();
  });

  it('tells the caller what became of each send', async () => {
    const options = { db: app.deps.db, from: 'k@example.org', logger: silent };
    const live = createMailer({ ...options, smtpUrl: smtp.url });
    const down = createMailer({ ...options, smtpUrl: 'smtp://127.0.0.1:1' });
    const kept = createMailer({ ...options, smtpUrl: null });
    const message = { organizationId: null, to: 'ed@example.org', subject: 'Outcome', text: 'x' };
    expect(await live.send({ ...message, dedupeKey: 'outcome-sent' })).toBe('sent');
    expect(await live.send({ ...message, dedupeKey: 'outcome-sent' })).toBe('duplicate');
    expect(await kept.send({ ...message, dedupeKey: 'outcome-sent' })).toBe('duplicate');
    expect(await down.send({ ...message, dedupeKey: 'outcome-failed' })).toBe('failed');
    // A failed key stays used: retrying is the caller's decision, under a new key.
    expect(await live.send({ ...message, dedupeKey: 'outcome-failed' })).toBe('duplicate');
    expect(await kept.send({ ...message, dedupeKey: 'outcome-kept' })).toBe('kept');
    expect(await live.send(message)).toBe('sent');
  });

  it('without SMTP, keeps the whole message in the outbox for an admin to deliver', async () => {
    const mailer = createMailer({ db: app.deps.db, smtpUrl: null, from: 'k@example.org', logger: silent });
    expect(mailer.delivers).toBe(false);
    await mailer.send({ organizationId: null, to: 'di@example.org', subject: 'Kept', text: 'the body' });
    const row = await app.deps.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('recipient', '=', 'di@example.org')
      .executeTakeFirstOrThrow();
    expect(row.body).toBe('the body');
  });

  it('sends each invited person their own link when a round opens, and keeps no link in the outbox', async () => {
    const org = await createOrganization(app, 'Mail');
    const before = smtp.received.length;
    /** Each person's link, read from the mail that reached their address. */
    const delivered = async (sent: readonly { personId: string }[]) => {
      const mails = smtp.received.slice(before);
      const people = await app.deps.db
        .selectFrom('people')
        .select(['id', 'email'])
        .where(
          'id',
          'in',
          sent.map((p) => p.personId),
        )
        .execute();
      return sent.map((p) => {
        const email = people.find((row) => row.id === p.personId)?.email;
        const mine = mails.filter((m) => m.to.includes(email ?? ''));
        expect(mine, `mails to ${email}`).toHaveLength(1);
        const link = /\/answer#([A-Za-z0-9_-]{43})/.exec(mine[0]?.raw.replace(/=\r?\n/g, '') ?? '')?.[1];
        expect(link, `no link in the mail to ${email}`).toBeDefined();
        return link ?? '';
      });
    };
    const round = await openRoundWithTeam(app, org, 3, undefined, { readLinks: delivered });
    expect(smtp.received.slice(before)).toHaveLength(3);
    expect(new Set(round.links.map((l) => l.secret)).size).toBe(3);
    // The links work, and once delivered no copy of them is kept.
    const opened = await request(app, {
      method: 'POST',
      url: '/api/v1/ballot/invitation',
      body: { link: round.links[0]?.secret },
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().delivery).toEqual({ method: 'email', handedOutBy: [] });
    const outbox = JSON.stringify(
      await app.deps.db.selectFrom('mail_outbox').selectAll().where('organization_id', '=', org.id).execute(),
    );
    for (const link of round.links) expect(outbox).not.toContain(link.secret);
  });
});
