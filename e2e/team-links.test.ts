import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, PHONE, screenshotBoth } from './support/browser.js';
import { MEMBERS, seedCommittingRepair, signInLeader, TITLE } from './support/seed-repair.js';
import { type RunningServer, startServer } from './support/server.js';
import { waitForHeading } from './support/ui.js';

// The leader shares the team space from the repair page: links for everyone (emailed and shown once), then a
// new link or a revocation for one person. Each member opens their link in a browser of their own.

const INVALID = 'This link is not valid or has been replaced; ask your leader for your current link.';
const MAX = MEMBERS[0]?.name ?? '';
const MIA = MEMBERS[1]?.name ?? '';
const NOOR = MEMBERS[2]?.name ?? '';

let server: RunningServer;
let browser: Browser;
let leader: Page;
let repairId = '';
/** The link the seeding issued over the API, before the leader sends links from the page. */
let seededLink = '';
/** Max's links, as the leader copied them. */
let firstLink = '';
let secondLink = '';

const url = (path: string) => `${server.baseUrl}${path}`;
const panel = () =>
  leader.locator('section', { has: leader.getByRole('heading', { level: 2, name: /^Team space/ }) });
const linksBox = () => panel().getByRole('region', { name: 'Team-space links to copy now' });
const people = () => panel().locator('details');

/** Clicks a person's copy button and returns what landed on the clipboard. */
async function copyLinkOf(name: string): Promise<string> {
  const row = linksBox().getByRole('listitem').filter({ hasText: name });
  await row.getByRole('button', { name: `Copy the link for ${name}` }).click();
  await row.getByRole('status').getByText('Copied.').waitFor();
  const copied = await leader.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await row.getByRole('textbox').inputValue());
  return copied;
}

/** Opens a link the way a team member would: a browser context of their own, no account. */
async function openAsMember(link: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(link);
  return page;
}

async function expectTeamSpace(link: string): Promise<void> {
  const page = await openAsMember(link);
  await waitForHeading(page, TITLE);
  await page.getByRole('heading', { level: 2, name: 'What Lena Leader wrote' }).waitFor();
  await page.context().close();
}

async function expectNoLongerValid(link: string): Promise<void> {
  const page = await openAsMember(link);
  await waitForHeading(page, 'This link does not open');
  await page.getByRole('alert').getByText(INVALID).waitFor();
  await page.context().close();
}

async function confirmIn(dialog: Locator, button: string): Promise<void> {
  await dialog.waitFor();
  // The safe choice has focus when the dialog opens.
  expect(await leader.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  server = await startServer();
  const seeded = await seedCommittingRepair(server.baseUrl);
  repairId = seeded.repairId;
  seededLink = seeded.links[0] ?? '';
  browser = await launchBrowser();
  leader = await signInLeader(browser, server.baseUrl, ['clipboard-read', 'clipboard-write']);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('team-space links from the repair page', () => {
  it('sends links to everyone affected, shows them once, and a member opens the copied one', async () => {
    await leader.goto(url(`/repairs/${repairId}`));
    await waitForHeading(leader, TITLE);
    await panel()
      .getByText(/never shows anyone’s answers or who said what/)
      .waitFor();
    await expectAccessible(leader, '/repairs/:id (team space)');

    await panel().getByRole('button', { name: 'Send team-space links…' }).click();
    const dialog = leader.getByRole('dialog', { name: 'Send team-space links to everyone affected?' });
    await dialog
      .getByText(/Each of the 3 people affected .* will get an email with their own personal link/)
      .waitFor();
    await dialog.getByText(/earlier links stop working/).waitFor();
    await confirmIn(dialog, 'Send the links');

    await panel()
      .getByRole('status')
      .getByText(`Team-space links sent: ${MAX}, ${MIA} and ${NOOR} each got an email with their own link.`)
      .waitFor();
    // The leader lands on the links, which are shown only this once.
    expect(await leader.evaluate(() => document.activeElement?.textContent)).toBe(
      'Team-space links to copy now',
    );
    await expect(linksBox().getByRole('listitem').count()).resolves.toBe(3);
    await expectAccessible(leader, '/repairs/:id (team-space links shown)');
    await screenshotBoth(leader, 'team-links-sent');

    firstLink = await copyLinkOf(MAX);
    expect(firstLink).toMatch(/\/team#[A-Za-z0-9_-]{40,}$/);
    await expectTeamSpace(firstLink);
    // Sending again replaced the links the seeding had issued.
    await expectNoLongerValid(seededLink);
  });

  it('makes a new link for one person: the old one no longer opens, the new one does', async () => {
    await people().locator('summary').click();
    await people()
      .getByRole('button', { name: `New link for ${MAX}` })
      .click();
    const dialog = leader.getByRole('dialog', { name: `Make a new team-space link for ${MAX}?` });
    await dialog.getByText(/Their current link stops working at once/).waitFor();
    await dialog.getByText(/The new link is emailed to them/).waitFor();
    await confirmIn(dialog, 'Make a new link');

    await panel()
      .getByRole('status')
      .getByText(`A new link for ${MAX} was emailed to them and is ready to copy here.`, { exact: false })
      .waitFor();
    await people()
      .getByRole('listitem')
      .filter({ hasText: MAX })
      .getByText(/^Working link since /)
      .waitFor();
    secondLink = await copyLinkOf(MAX);
    expect(secondLink).not.toBe(firstLink);

    await expectNoLongerValid(firstLink);
    await expectTeamSpace(secondLink);
  });

  it('revokes a link, and explains why a second revocation is refused', async () => {
    await people()
      .getByRole('button', { name: `Revoke ${MAX}’s link` })
      .click();
    const dialog = leader.getByRole('dialog', { name: `Revoke ${MAX}’s team-space link?` });
    await dialog.getByText(/Their link stops working at once/).waitFor();
    await confirmIn(dialog, 'Revoke the link');

    await panel().getByRole('status').getByText(`${MAX}’s team-space link no longer works.`).waitFor();
    await people().getByRole('listitem').filter({ hasText: MAX }).getByText('Link revoked').waitFor();
    // A revoked link does not stay on screen looking usable.
    await expect(linksBox().getByRole('listitem').filter({ hasText: MAX }).count()).resolves.toBe(0);
    await expectNoLongerValid(secondLink);

    // The API's reason shows in the dialog, which stays open until the leader cancels.
    await people()
      .getByRole('button', { name: `Revoke ${MAX}’s link` })
      .click();
    await dialog.getByRole('button', { name: 'Revoke the link' }).click();
    await dialog
      .getByRole('alert')
      .getByText('This person has no active team-space link for this repair.')
      .waitFor();
    await expectAccessible(leader, '/repairs/:id (revoke refused)');
    await leader.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('works from the keyboard: a new link, then copying it', async () => {
    const newLink = people().getByRole('button', { name: `New link for ${MIA}` });
    await newLink.focus();
    await leader.keyboard.press('Enter');
    const dialog = leader.getByRole('dialog', { name: `Make a new team-space link for ${MIA}?` });
    await dialog.waitFor();
    expect(await leader.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await leader.keyboard.press('Shift+Tab');
    expect(await leader.evaluate(() => document.activeElement?.textContent)).toBe('Make a new link');
    await leader.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    // Focus lands on the links; the newest comes first: its field, then its copy button.
    await linksBox().getByRole('listitem').first().getByText(MIA, { exact: true }).waitFor();
    expect(await leader.evaluate(() => document.activeElement?.textContent)).toBe(
      'Team-space links to copy now',
    );
    await leader.keyboard.press('Tab');
    expect(await leader.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Personal link for ${MIA}`,
    );
    await leader.keyboard.press('Tab');
    await leader.keyboard.press('Enter');
    const row = linksBox().getByRole('listitem').filter({ hasText: MIA });
    await row.getByRole('status').getByText('Copied.').waitFor();
    await expectTeamSpace(await leader.evaluate(() => navigator.clipboard.readText()));

    // Escape closes a dialog without acting.
    await people()
      .getByRole('button', { name: `Revoke ${MIA}’s link` })
      .focus();
    await leader.keyboard.press('Enter');
    const revoke = leader.getByRole('dialog', { name: `Revoke ${MIA}’s team-space link?` });
    await revoke.waitFor();
    await leader.keyboard.press('Escape');
    await revoke.waitFor({ state: 'hidden' });
    await people()
      .getByRole('listitem')
      .filter({ hasText: MIA })
      .getByText(/^Working link since /)
      .waitFor();
  });
});
