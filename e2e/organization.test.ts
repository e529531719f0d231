import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOrganisation } from './support/api.js';
import { DESKTOP, expectAccessible, launchBrowser, screenshotBoth } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { signInAs, waitForHeading } from './support/ui.js';

const ADMIN = {
  organizationName: 'Outbox Co',
  name: 'Olu Admin',
  email: 'olu@example.org',
  password: 'a long enough password',
};

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  await setUpOrganisation(server.baseUrl, ADMIN);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the organisation page', () => {
  it('shows the settings and an empty outbox to an admin', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await signInAs(page, ADMIN.email, ADMIN.password);
    await waitForHeading(page, /Welcome/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisation' }).click();
    await waitForHeading(page, 'Organisation');
    expect(await page.getByLabel('Name').inputValue()).toBe(ADMIN.organizationName);
    expect(await page.getByText('No SMTP server is configured').count()).toBe(1);
    expect(await page.getByText('No email yet').count()).toBe(1);
  });

  it('refuses an anonymity threshold below 3 and saves a higher one', async () => {
    const field = page.getByLabel('Answers needed before anything is shown');
    await field.fill('2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByText('Saved.').count()).toBe(1);
    const org = await page.evaluate(async () => (await fetch('/api/v1/organization')).json());
    expect(org.anonymityThreshold).toBe(5);
    await expectAccessible(page, 'organisation');
    await screenshotBoth(page, 'organization');
  });

  it('gives a leader a secret calendar address that serves their commitments', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await waitForHeading(page, 'Your account');
    await page.getByRole('button', { name: 'Get a calendar address' }).click();
    const field = page.getByLabel('Calendar address', { exact: true });
    await expect.poll(() => field.count()).toBe(1);
    const url = await field.inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar\/cal_[A-Za-z0-9_-]{43}\.ics$/);
    const res = await fetch(url.replace(/^https?:\/\/[^/]+/, server.baseUrl));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    expect(await res.text()).toContain('BEGIN:VCALENDAR');
    await expectAccessible(page, 'account with calendar address');
    await screenshotBoth(page, 'account-calendar');
  });
});
