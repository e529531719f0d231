import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTeam, setUpOrganisation, signIn } from './support/api.js';
import { DESKTOP, expectAccessible, launchBrowser, PHONE, screenshotBoth } from './support/browser.js';
import { linksFromOutbox } from './support/outbox.js';
import { ADMIN, LEADER, MEMBERS, signInLeader, TITLE } from './support/seed-repair.js';
import { type RunningServer, startServer } from './support/server.js';
import { signedInPage, waitForHeading } from './support/ui.js';

// The trust pulse, end to end: the leader sets the team's cadence and sends a pulse now from the team page, and is
// told to whom the links went (the admin hands them out from the outbox: no SMTP here); four members answer
// anonymously through their personal links, each in a browser of their own, by keyboard or mouse. On a team of
// four the first three answers are received and wait (stored then, the fourth's could be told apart); the fourth
// stores all four at once, and only then does the leader's recovery view show a chart. A used link says so;
// the facilitator's overview shows the repair with its sparkline, and a member is told the overview is not for them.

const TEAM = 'Platform';
const TEAM_MEMBERS = [...MEMBERS, { name: 'Omar Okafor', email: 'omar@example.org' }];
const FACILITATOR = { name: 'Fay Facilitator', email: 'fay@example.org', password: 'facilitator pass 1' };
const OUTSIDER = { name: 'Mo Member', email: 'mo@example.org', password: 'member password 1' };
const COMMENT = 'Ask us before the roadmap changes, and tell us why.';
const RECEIVED = /^Received\. Your answers will be stored together with those of at least 3 people/;
const STORED = /^Stored\. Your answers are in/;
/** The pulse page checks a pending answer every 20 s; give it two checks' time. */
const POLL_TIMEOUT = 45_000;

let server: RunningServer;
let browser: Browser;
let leaderApi: Caller;
let admin: Caller;
let teamId = '';
let repairId = '';

const url = (path: string) => `${server.baseUrl}${path}`;

interface PulseTrend {
  pulse: { mode: string; points: unknown[]; withheld: { answers: string }[] };
}

/** A member's own browser: a fresh context, so nothing (cookie, storage) is shared with anyone else's. */
async function openLink(link: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(link);
  await waitForHeading(page, `How are things with ${LEADER.name}?`);
  return page;
}

/**
 * Sends the form and checks that the answer carried a token, never the link, and no cookie, and what the page says
 * became of it. With `resend`, the token was signed by an earlier try: it must not be asked for again.
 */
async function sendAndCheck(
  page: Page,
  link: string,
  state: RegExp,
  submit: () => Promise<void>,
  resend = false,
): Promise<void> {
  const sent: { path: string; body: string | null; cookie: string | undefined }[] = [];
  page.on('request', (r) =>
    sent.push({ path: new URL(r.url()).pathname, body: r.postData(), cookie: r.headers().cookie }),
  );
  await submit();
  await waitForHeading(page, 'Thank you');
  await page.getByRole('status').getByText(state).waitFor();
  await page.getByText(`${LEADER.name} sees results only once at least 3 people have answered`).waitFor();
  const answer = sent.find((r) => r.path === '/api/v1/pulse/answers');
  expect(answer).toBeDefined();
  expect(answer?.body ?? '').not.toContain(link.split('#')[1] ?? 'missing');
  expect(answer?.cookie).toBeUndefined();
  expect(sent.filter((r) => r.path === '/api/v1/pulse/issue')).toHaveLength(resend ? 0 : 1);
}

/**
 * Rates a few statements with the mouse (clicking the points) and sends. With `dropFirstSend`, the first send
 * fails on the network: the answers must stay in the form, and sending again must work.
 */
async function answerByMouse(
  link: string,
  points: string[],
  state: RegExp,
  dropFirstSend = false,
): Promise<Page> {
  const page = await openLink(link);
  const groups = page.getByRole('group');
  for (const [i, point] of points.entries())
    await groups.nth(i).getByRole('radio', { name: point, exact: true }).click();
  const send = page.getByRole('button', { name: 'Send my answers' });
  if (dropFirstSend) {
    await page.route('**/api/v1/pulse/answers', (route) => route.abort('internetdisconnected'));
    await send.click();
    await page
      .getByRole('alert')
      .getByText(/Your answers could not be sent/)
      .waitFor();
    await page.unroute('**/api/v1/pulse/answers');
    for (const [i, point] of points.entries())
      await expect(groups.nth(i).getByRole('radio', { name: point, exact: true }).isChecked()).resolves.toBe(
        true,
      );
  }
  await sendAndCheck(page, link, state, () => send.click(), dropFirstSend);
  return page;
}

async function recoveryTrend(): Promise<PulseTrend['pulse']> {
  return (await leaderApi<PulseTrend>('GET', `/api/v1/repairs/${repairId}/recovery`)).pulse;
}

/** The leader's recovery view, section "Trust over time". */
async function trustSection(page: Page) {
  await page.goto(url(`/repairs/${repairId}/recovery`));
  return page.getByRole('region', { name: 'Trust over time' });
}

beforeAll(async () => {
  // The scheduler would open the repair's baseline pulse within a minute; here the leader sends one by hand.
  server = await startServer({ env: { JOB_INTERVAL_MS: '3600000' } });
  admin = await setUpOrganisation(server.baseUrl, ADMIN);
  ({ teamId } = await createTeam(admin, { name: TEAM, leader: LEADER, members: TEAM_MEMBERS }));
  await admin('POST', '/api/v1/people', { ...FACILITATOR, role: 'facilitator' });
  await admin('POST', '/api/v1/people', { ...OUTSIDER, role: 'member' });
  leaderApi = await signIn(server.baseUrl, LEADER.email, LEADER.password);
  repairId = (
    await leaderApi('POST', '/api/v1/repairs', {
      teamId,
      title: TITLE,
      description:
        'On 4 March I announced at the all-hands that two projects were cancelled. Nobody was asked.',
      breachKinds: ['voice'],
    })
  ).id;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the trust pulse', () => {
  it('is set and sent by the leader, answered anonymously, and shown only from three answers', async () => {
    // The leader: cadence, then a pulse sent now; the leader is told to whom the links went, never the links.
    const leader = await signInLeader(browser, server.baseUrl);
    await leader.goto(url(`/teams/${teamId}`));
    await waitForHeading(leader, TEAM);
    const section = leader.locator('section', {
      has: leader.getByRole('heading', { level: 2, name: 'Trust pulse' }),
    });
    await section.getByText('No pulses yet.').waitFor();
    await section.getByLabel('Send the pulse').selectOption({ label: 'Every 2 weeks' });
    await section.getByRole('button', { name: 'Save' }).click();
    await section
      .getByRole('status')
      .getByText('Saved: every 2 weeks; the next pulse goes out today, within a few minutes.')
      .waitFor();

    await section.getByRole('button', { name: 'Send a pulse now' }).click();
    const dialog = leader.getByRole('dialog', { name: 'Send a pulse now?' });
    await dialog.getByRole('button', { name: 'Send the pulse' }).click();
    const panel = section.getByRole('region', { name: 'The pulse is out' });
    await panel
      .getByText(
        'Email is not set up, so the links wait in the admin’s outbox (Organisation → Outbox) for Ada Admin to hand out to Max Member, Mia Member, Noor Nasser and Omar Okafor.',
        { exact: false },
      )
      .waitFor();
    expect(await leader.content()).not.toContain('/pulse#');
    // The admin hands the links out from the outbox.
    const fromOutbox = await linksFromOutbox(
      admin,
      'pulse',
      TEAM_MEMBERS.map((m) => m.email),
    );
    const links = TEAM_MEMBERS.map((m) => fromOutbox.get(m.email) ?? '');
    for (const link of links) expect(link).toMatch(/\/pulse#[A-Za-z0-9_-]{40,}$/);
    await section.getByRole('cell', { name: 'fewer than 3' }).waitFor();
    await expectAccessible(leader, 'the team page with its pulse');
    await screenshotBoth(leader, 'pulse-team-section');

    // A second pulse the same day is refused, with the reason.
    await section.getByRole('button', { name: 'Send a pulse now' }).click();
    await dialog.getByRole('button', { name: 'Send the pulse' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/A pulse is already open until/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // First member, on a phone, by keyboard only.
    const [first = '', second = '', third = '', fourth = ''] = links;
    const phone = await openLink(first, PHONE);
    await phone.getByText('Your answers are anonymous').waitFor();
    await phone.getByText(/Nobody — not Lena Leader, and not whoever runs the Kintsugi server/).waitFor();
    await phone.getByText('Your link was handed to you by Ada Admin.', { exact: false }).waitFor();
    const statements = phone.getByRole('group');
    expect(await statements.count()).toBe(11);
    await expectAccessible(phone, '/pulse (empty)');
    // Into the first statement, then along its scale with the arrow keys, as native radios do.
    await statements.first().getByRole('radio', { name: 'Strongly disagree' }).focus();
    await phone.keyboard.press('Space');
    for (let i = 0; i < 5; i++) await phone.keyboard.press('ArrowRight');
    await expect(
      statements.first().getByRole('radio', { name: 'Agree', exact: true }).isChecked(),
    ).resolves.toBe(true);
    // Tab moves on: past "Clear" to the next statement.
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('Tab');
    await phone.keyboard.press('Space');
    await phone.keyboard.press('ArrowRight');
    await phone.keyboard.press('ArrowRight');
    await expect(
      statements.nth(1).getByRole('radio', { name: 'Somewhat disagree' }).isChecked(),
    ).resolves.toBe(true);
    await phone.getByText('2 of 11 statements rated').waitFor();
    const comment = phone.getByLabel(/What is one thing/);
    await comment.focus();
    await phone.keyboard.type(COMMENT);
    await phone.getByText(`${COMMENT.length} of 2,000 characters`).waitFor();
    await expectAccessible(phone, '/pulse (filled in)');
    await screenshotBoth(phone, 'pulse-page');
    await sendAndCheck(phone, first, RECEIVED, async () => {
      await phone.getByRole('button', { name: 'Send my answers' }).focus();
      await phone.keyboard.press('Enter');
    });
    await expectAccessible(phone, '/pulse (received, pending)');
    await screenshotBoth(phone, 'pulse-pending');

    // Second member, by mouse, on a flaky network. Two answers: still no trend anywhere.
    const secondPage = await answerByMouse(
      second,
      ['Strongly agree', 'Agree', 'Neither agree nor disagree'],
      RECEIVED,
      true,
    );
    await secondPage.context().close();
    expect((await recoveryTrend()).points).toHaveLength(0);

    // Third: three of a team of four. Stored now, the last one's answers could be told apart by elimination, so
    // all wait for the fourth (or for the pulse to close): still no trend.
    const thirdPage = await answerByMouse(third, ['Somewhat agree', 'Somewhat agree'], RECEIVED);
    await thirdPage.context().close();
    expect((await recoveryTrend()).points).toHaveLength(0);
    let trust = await trustSection(leader);
    await trust
      .getByText(/fewer than/)
      .first()
      .waitFor();
    expect(await trust.getByRole('img', { name: 'Trust index over time' }).count()).toBe(0);

    // The fourth stores all four together, and the chart appears.
    const fourthPage = await answerByMouse(fourth, ['Disagree'], STORED);
    await expectAccessible(fourthPage, '/pulse (stored)');
    await screenshotBoth(fourthPage, 'pulse-thanks');
    await fourthPage.context().close();
    expect((await recoveryTrend()).points).toHaveLength(1);
    // The first member's page, still open, checks by itself and says "Stored".
    await phone.getByRole('status').getByText(STORED).waitFor({ timeout: POLL_TIMEOUT });
    trust = await trustSection(leader);
    await trust.getByRole('img', { name: 'Trust index over time' }).first().waitFor();
    await leader.goto(url(`/teams/${teamId}`));
    await section.getByRole('cell', { name: '4', exact: true }).last().waitFor();

    // The first link again, in another browser: said plainly, and its owner can say it was not them.
    const again = await browser.newContext({ viewport: PHONE });
    const reused = await again.newPage();
    await reused.goto(first);
    await reused.getByRole('heading', { name: 'This link has already been used to answer.' }).waitFor();
    await reused.getByText(/Each person answers a pulse once/).waitFor();
    await expectAccessible(reused, '/pulse (link already used)');
    await screenshotBoth(reused, 'pulse-link-used');
    await reused.getByRole('button', { name: 'It wasn’t me' }).click();
    await reused
      .getByRole('status')
      .getByText(
        'Thank you. Your leader sees that a link was used by someone other than its owner, never whose.',
      )
      .waitFor();
    await expectAccessible(reused, '/pulse (misuse reported)');
    await again.close();
    // And in the member's own browser, it remembers the answer.
    await phone.reload();
    await waitForHeading(phone, 'You have answered this pulse');
    await phone.context().close();

    // No link at all: a clear message.
    const bare = await browser.newContext({ viewport: PHONE });
    const barePage = await bare.newPage();
    await barePage.goto(url('/pulse'));
    await waitForHeading(barePage, 'Trust pulse');
    await barePage.getByText(/This page opens with a personal link/).waitFor();
    await bare.close();
    await leader.context().close();
  }, 150_000);

  it('shows the facilitator the overview with the trend, and tells a member it is not for them', async () => {
    const facilitator = await signedInPage(browser, server.baseUrl, FACILITATOR, /^Welcome/);
    await facilitator
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Overview' })
      .click();
    await waitForHeading(facilitator, 'Overview');
    await facilitator.getByText('1 open repair, 0 with alerts').waitFor();
    const row = facilitator.getByRole('row', { name: new RegExp(TITLE) });
    await row.getByRole('link', { name: TITLE }).waitFor();
    await row.getByRole('img', { name: new RegExp(`^Trust index over time for ${TITLE}`) }).waitFor();
    await row.getByText('Nothing due yet').waitFor();

    // Filters live in the address, so they survive a reload.
    await facilitator.getByLabel('Team').selectOption({ label: TEAM });
    await facilitator.getByLabel('Stage').selectOption({ label: 'Listen' });
    await facilitator.waitForURL(/\/overview\?teamId=.+&stage=listening$/);
    await facilitator.getByText('No open repairs match these filters.').waitFor();
    await facilitator.reload();
    await waitForHeading(facilitator, 'Overview');
    await expect(facilitator.getByLabel('Stage').inputValue()).resolves.toBe('listening');
    await facilitator.getByText('No open repairs match these filters.').waitFor();
    await facilitator.getByLabel('Stage').selectOption({ label: 'All stages' });
    await row.waitFor();
    await expectAccessible(facilitator, '/overview');
    await screenshotBoth(facilitator, 'pulse-overview');

    // The facilitator follows the team's pulse, read-only.
    await facilitator.goto(url(`/teams/${teamId}`));
    await facilitator
      .getByText(/Every 2 weeks\. Only the team’s leader or an admin can change this\./)
      .waitFor();
    expect(await facilitator.getByRole('button', { name: 'Send a pulse now' }).count()).toBe(0);
    await facilitator.context().close();

    const member = await signedInPage(browser, server.baseUrl, OUTSIDER, /^Welcome/);
    await member.goto(url('/overview'));
    await waitForHeading(member, 'Overview');
    await member.getByText('You are not allowed to see the overview.').waitFor();
    await expectAccessible(member, '/overview (a member)');
    await member.context().close();
  });
});
