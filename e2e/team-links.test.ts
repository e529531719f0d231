import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from './support/api.js';
import { expectAccessible, launchBrowser, PHONE, screenshotBoth, screenshotPart } from './support/browser.js';
import { linksFromOutbox } from './support/outbox.js';
import { MEMBERS, seedCommittingRepair, signInLeader, TITLE } from './support/seed-repair.js';
import { type RunningServer, startServer } from './support/server.js';
import { waitForHeading } from './support/ui.js';

// The leader shares the team space from the repair page: links for everyone, then a new link or a revocation for
// one person. The leader is told to whom the links went, never the links: with no SMTP here, they wait in the
// admin's outbox, where the test reads them. Each member opens their link in a browser of their own.

const INVALID = 'This link is not valid or has been replaced; ask your leader for your current link.';
const MAX = MEMBERS[0]?.name ?? '';
const MIA = MEMBERS[1]?.name ?? '';
const NOOR = MEMBERS[2]?.name ?? '';

let server: RunningServer;
let browser: Browser;
let leader: Page;
let repairId = '';
let admin: Caller;
/** The link the seeding issued over the API, before the leader sends links from the page. */
let seededLink = '';
/** Max's links, as the admin read them from the outbox. */
let firstLink = '';
let secondLink = '';

const url = (path: string) => `${server.baseUrl}${path}`;
const panel = () =>
  leader.locator('section', { has: leader.getByRole('heading', { level: 2, name: /^Team space/ }) });
const notice = () => panel().getByRole('region', { name: 'Team-space links sent' });
const people = () => panel().locator('details');

/** A person's newest team-space link, read from the outbox as the admin who hands it out would. */
async function outboxLinkOf(email: string): Promise<string> {
  return (await linksFromOutbox(admin, 'team', [email])).get(email) ?? '';
}

/** What the page says when the link for one person waits in the outbox. */
const oneByHand = (name: string) =>
  `Email is not set up, so the link waits in the admin’s outbox (Organisation → Outbox) for Ada Admin to hand out to ${name}. Whoever hands it out could use it; set up SMTP so links go straight to each person. ${name}’s old team-space link no longer works.`;

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
  const seeded = await seedCommittingRepair(server);
  repairId = seeded.repairId;
  admin = seeded.admin;
  seededLink = seeded.links[0] ?? '';
  browser = await launchBrowser();
  leader = await signInLeader(browser, server.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('team-space links from the repair page', () => {
  it('sends links to everyone affected, says to whom and how, and a member opens theirs', async () => {
    await leader.goto(url(`/repairs/${repairId}`));
    await waitForHeading(leader, TITLE);
    await panel()
      .getByText(/never shows anyone’s answers or who said what/)
      .waitFor();
    await expectAccessible(leader, '/repairs/:id (team space)');

    await panel().getByRole('button', { name: 'Send team-space links…' }).click();
    const dialog = leader.getByRole('dialog', { name: 'Send team-space links to everyone affected?' });
    await dialog.getByText(/Each of the 3 people affected .* will be sent their own personal link/).waitFor();
    await dialog.getByText(/earlier links stop working/).waitFor();
    await confirmIn(dialog, 'Send the links');

    // The leader lands on a note that says where the links went; there is no link on the page.
    await notice()
      .getByText(
        `Email is not set up, so the links wait in the admin’s outbox (Organisation → Outbox) for Ada Admin to hand out to ${MAX}, ${MIA} and ${NOOR}. Whoever hands them out could use them; set up SMTP so links go straight to each person.`,
      )
      .waitFor();
    // The note takes focus a frame after the dialog closes.
    await expect
      .poll(() => leader.evaluate(() => document.activeElement?.textContent))
      .toBe('Team-space links sent');
    expect(await leader.content()).not.toContain('/team#');
    await expectAccessible(leader, '/repairs/:id (team-space links sent)');
    await screenshotBoth(leader, 'team-links-sent');
    await screenshotPart(leader, panel(), 'team-links-sent-panel');

    firstLink = await outboxLinkOf(MEMBERS[0]?.email ?? '');
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
    await dialog.getByText(/you never see it/).waitFor();
    await confirmIn(dialog, 'Make a new link');

    await panel().getByRole('status').getByText(oneByHand(MAX)).waitFor();
    await people()
      .getByRole('listitem')
      .filter({ hasText: MAX })
      .getByText(/^Working link since /)
      .waitFor();
    expect(await leader.content()).not.toContain('/team#');
    secondLink = await outboxLinkOf(MEMBERS[0]?.email ?? '');
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

  it('works from the keyboard: a new link, and Escape closes a dialog', async () => {
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

    await panel().getByRole('status').getByText(oneByHand(MIA)).waitFor();
    await expectTeamSpace(await outboxLinkOf(MEMBERS[1]?.email ?? ''));

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
