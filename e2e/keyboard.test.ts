import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

const ADMIN = {
  organizationName: 'Keyboard Co',
  name: 'Kim Keys',
  email: 'kim@example.org',
  password: 'typing all the way',
};

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  const response = await fetch(`${server.baseUrl}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (response.status !== 201) throw new Error(`set-up failed: ${response.status} ${await response.text()}`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Presses Tab until the focused element matches, so the test does not hard-code the tab order. */
async function tabTo(page: Page, target: string, matches: () => boolean, maxPresses = 15): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches)) return;
  }
  throw new Error(`Could not reach ${target} with Tab in ${maxPresses} presses.`);
}

describe('keyboard only', () => {
  it('offers a skip link first, signs in with Tab, typing and Enter, and moves focus on navigation', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await page.goto(`${server.baseUrl}/login`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');

      await tabTo(
        page,
        'the email field',
        () => document.activeElement?.getAttribute('autocomplete') === 'username',
      );
      await page.keyboard.type(ADMIN.email);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
      await page.keyboard.type(ADMIN.password);
      await page.keyboard.press('Enter');

      await page.waitForURL(`${server.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Welcome, Kim' }).waitFor();
      // After signing in, focus is on the home page's heading rather than lost with the vanished form.
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

      // Reach the Teams link by keyboard, follow it with Enter: focus lands on the new page's heading.
      await tabTo(page, 'the Teams link', () => document.activeElement?.textContent === 'Teams');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.baseUrl}/teams`);
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Teams');
    } finally {
      await context.close();
    }
  });
});
