import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecoveryView } from '@kintsugi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  expectAccessible,
  launchBrowser,
  SCREENSHOT_DIR,
  screenshotBoth,
} from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { signInAs, waitForHeading } from './support/ui.js';

// The recovery story of a repair, on the demo organisation: a leader with a year of pulses, a facilitator who
// sees numbers but no words, and a repair whose baseline pulse has fewer than k answers.

const PASSWORD = 'kintsugi-demo';
const LEADER = 'tomas.herrera@example.org';
const FACILITATOR = 'jordan.lee@example.org';
const NEW_LEADER = 'priya.raman@example.org';
const CSV_HEADER = 'section,item,from,to,answers,mean,low,high,note';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ seedDemo: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.baseUrl}/login`);
  await signInAs(page, email, PASSWORD);
  await page.waitForURL((u) => u.pathname === '/');
  return page;
}

/** The repair of a team, and its recovery view as the signed-in person's API sees it. */
async function recoveryOf(page: Page, team: string): Promise<RecoveryView> {
  const list = (await (await page.request.get(`${server.baseUrl}/api/v1/repairs`)).json()) as {
    repairs: { id: string; team: { name: string } }[];
  };
  const repair = list.repairs.find((r) => r.team.name === team);
  if (!repair) throw new Error(`no repair for ${team}`);
  const res = await page.request.get(`${server.baseUrl}/api/v1/repairs/${repair.id}/recovery`);
  expect(res.status()).toBe(200);
  return (await res.json()) as RecoveryView;
}

const h2 = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });

describe('the recovery story', () => {
  let forecasts: string[] = [];

  it('tells the leader the whole story, with an accessible chart, its numbers, CSV and print', async () => {
    const page = await signedIn(LEADER);
    const view = await recoveryOf(page, 'Data Platform');
    forecasts = view.heard.questions.map((q) => q.forecast ?? '').filter((f) => f.length > 0);
    expect(forecasts.length).toBeGreaterThan(0);
    expect(view.pulse.withheld.length).toBeGreaterThan(0);

    // The way in: from the repair page.
    await page.goto(`${server.baseUrl}/repairs/${view.repair.id}`);
    await page.getByRole('link', { name: 'See the recovery story' }).click();
    await waitForHeading(page, view.repair.title);
    for (const name of [
      'Is trust recovering?',
      'What happened',
      'What was heard, beside the forecast',
      'Themes and the commitments answering them',
      'The reliability record',
      'Trust over time',
      'What people wrote in the pulses',
    ])
      await h2(page, name).waitFor();
    await page.getByText('Trust is recovering.').waitFor();
    await page.getByText(forecasts[0] ?? '').waitFor();

    // The main chart: one SVG image with the exact name, a description, and withheld pulses labelled in it.
    const chart = page.getByRole('img', { name: 'Trust index over time', exact: true });
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('desc').textContent()).toMatch(/baseline/);
    expect(await chart.locator('text', { hasText: 'fewer than 3 answered' }).count()).toBe(
      view.pulse.withheld.length,
    );
    expect(await page.getByRole('img', { name: /over time$/ }).count()).toBe(8);

    // Its numbers: a real table whose rows are the API's points (and the withheld pulses, as words).
    const trust = page.locator('section', { has: h2(page, 'Trust over time') });
    await trust.getByText('Show the numbers for the trust index').click();
    const table = trust.getByRole('table', { name: /Trust index per pulse/ });
    const rows = table.locator('tbody tr[data-kind="point"]');
    expect(await rows.count()).toBe(view.pulse.points.length);
    const means = await rows.locator('td:nth-child(3)').allTextContents();
    expect(means).toEqual(view.pulse.points.map((p) => String(Math.round(p.overall.mean))));
    const withheld = table.locator('tbody tr[data-kind="withheld"]');
    expect(await withheld.count()).toBe(view.pulse.withheld.length);
    expect(await withheld.first().textContent()).toContain('fewer than 3 answered');

    // The CSV: a plain download of text/csv with the agreed header.
    const link = page.getByRole('link', { name: 'Download the data (CSV)' });
    const href = (await link.getAttribute('href')) ?? '';
    const res = await page.request.get(`${server.baseUrl}${href}`);
    expect(res.headers()['content-type']).toContain('text/csv');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe(CSV_HEADER);

    // By keyboard: from the heading, Tab reaches the CSV link and then the print button, which prints.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await page.getByRole('heading', { level: 1 }).focus();
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    const seen: string[] = [];
    for (let i = 0; i < 8 && !seen.includes('Print or save as PDF'); i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused());
    }
    expect(seen.indexOf('Download the data (CSV)')).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf('Print or save as PDF')).toBe(seen.indexOf('Download the data (CSV)') + 1);
    await page.keyboard.press('Enter');
    expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');

    await expectAccessible(page, 'the recovery story (leader)');
    await screenshotBoth(page, 'recovery-leader');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'recovery-leader-print.png'), fullPage: true });
    await page.context().close();
  });

  it('shows a facilitator the numbers but no comments and no forecast', async () => {
    const page = await signedIn(FACILITATOR);
    const view = await recoveryOf(page, 'Data Platform');
    expect(view.pulse.comments).toBeNull();
    await page.goto(`${server.baseUrl}/repairs/${view.repair.id}/recovery`);
    await h2(page, 'Trust over time').waitFor();
    await page.getByRole('img', { name: 'Trust index over time', exact: true }).waitFor();
    expect(await h2(page, 'What people wrote in the pulses').count()).toBe(0);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain('Forecast:');
    for (const f of forecasts) expect(text).not.toContain(f);
    await expectAccessible(page, 'the recovery story (facilitator)');
    await screenshotBoth(page, 'recovery-facilitator');
    await page.context().close();
  });

  it('says nothing is shown yet when every pulse had fewer than k answers', async () => {
    const page = await signedIn(NEW_LEADER);
    const view = await recoveryOf(page, 'Patient Portal');
    expect(view.pulse.points).toEqual([]);
    await page.goto(`${server.baseUrl}/repairs/${view.repair.id}/recovery`);
    const trust = page.locator('section', { has: h2(page, 'Trust over time') });
    await trust.getByText('No trust reading is shown yet.').waitFor();
    expect(await trust.textContent()).toContain('fewer than 3 answered');
    expect(await page.getByRole('img', { name: 'Trust index over time' }).count()).toBe(0);
    await expectAccessible(page, 'the recovery story (no readings yet)');
    await screenshotBoth(page, 'recovery-nothing-yet');
    await page.context().close();
  });
});
