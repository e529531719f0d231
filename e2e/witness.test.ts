import { webcrypto } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, launchBrowser, PHONE, screenshotBoth } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { waitForHeading } from './support/ui.js';

// Team members witness a recorded occurrence through their personal team-space links: "I saw this" or "I didn't
// see this", once each, anonymously (a blindly signed token, never the link, goes with the answer). The leader sees
// totals only once at least three have answered. Everything up to the recorded occurrence is set up over the API.

const ADMIN = {
  organizationName: 'Acme Robotics',
  name: 'Ada Admin',
  email: 'ada@example.org',
  password: 'correct horse battery',
};
const LEADER = { name: 'Lena Leader', email: 'lena@example.org', password: 'leader password 1' };
const MEMBERS = [
  { name: 'Max Member', email: 'max@example.org' },
  { name: 'Mia Member', email: 'mia@example.org' },
  { name: 'Noor Nasser', email: 'noor@example.org' },
];
const TITLE = 'The roadmap change in March';
const ASKED = 'Being asked first';
const HEARD = 'Hearing it from me';
const ACTION = 'I will share the draft roadmap with the team every Monday before anything is decided';
const EVIDENCE = 'The draft appears in the team channel by 10:00 each Monday, with a thread for questions.';
const REASON = 'I cannot promise to announce every change myself: some come from the board first.';
const MESSAGE =
  'I announced the cancellation of your projects at the all-hands without asking any of you first. ' +
  'That was my decision and my mistake.';
const KEPT_NOTE = 'Shared the draft in #platform; we discussed the two open questions on Tuesday.';
const MISSED_NOTE = 'I was ill and did not share it, and did not say so. I should have asked Max to post it.';
const ANSWERS = [
  { impact: 'I found out from a slide that my project was cancelled.', need: 'To be asked first.' },
  { impact: 'Blindsided in front of everyone.', need: 'Being asked about our roadmap first.' },
  { impact: 'Worried about my own project.', need: 'Hearing it from my lead, not a slide.' },
];

let server: RunningServer;
let browser: Browser;
let seeded: Seeded;

interface Seeded {
  links: string[];
  leader: Caller;
  repairId: string;
  commitmentId: string;
  keptDueAt: string;
}

const url = (path: string) => `${server.baseUrl}${path}`;
const suite = RSABSSA.SHA384.PSS.Randomized();

type Caller = <T = { id: string }>(method: string, path: string, body?: unknown) => Promise<T>;

function caller(cookie: string, csrfToken: string): Caller {
  return async (method, path, body) => {
    const res = await fetch(url(path), {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as never;
  };
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(url(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** What the answer page does in a member's browser: a blindly signed token, then anonymous answers. */
async function answerAnonymously(secret: string, answers: Record<string, string>): Promise<void> {
  const { roundId, publicKey } = await post<{ roundId: string; publicKey: string }>(
    '/api/v1/ballot/invitation',
    { link: secret },
  );
  const pk = await webcrypto.subtle.importKey(
    'spki',
    Buffer.from(publicKey, 'base64url'),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const prepared = suite.prepare(webcrypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(pk, prepared);
  const { blindSignature } = await post<{ blindSignature: string }>('/api/v1/ballot/issue', {
    link: secret,
    blindedMessage: Buffer.from(blindedMsg).toString('base64url'),
  });
  const signature = await suite.finalize(pk, prepared, Buffer.from(blindSignature, 'base64url'), inv);
  await post('/api/v1/ballot/answers', {
    roundId,
    token: Buffer.from(prepared).toString('base64url'),
    signature: Buffer.from(signature).toString('base64url'),
    answers: Object.entries(answers).map(([questionId, text]) => ({ questionId, text })),
  });
}

/** The Monday `weeksAgo` weeks before this week's, as YYYY-MM-DD. */
function pastMonday(weeksAgo: number): string {
  const day = new Date();
  day.setUTCHours(12, 0, 0, 0);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday - 7 * weeksAgo);
  return day.toISOString().slice(0, 10);
}

interface Occurrence {
  dueAt: string;
  status: 'kept' | 'missed' | 'pending' | 'upcoming';
}

/** Organisation, team, a closed round with three answers, two themes, a message, a commitment with a record. */
async function seed(): Promise<Seeded> {
  const setup = await fetch(url('/api/v1/setup'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(setup.status).toBe(201);
  const { csrfToken } = (await setup.json()) as { csrfToken: string };
  const admin = caller((setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrfToken);
  const lena = await admin('POST', '/api/v1/people', { ...LEADER, role: 'leader' });
  const memberIds: string[] = [];
  for (const m of MEMBERS)
    memberIds.push((await admin('POST', '/api/v1/people', { ...m, role: 'member' })).id);
  const team = await admin('POST', '/api/v1/teams', { name: 'Platform', leaderId: lena.id, memberIds });

  const login = await fetch(url('/api/v1/session'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: LEADER.email, password: LEADER.password }),
  });
  expect(login.status).toBe(200);
  const session = (await login.json()) as { csrfToken: string };
  const as = caller((login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', session.csrfToken);

  const repair = await as('POST', '/api/v1/repairs', {
    teamId: team.id,
    title: TITLE,
    description:
      'On 4 March I announced at the all-hands that two projects were cancelled. Nobody was asked.',
    breachKinds: ['voice', 'care'],
  });
  const repairId = repair.id;
  await as('PUT', `/api/v1/repairs/${repairId}/forecast`, {
    forecast: { impact: 'Surprised.', need: 'More context.', restore: 'A heads-up next time.' },
  });
  const { links } = await as<{ links: { url: string }[] }>('POST', `/api/v1/repairs/${repairId}/round/open`);
  for (const [i, link] of links.entries())
    await answerAnonymously(link.url.split('#')[1] ?? '', ANSWERS[i] ?? { impact: 'x' });
  await as('POST', `/api/v1/repairs/${repairId}/round/close`);

  const heard = await as<{ questions: { answers: { id: string }[] }[] }>(
    'GET',
    `/api/v1/repairs/${repairId}/answers`,
  );
  const needAnswerIds = (heard.questions[1]?.answers ?? []).map((a) => a.id);
  const asked = await as('POST', `/api/v1/repairs/${repairId}/themes`, {
    name: ASKED,
    need: 'Be asked before decisions about our roadmap.',
    acknowledgement:
      'You learned about the cancellation in public, without being asked. That was wrong of me.',
    answerIds: needAnswerIds,
  });
  const fromMe = await as('POST', `/api/v1/repairs/${repairId}/themes`, {
    name: HEARD,
    need: 'Hear about changes from the leader, not a slide.',
    acknowledgement: 'You heard it from a slide instead of from me.',
    answerIds: [],
  });
  await as('PUT', `/api/v1/repairs/${repairId}/themes/${fromMe.id}/reason`, { reason: REASON });
  await as('POST', `/api/v1/repairs/${repairId}/messages`, { body: MESSAGE });
  const commitment = await as('POST', `/api/v1/repairs/${repairId}/commitments`, {
    action: ACTION,
    evidence: EVIDENCE,
    schedule: { kind: 'recurring', pattern: { type: 'weekly', weekdays: ['monday'] } },
    startsOn: pastMonday(3),
    themeIds: [asked.id],
  });

  const view = await as<{ commitments: { id: string; occurrences: Occurrence[] }[] }>(
    'GET',
    `/api/v1/repairs/${repairId}/commitments`,
  );
  const due = (view.commitments.find((c) => c.id === commitment.id)?.occurrences ?? [])
    .filter((o) => o.status !== 'upcoming')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  expect(due.length).toBeGreaterThanOrEqual(2);
  const [older, latest] = due.slice(-2);
  const occurrences = `/api/v1/repairs/${repairId}/commitments/${commitment.id}/occurrences`;
  await as('POST', occurrences, { dueAt: older?.dueAt, status: 'missed', note: MISSED_NOTE });
  await as('POST', occurrences, { dueAt: latest?.dueAt, status: 'kept', note: KEPT_NOTE });

  const issued = await as<{ links: { url: string }[] }>('POST', `/api/v1/repairs/${repairId}/team-links`);
  expect(issued.links).toHaveLength(3);
  return {
    links: issued.links.map((l) => l.url),
    leader: as,
    repairId,
    commitmentId: commitment.id,
    keptDueAt: latest?.dueAt ?? '',
  };
}

const THANKS = 'Thank you — counted anonymously.';
const PRIVACY =
  'Your answer is anonymous: the leader sees only totals, and only once at least 3 people have answered.';

async function open(link: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(link);
  await waitForHeading(page, TITLE);
  return page;
}

/** The kept occurrence, in the "What was done" list of the commitment. */
function keptOccurrence(page: Page): Locator {
  return page.locator('li.space-occurrence', { hasText: KEPT_NOTE });
}

/** Opens a member's link, answers for the kept occurrence and checks what the browser sent. */
async function witnessKept(link: string, button: 'I saw this' | 'I didn’t see this', viewport = DESKTOP) {
  const page = await open(link, viewport);
  const secret = link.split('#')[1] ?? '';
  const requests: {
    path: string;
    body: string | null;
    cookie: string | undefined;
    referer: string | undefined;
  }[] = [];
  page.on('request', (r) =>
    requests.push({
      path: new URL(r.url()).pathname,
      body: r.postData(),
      cookie: r.headers().cookie,
      referer: r.headers().referer,
    }),
  );
  const kept = keptOccurrence(page);
  await kept.getByText(PRIVACY).waitFor();
  await kept
    .getByRole('group', { name: /Did you see this\?/ })
    .getByRole('button', { name: button })
    .click();
  await kept.getByRole('status').getByText(THANKS).waitFor();
  await expect(kept.getByRole('button', { name: 'I saw this' }).count()).resolves.toBe(0);

  const api = requests.filter((r) => r.path.startsWith('/api/'));
  expect(api.map((r) => r.path)).toEqual([
    '/api/v1/team-space/witness/key',
    '/api/v1/team-space/witness/issue',
    '/api/v1/witness',
  ]);
  for (const r of api) {
    expect(r.cookie).toBeUndefined();
    expect(r.referer ?? '').toBe('');
  }
  // The answer itself carries a token, never the link.
  const answer = api[2]?.body ?? '';
  expect(answer).not.toContain(secret);
  expect(JSON.parse(answer)).toMatchObject({ saw: button === 'I saw this' });
  return page;
}

beforeAll(async () => {
  server = await startServer();
  seeded = await seed();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('witnessing an occurrence', () => {
  it('counts "I saw this" and "I didn’t see this" anonymously, once per member, shown from three answers', async () => {
    const [first, second, third] = seeded.links;
    expect(third).toMatch(/\/team#[A-Za-z0-9_-]{40,}$/);

    // Before anyone answers: no totals, only the threshold wording.
    const firstPage = await witnessKept(first ?? '', 'I saw this', PHONE);
    await keptOccurrence(firstPage).getByText('Fewer than 3 responses so far.').waitFor();

    // Coming back in the same browser: remembered, no buttons.
    await firstPage.reload();
    await waitForHeading(firstPage, TITLE);
    await keptOccurrence(firstPage)
      .getByText(/You answered “I saw this”/)
      .waitFor();
    expect(await keptOccurrence(firstPage).getByRole('button').count()).toBe(0);

    // The same member on another device: the server remembers that this link took its token.
    const elsewhere = await open(first ?? '');
    await keptOccurrence(elsewhere).getByRole('button', { name: 'I didn’t see this' }).click();
    await keptOccurrence(elsewhere)
      .getByRole('status')
      .getByText('You’ve already responded to this one (perhaps on another device).')
      .waitFor();
    await elsewhere.context().close();

    const secondPage = await witnessKept(second ?? '', 'I saw this');
    await secondPage.reload();
    await waitForHeading(secondPage, TITLE);
    // Two answers: still below the threshold.
    await keptOccurrence(secondPage).getByText('Fewer than 3 responses so far.').waitFor();
    await secondPage.context().close();

    const thirdPage = await witnessKept(third ?? '', 'I didn’t see this');
    await thirdPage.context().close();

    await firstPage.reload();
    await waitForHeading(firstPage, TITLE);
    await keptOccurrence(firstPage).getByText('Confirmed by 2, not seen by 1.').waitFor();
    // The missed occurrence, which nobody witnessed, still asks.
    const missed = firstPage.locator('li.space-occurrence', { hasText: MISSED_NOTE });
    await missed.getByText('Fewer than 3 responses so far.').waitFor();
    await missed.getByRole('button', { name: 'I saw this' }).waitFor();

    const view = await seeded.leader<{
      commitments: { id: string; record: { strip: { dueAt: string; confirmations: unknown }[] } }[];
    }>('GET', `/api/v1/repairs/${seeded.repairId}/commitments`);
    const strip = view.commitments.find((c) => c.id === seeded.commitmentId)?.record.strip ?? [];
    expect(strip.find((s) => s.dueAt === seeded.keptDueAt)?.confirmations).toEqual({ saw: 2, didNotSee: 1 });

    await expectAccessible(firstPage, '/team (witnessed)');
    await screenshotBoth(firstPage, 'team-space-witness');
    await firstPage.context().close();
  });
});
