import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOrganisation } from './support/api.js';
import { DESKTOP, expectAccessible, launchBrowser, screenshotBoth } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { signInAs, waitForHeading } from './support/ui.js';

const ADMIN = {
  organizationName: 'Coach Co',
  name: 'Cora Coach',
  email: 'cora@example.org',
  password: 'a long enough password',
};
const ACCEPTANCE =
  'I’m sorry if anyone was upset, but the decision was the right one and it was only a small change';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  await setUpOrganisation(server.baseUrl, ADMIN);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: DESKTOP });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the coach page', () => {
  it('is reachable from the navigation', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await signInAs(page, ADMIN.email, ADMIN.password);
    await waitForHeading(page, /Welcome/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coach' }).click();
    await waitForHeading(page, 'Coach');
    expect(await page.title()).toBe('Coach · Kintsugi');
  });

  it('marks the three defensive moves as the leader types, in words as well as colour', async () => {
    const field = page.getByLabel('Your draft');
    await field.click();
    await page.keyboard.type(ACCEPTANCE, { delay: 2 });
    const count = page.locator('.coach-feedback__count');
    await expect.poll(() => count.textContent()).toBe('3 defensive moves, 0 repair moves.');
    expect(await count.getAttribute('aria-live')).toBe('polite');
    const findings = page.locator('.coach-findings > li');
    const texts = await findings.allTextContents();
    expect(texts.some((t) => t.includes('Defensive: Conditional apology'))).toBe(true);
    expect(texts.some((t) => t.includes('Defensive: Relitigating'))).toBe(true);
    expect(texts.some((t) => t.includes('Defensive: Minimising'))).toBe(true);
    expect(texts.every((t) => t.includes('Try instead:'))).toBe(true);
    expect(await page.locator('.coach-editor__backdrop mark.coach-mark--defensive').count()).toBe(3);
    expect(await page.locator('.coach-steps li').count()).toBeGreaterThanOrEqual(2);
  });

  it('recognises repair moves too, and is accessible', async () => {
    const field = page.getByLabel('Your draft');
    await field.press('End');
    await page.keyboard.type(
      '. I made that call without asking you. What did you need that you didn’t get?',
      { delay: 1 },
    );
    await expect
      .poll(() => page.locator('.coach-feedback__count').textContent())
      .toBe('3 defensive moves, 2 repair moves.');
    await page.getByLabel(/kind of breach/).selectOption('voice');
    await expectAccessible(page, '/coach');
    await screenshotBoth(page, 'coach');
  });
});
