import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOrganisation } from './support/api.js';
import { DESKTOP, expectAccessible, launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { signInAs, waitForHeading } from './support/ui.js';

const ADMIN = {
  organizationName: 'Many People Co',
  name: 'Aaron Admin',
  email: 'aaron@example.org',
  password: 'a long enough password',
};
const PEOPLE = 60;

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  const admin = await setUpOrganisation(server.baseUrl, ADMIN);
  for (let i = 0; i < PEOPLE; i++) {
    const n = String(i).padStart(2, '0');
    await admin('POST', '/api/v1/people', { name: `Person ${n}`, email: `person${n}@example.org` });
  }
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const rows = () => page.locator('table tbody tr');

describe('the People page of a larger organisation', () => {
  it('shows the first page and the rest with Show more, from the keyboard', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await signInAs(page, ADMIN.email, ADMIN.password);
    await waitForHeading(page, /Welcome/);
    await page.goto(`${server.baseUrl}/people`);
    await waitForHeading(page, 'People');
    await expect.poll(() => rows().count()).toBe(50);
    await page.getByText('Showing the first 50, in name order.').waitFor();

    const more = page.getByRole('button', { name: 'Show more' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows().count()).toBe(PEOPLE + 1);
    await page.getByText(`Showing all ${PEOPLE + 1}.`).waitFor();
    expect(await more.count()).toBe(0);
    await expectAccessible(page, 'people, every page');
  });

  it('finds people by part of their name or email, and shows everyone again', async () => {
    await page.getByLabel('Find people').fill('person4');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'People matching “person4”' }).waitFor();
    await expect.poll(() => rows().count()).toBe(10);
    await page.getByLabel('Find people').fill('nobody-here');
    await page.keyboard.press('Enter');
    await page.getByText(/^No one.s name or email contains “nobody-here”\.$/).waitFor();
    await page.getByRole('button', { name: 'Show everyone' }).click();
    await expect.poll(() => rows().count()).toBe(50);
  });
});
