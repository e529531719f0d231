import { webcrypto } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, PHONE, screenshotBoth } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { waitForHeading } from './support/ui.js';

// A team member opens their personal team-space link, with no account, and follows the repair: the leader's
// message, the themes heard (never the answers), the commitments and the record. Everything is set up over the API.

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
let teamLink = '';

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
async function seed(): Promise<string> {
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
  return issued.links[0]?.url ?? '';
}

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

beforeAll(async () => {
  server = await startServer();
  teamLink = await seed();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the team space', () => {
  it('shows a team member the message, the themes, the commitment and its record, without any answer', async () => {
    expect(teamLink).toMatch(/\/team#[A-Za-z0-9_-]{40,}$/);
    const page = await freshPage();
    const secret = teamLink.split('#')[1] ?? '';
    const requests: { url: string; body: string | null; cookie: string | undefined }[] = [];
    page.on('request', (r) =>
      requests.push({ url: r.url(), body: r.postData(), cookie: r.headers().cookie }),
    );
    await page.goto(teamLink);
    await waitForHeading(page, TITLE);
    await page.getByText('Lena Leader · Platform').waitFor();

    await page.getByRole('heading', { level: 2, name: 'What Lena Leader wrote' }).waitFor();
    await page.getByText(/That was my decision and my mistake\./).waitFor();

    const themes = page.locator('section', {
      has: page.getByRole('heading', { level: 2, name: 'What the team said it needed' }),
    });
    await themes.getByRole('heading', { level: 3, name: ASKED }).waitFor();
    await themes.getByText('You learned about the cancellation in public').waitFor();
    await themes.getByRole('listitem').filter({ hasText: ACTION }).first().waitFor();
    await themes.getByRole('heading', { level: 3, name: HEARD }).waitFor();
    await themes.getByText(REASON).waitFor();

    const commitments = page.locator('section', {
      has: page.getByRole('heading', { level: 2, name: 'Commitments' }),
    });
    await commitments.getByRole('heading', { level: 3, name: ACTION }).waitFor();
    await commitments.getByText(EVIDENCE).waitFor();
    await commitments.getByText(KEPT_NOTE).waitFor();
    await commitments.getByText(MISSED_NOTE).waitFor();
    await commitments.getByText(/^Kept 1 of \d+ due so far/).waitFor();
    await commitments.getByRole('table').first().waitFor({ state: 'attached' });
    await page
      .getByText(/^Kept 1 of \d+ due so far/)
      .first()
      .waitFor();

    // Never an answer, never a name of anyone who answered.
    const text = (await page.locator('body').textContent()) ?? '';
    for (const answer of ANSWERS) {
      expect(text).not.toContain(answer.impact);
      expect(text).not.toContain(answer.need);
    }
    for (const m of MEMBERS) expect(text).not.toContain(m.name);

    // The secret goes only in the body of the API call, never with a cookie.
    const api = requests.filter((r) => r.url.includes('/api/'));
    expect(api.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/team-space']);
    expect(api[0]?.body).toContain(secret);
    expect(api[0]?.cookie).toBeUndefined();
    for (const r of requests) expect(r.url).not.toContain(secret);

    await expectAccessible(page, '/team');
    await screenshotBoth(page, 'team-space');
    await page.context().close();
  });

  it('explains an invalid or replaced link kindly', async () => {
    const page = await freshPage();
    await page.goto(url('/team#not-a-real-link-but-long-enough-to-look-like-one-0123456789'));
    await waitForHeading(page, 'This link does not open');
    await page
      .getByRole('alert')
      .getByText('This link is not valid or has been replaced; ask your leader for your current link.')
      .waitFor();
    await expectAccessible(page, '/team (invalid)');
    await screenshotBoth(page, 'team-space-invalid');
    await page.context().close();
  });

  it('explains how to open the page when the link is missing', async () => {
    const page = await freshPage();
    await page.goto(url('/team'));
    await waitForHeading(page, 'Follow a repair');
    await page.getByText(/personal link in the email/).waitFor();
    await expectAccessible(page, '/team (no link)');
    await page.context().close();
  });
});
