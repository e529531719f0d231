import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, launchBrowser, screenshotBoth } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { addPersonViaForm, signInAs, waitForHeading } from './support/ui.js';

// One organisation's first hour with Kintsugi, driven through the UI in order: each step builds on the last.

const ADMIN = {
  org: 'Acme Robotics',
  name: 'Ada Admin',
  email: 'ada@example.org',
  password: 'correct horse battery',
};
const NEW_PASSWORD = 'a brand new passphrase';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const url = (path: string) => `${server.baseUrl}${path}`;

const heading = (text: string | RegExp) => waitForHeading(page, text);
const signIn = (email: string, password: string) => signInAs(page, email, password);
const addPerson = (name: string, email: string, role: string, password = '') =>
  addPersonViaForm(page, name, email, role, password);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: DESKTOP });
  page = await context.newPage();
  // Fail fast: every step here takes well under a second against a local server.
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('first run', () => {
  it('sends a fresh install to set-up, and explains what is wrong with an incomplete form', async () => {
    await page.goto(url('/'));
    await page.waitForURL(url('/setup'));
    await heading('Welcome to Kintsugi');
    expect(await page.title()).toBe('Set up Kintsugi · Kintsugi');
    await expectAccessible(page, '/setup');
    await screenshotBoth(page, 'setup');

    await page.getByLabel('Organisation name').fill(ADMIN.org);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByText('Use at least 10 characters.').waitFor();
    const yourName = page.getByLabel('Your name');
    expect(await yourName.getAttribute('aria-invalid')).toBe('true');
    // The first invalid field takes focus, and its message is tied to it.
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    const describedBy = (await yourName.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('Enter your name.');
    await screenshotBoth(page, 'setup-errors');
  });

  it('creates the organisation and its admin, who lands signed in on the home page', async () => {
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Your email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Confirm password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.waitForURL(url('/'));
    await heading('Welcome, Ada');
    await page.getByText(ADMIN.org).first().waitFor();
    await page.getByText('No teams yet — create the first one.').waitFor();
    expect(await page.title()).toBe('Home · Kintsugi');
    await expectAccessible(page, '/ (home, empty)');
    await screenshotBoth(page, 'home-empty');
  });

  it('signs out, refuses a wrong password with a visible error, and signs in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(url('/login'));
    await heading('Sign in');
    await expectAccessible(page, '/login');
    await screenshotBoth(page, 'login');

    await signIn(ADMIN.email, 'not the right password');
    const alert = page.getByRole('alert').filter({ hasText: /\S/ });
    await alert.waitFor();
    expect((await alert.textContent())?.trim().length).toBeGreaterThan(5);
    await screenshotBoth(page, 'login-error');

    await signIn(ADMIN.email, ADMIN.password);
    await page.waitForURL(url('/'));
    await heading('Welcome, Ada');
  });

  it('adds people on the People page, including a leader with an account', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.waitForURL(url('/people'));
    await heading('People');

    await addPerson('Lena Leader', 'lena@example.org', 'Leader', 'leader password 1');
    await addPerson('Max Member', 'max@example.org', 'Team member');
    await addPerson('Mia Member', 'mia@example.org', 'Team member');
    await addPerson('Finn Facilitator', 'finn@example.org', 'Facilitator');

    const lena = page.getByRole('row', { name: /Lena Leader/ });
    expect(await lena.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['lena@example.org', 'Leader', 'Yes']),
    );

    // The API's refusal of a duplicate email is shown, not swallowed.
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Add a person' }) });
    await form.getByLabel('Name').fill('Max Again');
    await form.getByLabel('Email').fill('max@example.org');
    await form.getByRole('button', { name: 'Add person' }).click();
    await form.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
    await form.getByLabel('Name').fill('');
    await form.getByLabel('Email').fill('');
  });

  it('edits a person in a dialog and removes one only after confirming', async () => {
    await page.getByRole('button', { name: 'Edit Finn Facilitator' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Finn Facilitator' });
    await dialog.getByLabel('Name').fill('Finn Fischer');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: /Finn Fischer/ }).waitFor();

    await page.getByRole('button', { name: 'Remove Finn Fischer' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove Finn Fischer?' });
    await confirm.waitFor();
    await screenshotBoth(page, 'people-confirm-remove');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await page.getByRole('row', { name: /Finn Fischer/ }).count()).toBe(1);

    await page.getByRole('button', { name: 'Remove Finn Fischer' }).click();
    await confirm.getByRole('button', { name: 'Remove person' }).click();
    await page.getByRole('row', { name: /Finn Fischer/ }).waitFor({ state: 'detached' });
  });

  it('checks a CSV file, reports bad rows by line, then imports a good one', async () => {
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: 'Import from a CSV file' }),
    });
    const file = section.getByLabel('CSV file');

    await file.setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,email,team\nNoor Good,noor@example.org,Support\n,not-an-email,Support\n'),
    });
    await section.getByRole('button', { name: 'Check file' }).click();
    await section.getByRole('alert').getByText('Line 3:').waitFor();
    await screenshotBoth(page, 'people-import-errors');

    await file.setInputFiles({
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name,email,team\nNoor Nasser,noor@example.org,Support\nOli Ortiz,oli@example.org,Support\n',
      ),
    });
    await section.getByRole('button', { name: 'Check file' }).click();
    await section.getByText('The file looks good').waitFor();
    await section.getByRole('button', { name: 'Import', exact: true }).click();
    await section.getByText('Import complete').waitFor();
    await page.getByRole('row', { name: /Oli Ortiz/ }).waitFor();

    await expectAccessible(page, '/people');
    await screenshotBoth(page, 'people');
  });

  it('creates a team with a leader and members, and shows its members on the team page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
    await page.waitForURL(url('/teams'));
    await heading('Teams');
    // Navigating in-app moves focus to the new page's heading, for screen-reader users.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Create a team' }) });
    await form.getByLabel('Team name').fill('Platform');
    await form.getByLabel('Leader', { exact: true }).selectOption({ label: 'Lena Leader' });
    await form.getByRole('checkbox', { name: /Max Member/ }).check();
    await form.getByRole('checkbox', { name: /Mia Member/ }).check();
    await form.getByRole('button', { name: 'Create team' }).click();
    await form.getByRole('status').filter({ hasText: 'Team Platform was created.' }).waitFor();
    const row = page.getByRole('row', { name: /Platform/ });
    await row.getByRole('cell', { name: 'Lena Leader' }).waitFor();
    await expectAccessible(page, '/teams');
    await screenshotBoth(page, 'teams');

    await row.getByRole('link', { name: 'Platform' }).click();
    await heading('Platform');
    expect(page.url()).toMatch(/\/teams\/[0-9a-f-]{36}$/);
    const members = page.locator('.member-list');
    await members.getByText('Max Member', { exact: true }).waitFor();
    await members.getByText('Mia Member', { exact: true }).waitFor();
    expect(await page.title()).toBe('Platform · Kintsugi');
  });

  it('lets an admin add and remove members and rename the team', async () => {
    const add = page.locator('section', { has: page.getByRole('heading', { name: 'Add a member' }) });
    await add.getByLabel('Person').selectOption({ label: 'Oli Ortiz (oli@example.org)' });
    await add.getByRole('button', { name: 'Add to team' }).click();
    await page.locator('.member-list').getByText('Oli Ortiz', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Remove Mia Member from the team' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove Mia Member from Platform?' });
    await confirm.getByRole('button', { name: 'Remove from team' }).click();
    await page
      .locator('.member-list')
      .getByText('Mia Member', { exact: true })
      .waitFor({ state: 'detached' });

    const settings = page.locator('section', { has: page.getByRole('heading', { name: 'Team settings' }) });
    await settings.getByLabel('Team name').fill('Platform Engineering');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await heading('Platform Engineering');
    await expectAccessible(page, '/teams/:id');
    await screenshotBoth(page, 'team');
  });

  it('deletes a team after confirmation and returns to the team list', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('link', { name: 'Support' }).click();
    await heading('Support');
    await page.getByRole('button', { name: 'Delete team' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Support?' });
    await confirm.getByRole('button', { name: 'Delete team' }).click();
    await page.waitForURL(url('/teams'));
    await page.getByRole('link', { name: 'Platform Engineering' }).waitFor();
    expect(await page.getByRole('link', { name: 'Support' }).count()).toBe(0);
  });

  it('shows the teams on the home page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await heading('Welcome, Ada');
    await page.getByRole('link', { name: 'Platform Engineering' }).waitFor();
    await expectAccessible(page, '/ (home)');
    await screenshotBoth(page, 'home');
  });

  it('changes the password on the account page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await heading('Your account');
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Change password' }) });

    await form.getByLabel('Current password').fill('this is not it');
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
    expect(await form.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Current password').fill(ADMIN.password);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('status').filter({ hasText: 'Your password has been changed.' }).waitFor();
  });

  it('creates an API token, shows its secret once, and revokes it after confirmation', async () => {
    const tokens = page.locator('section', {
      has: page.getByRole('heading', { name: 'Personal API tokens' }),
    });
    await tokens.getByText('You have no API tokens.').waitFor();
    await tokens.getByLabel('New token name').fill('Reporting script');
    await tokens.getByRole('button', { name: 'Create token' }).click();

    const secret = tokens.getByLabel('Token secret');
    await secret.waitFor();
    const value = await secret.inputValue();
    expect(value.length).toBeGreaterThan(20);
    await tokens.getByText('it will not be shown again').waitFor();
    await tokens.locator('.token-list strong', { hasText: 'Reporting script' }).waitFor();
    await expectAccessible(page, '/account');
    await screenshotBoth(page, 'account-token-secret');

    await tokens.getByRole('button', { name: 'I have copied it' }).click();
    expect(await tokens.getByLabel('Token secret').count()).toBe(0);
    expect(await page.content()).not.toContain(value);
    await screenshotBoth(page, 'account');

    await tokens.getByRole('button', { name: 'Revoke Reporting script' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke “Reporting script”?' });
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await tokens.getByText('You have no API tokens.').waitFor();
  });

  it('signs in with the new password', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(url('/login'));
    await signIn(ADMIN.email, NEW_PASSWORD);
    await page.waitForURL(url('/'));
    await heading('Welcome, Ada');
  });

  it('shows a not-found page for unknown paths', async () => {
    await page.goto(url('/no/such/page'));
    await heading('Page not found');
    expect(await page.title()).toBe('Page not found · Kintsugi');
    await expectAccessible(page, 'not-found');
    await screenshotBoth(page, 'not-found');
  });

  it('lets a leader sign in and see their team, without the admin-only People link', async () => {
    const leaderContext = await browser.newContext({ viewport: DESKTOP });
    const leaderPage = await leaderContext.newPage();
    try {
      await leaderPage.goto(url('/teams'));
      await leaderPage.waitForURL(/\/login\?next=%2Fteams$/);
      await leaderPage.getByLabel('Email').fill('lena@example.org');
      await leaderPage.getByLabel('Password', { exact: true }).fill('leader password 1');
      await leaderPage.getByRole('button', { name: 'Sign in' }).click();
      await leaderPage.waitForURL(url('/teams'));
      await leaderPage.getByRole('link', { name: 'Platform Engineering' }).waitFor();
      const nav = leaderPage.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'People' }).count()).toBe(0);
      expect(await leaderPage.getByRole('heading', { name: 'Create a team' }).count()).toBe(0);
    } finally {
      await leaderContext.close();
    }
  });
});
