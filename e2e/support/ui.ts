import type { Browser, Page } from 'playwright-core';
import { DESKTOP } from './browser.js';

// Small UI steps shared by the end-to-end tests, written the way a person would do them.

export async function waitForHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
}

export async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * A desktop browser context of its own, signed in through the form and landed on `landing` (a heading). With
 * `permissions` (e.g. the clipboard), the context grants them for the app's address.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  account: { email: string; password: string },
  landing: string | RegExp,
  permissions: string[] = [],
): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP });
  if (permissions.length > 0) await context.grantPermissions(permissions, { origin: baseUrl });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${baseUrl}/login`);
  await signInAs(page, account.email, account.password);
  await waitForHeading(page, landing);
  return page;
}

/** Adds a person with the People page's form and waits until they appear in the table. */
export async function addPersonViaForm(
  page: Page,
  name: string,
  email: string,
  role: string,
  password = '',
): Promise<void> {
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Add a person' }) });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption({ label: role });
  if (password) await form.getByLabel('Password (optional)').fill(password);
  await form.getByRole('button', { name: 'Add person' }).click();
  await form
    .getByRole('status')
    .filter({ hasText: `${name} was added` })
    .waitFor();
  await page.getByRole('row', { name: new RegExp(name) }).waitFor();
}
