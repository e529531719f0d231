import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backdateCommitments, justBeforeToday } from './support/backdate.js';
import { expectAccessible, launchBrowser, screenshotBoth } from './support/browser.js';
import { ASKED, HEARD, seedThemedRound, signInLeader, TITLE } from './support/seed-repair.js';
import { type RunningServer, startServer } from './support/server.js';
import { waitForHeading } from './support/ui.js';

// A leader whose listening round is done responds to the team, answers each theme with a commitment or a
// reason, moves to demonstrating and records an occurrence. Everything before that is set up over the API.

const MESSAGE =
  'I announced the cancellation of your projects at the all-hands without asking any of you first. ' +
  'You learned it from a slide, in public, and I understand that it felt like your work did not count. ' +
  'That was my decision and my mistake. From now on I will share the draft roadmap with the team every Monday before anything is decided.';

let server: RunningServer;
let browser: Browser;
let leader: Page;
let repairId = '';

const url = (path: string) => `${server.baseUrl}${path}`;

const section = (heading: RegExp) =>
  leader.locator('section', { has: leader.getByRole('heading', { name: heading, level: 2 }) });

beforeAll(async () => {
  server = await startServer();
  // Organisation, team, a repair whose round has three answers and is closed, and two themes.
  repairId = (await seedThemedRound(server.baseUrl)).repairId;
  browser = await launchBrowser();
  leader = await signInLeader(browser, server.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('respond, commit, demonstrate', () => {
  it('publishes a response to the team, with the coach reading the draft', async () => {
    await leader.goto(url(`/repairs/${repairId}`));
    await waitForHeading(leader, TITLE);
    const respond = section(/^Respond/);
    await respond.getByText('No message published yet.').waitFor();
    await respond.getByLabel('Your message to the team').fill(MESSAGE);
    await respond.getByRole('region', { name: 'Coach' }).waitFor();
    await respond
      .getByText(/repair moves?\./)
      .first()
      .waitFor();
    await expectAccessible(leader, '/repairs/:id (respond draft)');
    await screenshotBoth(leader, 'commit-respond-draft');

    await respond.getByRole('button', { name: 'Publish to the team…' }).click();
    const dialog = leader.getByRole('dialog', { name: 'Publish this message to the team?' });
    await dialog.getByText('The team will see this; it cannot be edited.').waitFor();
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await respond.getByText('Your message is published.').waitFor();
    await respond
      .locator('.message')
      .getByText(/I announced the cancellation/)
      .waitFor();
    await leader.locator('[aria-current="step"]').getByText('Commit').waitFor();
  });

  it('refuses to move on while a theme is unanswered, then takes a reason and a weekly commitment', async () => {
    const demonstrate = section(/^Demonstrate/);
    const move = demonstrate.getByRole('button', { name: 'Move to demonstrating' });
    await move.waitFor();
    expect(await move.isDisabled()).toBe(true);
    await demonstrate.getByText(/Still unanswered: .*Being asked first/).waitFor();

    const commit = section(/^Commit/);
    await commit.getByText('Not answered yet').first().waitFor();
    await commit.getByRole('button', { name: `Give a reason instead for ${HEARD}` }).click();
    await commit
      .getByLabel(`Why no commitment answers “${HEARD}”`)
      .fill('The all-hands format stays; Being asked first covers hearing it from me before any slide.');
    await commit.getByRole('button', { name: 'Save the reason' }).click();
    await commit.getByText('Reason given').waitFor();

    const action = commit.getByLabel('What you will do');
    await action.fill('I will try to communicate better.');
    await commit.getByText('Marked as vague until rewritten.').waitFor();
    await expectAccessible(leader, '/repairs/:id (commit, vague)');
    await screenshotBoth(leader, 'commit-form-vague');

    await action.fill(
      'I will share the draft roadmap with the team in our Monday meeting every week, before anything is decided.',
    );
    await commit.getByText(/specific and observable/).waitFor();
    await commit
      .getByLabel('How the team will see it')
      .fill('The draft is in the #platform channel and on the Monday meeting agenda.');
    await commit.getByRole('radio', { name: 'Every week, on chosen days' }).check();
    // Every day at midnight: once made to have been made just before today, today's occurrence is due.
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
      await commit.getByRole('checkbox', { name: day, exact: true }).check();
    await commit.getByLabel('Time of day').fill('00:00');
    await commit.getByText(/The team will read:/).waitFor();
    await commit.getByRole('checkbox', { name: ASKED }).check();
    await commit.getByRole('button', { name: 'Commit', exact: true }).click();
    await commit
      .locator('.commitment')
      .getByRole('heading', { name: /share the draft roadmap/ })
      .waitFor();
    await commit.getByText('Answered by a commitment').waitFor();
    await commit.getByText('2 of 2 themes are answered', { exact: false }).waitFor();
    await expect.poll(() => move.isDisabled()).toBe(false);
    await expectAccessible(leader, '/repairs/:id (committed)');
    await screenshotBoth(leader, 'commit-committed');
  });

  it('moves to demonstrating and records an occurrence as kept', async () => {
    // A record starts when its commitment is made: as if it had been made just before midnight.
    backdateCommitments(server.dataDir, repairId, justBeforeToday());
    await leader.reload();
    await waitForHeading(leader, TITLE);
    const demonstrate = section(/^Demonstrate/);
    await demonstrate.getByRole('button', { name: 'Move to demonstrating' }).click();
    await leader.locator('[aria-current="step"]').getByText('Demonstrate').waitFor();
    const ledger = demonstrate.locator('.ledger__item').first();
    await ledger
      .getByText('0 of 0')
      .or(ledger.getByText(/0 of 1/))
      .first()
      .waitFor();
    await expectAccessible(leader, '/repairs/:id (demonstrating)');
    await screenshotBoth(leader, 'commit-demonstrating');

    // "On this page" jumps to a section by keyboard, and focus lands on its heading.
    const contents = leader.getByRole('navigation', { name: 'On this page' });
    const jump = contents.getByRole('link', { name: /^Demonstrate/ });
    await jump.focus();
    await leader.keyboard.press('Enter');
    await expect
      .poll(() => leader.evaluate(() => document.activeElement?.textContent ?? ''))
      .toMatch(/^Demonstrate/);

    // Today's occurrence (every day at midnight) is due and waiting to be recorded.
    await ledger.getByText('Due — not recorded yet').waitFor();
    await ledger
      .getByRole('button', { name: /^Record for/ })
      .first()
      .click();
    await ledger
      .getByLabel('What you did')
      .fill('Shared the draft roadmap in the Monday meeting; notes in #platform.');
    await ledger.getByLabel('Link (optional)').fill('https://example.org/notes/1');
    await ledger.getByRole('button', { name: 'Record as kept' }).click();
    await ledger.locator('.record__figures').getByText('1 of 1').waitFor();
    await demonstrate.locator('.record__figures').first().getByText('1 of 1').waitFor();
    await ledger.getByText('Shared the draft roadmap in the Monday meeting', { exact: false }).waitFor();

    // A miss is owned with the coach reading it: open the form to show it, without recording.
    const missed = ledger.getByRole('button', { name: /^Record( early)? for/ }).first();
    if (await missed.count()) {
      await missed.click();
      await ledger.getByRole('radio', { name: 'Missed' }).check();
      await ledger.getByLabel('Own it, in one or two sentences').fill('I missed it because I was busy.');
      await ledger.getByRole('region', { name: 'Coach' }).waitFor();
    }
    await expectAccessible(leader, '/repairs/:id (recorded)');
    await screenshotBoth(leader, 'commit-recorded');
  });

  it('logs an event commitment as it happens, and retires a commitment for a replacement', async () => {
    const commit = section(/^Commit/);
    await commit.getByText('Make another commitment').click();
    await commit
      .getByLabel('What you will do')
      .fill('I will ask each of you in our team channel before any decision that changes your project.');
    await commit
      .getByLabel('How the team will see it')
      .fill('The question is posted in #platform, with the decision after.');
    await commit.getByRole('radio', { name: 'Each time something happens' }).check();
    await commit.getByLabel('The event').fill('before any decision that changes someone’s project');
    await commit.getByText('each time: before any decision').waitFor();
    await commit.getByRole('checkbox', { name: HEARD }).check();
    await commit.getByRole('button', { name: 'Commit', exact: true }).click();
    const demonstrate = section(/^Demonstrate/);
    const event = demonstrate.locator('.ledger__item', { hasText: 'ask each of you in our team channel' });
    await event.getByRole('button', { name: /^Log it now/ }).click();
    await event.getByLabel('What you did').fill('Asked in #platform before moving Noor’s project.');
    await event.getByRole('button', { name: 'Record as kept' }).click();
    await event.getByText('Asked in #platform before moving Noor’s project.').waitFor();

    const weekly = commit.locator('.commitment', { hasText: 'share the draft roadmap' });
    await weekly.getByRole('button', { name: /^Retire/ }).click();
    const dialog = leader.getByRole('dialog', { name: 'Retire this commitment?' });
    await dialog
      .getByLabel('Why you are retiring it')
      .fill('Every day was too often to be useful; weekly is enough.');
    await dialog.getByRole('button', { name: 'Retire and write a replacement' }).click();
    await commit.getByText(/Replacing the retired commitment/).waitFor();
    await commit.getByText('Retired', { exact: true }).waitFor();
    await expect
      .poll(() => commit.getByLabel('What you will do').inputValue())
      .toMatch(/share the draft roadmap/);
    await commit.getByRole('checkbox', { name: 'Tuesday', exact: true }).uncheck();
    await commit.getByRole('button', { name: 'Commit to the replacement' }).click();
    await commit.getByText(/^Replaces “I will share the draft roadmap/).waitFor();
    await expectAccessible(leader, '/repairs/:id (retired and replaced)');
    await screenshotBoth(leader, 'commit-retired');
  });
});
