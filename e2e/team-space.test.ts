import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, PHONE, screenshotBoth } from './support/browser.js';
import {
  ACTION,
  ANSWERS,
  ASKED,
  EVIDENCE,
  HEARD,
  KEPT_NOTE,
  MEMBERS,
  MISSED_NOTE,
  REASON,
  seedCommittingRepair,
  TITLE,
} from './support/seed-repair.js';
import { type RunningServer, startServer } from './support/server.js';
import { waitForHeading } from './support/ui.js';

// A team member opens their personal team-space link, with no account, and follows the repair: the leader's
// message, the themes heard (never the answers), the commitments and the record. Everything is set up over the API.

let server: RunningServer;
let browser: Browser;
let teamLink = '';

const url = (path: string) => `${server.baseUrl}${path}`;

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

beforeAll(async () => {
  server = await startServer();
  teamLink = (await seedCommittingRepair(server)).links[0] ?? '';
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

    // The team's trust pulse: nothing yet (no pulse has reached k), said in words.
    const trust = page.locator('section', {
      has: page.getByRole('heading', { level: 2, name: 'How the team’s trust is moving' }),
    });
    await trust.getByText(/Nothing to show yet\. .* at least 3 people have answered/).waitFor();

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
