import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, launchBrowser, PHONE, screenshotBoth } from './support/browser.js';
import { LEADER, MEMBERS, seedOrganisation, TITLE } from './support/seed-repair.js';
import { type RunningServer, startServer } from './support/server.js';
import { signInAs, waitForHeading } from './support/ui.js';

// A leader opens a repair, forecasts, and listens; three people answer anonymously from their own
// browsers; the answers appear only after the third; a follow-up question round-trips anonymously.

const FIRST_ANSWER =
  'I found out from the all-hands slide that my project was cancelled. It felt like my work did not count.';

let server: RunningServer;
let browser: Browser;
let leaderContext: BrowserContext;
let leader: Page;
const memberContexts: BrowserContext[] = [];
const links = new Map<string, string>();

const url = (path: string) => `${server.baseUrl}${path}`;

async function memberPage(name: string, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport });
  memberContexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const link = links.get(name);
  if (!link) throw new Error(`No link for ${name}`);
  await page.goto(link);
  return page;
}

async function answerAs(
  name: string,
  answers: string[],
  options: { screenshot?: boolean } = {},
): Promise<Page> {
  const page = await memberPage(name);
  await waitForHeading(page, TITLE);
  await page.getByText('What Lena Leader will and will not see').waitFor();
  const fields = page.getByRole('textbox');
  // The form appears once the anonymous token is in hand.
  await page.getByRole('button', { name: 'Send my answers anonymously' }).waitFor();
  if (options.screenshot) {
    await expectAccessible(page, '/answer');
    await screenshotBoth(page, 'answer-form');
  }
  for (const [i, text] of answers.entries()) await fields.nth(i).fill(text);
  await page.getByRole('button', { name: 'Send my answers anonymously' }).click();
  await waitForHeading(page, 'Thank you');
  await page.getByRole('heading', { name: 'Your reply key' }).waitFor();
  return page;
}

beforeAll(async () => {
  server = await startServer();
  await seedOrganisation(server.baseUrl);
  browser = await launchBrowser();
  leaderContext = await browser.newContext({ viewport: DESKTOP });
  leader = await leaderContext.newPage();
  leader.setDefaultTimeout(15_000);
});

afterAll(async () => {
  for (const context of memberContexts) await context.close();
  await browser?.close();
  await server?.stop();
});

describe('listening', () => {
  it('shows a leader an empty list of repairs that explains what a repair is', async () => {
    await leader.goto(url('/login'));
    await signInAs(leader, LEADER.email, LEADER.password);
    await waitForHeading(leader, 'Welcome, Lena');
    await leader.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Repairs' }).click();
    await waitForHeading(leader, 'Repairs');
    await leader.getByText('No repairs yet.').waitFor();
    await expectAccessible(leader, '/repairs (empty)');
    await screenshotBoth(leader, 'repair-list-empty');
  });

  it('opens a repair, explaining what is missing first', async () => {
    await leader.getByRole('link', { name: 'Open a repair' }).click();
    await waitForHeading(leader, 'Open a repair');
    await leader.getByRole('button', { name: 'Open the repair' }).click();
    await leader.getByText('Give the repair a short title.').waitFor();
    await leader.getByText('Choose at least one kind of breach.').waitFor();
    await expectAccessible(leader, '/repairs/new (errors)');
    await screenshotBoth(leader, 'repair-new-errors');

    await leader.getByLabel('Title').fill(TITLE);
    await leader
      .getByLabel('What happened')
      .fill(
        'On 4 March I announced at the all-hands that two projects were cancelled. Nobody on the team was asked beforehand.',
      );
    await leader.getByRole('checkbox', { name: /^Voice/ }).check();
    await leader.getByRole('checkbox', { name: /^Care/ }).check();
    await leader.getByRole('button', { name: 'Open the repair' }).click();
    await waitForHeading(leader, TITLE);
    expect(leader.url()).toMatch(/\/repairs\/[0-9a-f-]{36}$/);
    await leader.locator('[aria-current="step"]').getByText('Open').waitFor();
  });

  it('rewords the questions, refuses to send without a forecast, then sends the round', async () => {
    const third = leader.getByLabel('Question 3');
    await third.fill('What would restored trust look like, from where you stand?');
    await leader.getByRole('button', { name: 'Move up question 3' }).click();
    await leader.getByRole('button', { name: 'Move down question 2' }).click();
    await leader.getByRole('button', { name: 'Save questions' }).click();
    await leader.getByText('Questions saved.').waitFor();

    await leader.getByRole('button', { name: 'Send the listening round' }).click();
    await leader.getByText('Write a forecast for every question before sending the round.').waitFor();
    await expectAccessible(leader, '/repairs/:id (draft)');
    await screenshotBoth(leader, 'repair-draft');

    const prompts = [
      'They were surprised but understand the reasons.',
      'More context earlier.',
      'A heads-up next time.',
    ];
    const forecastFields = leader
      .locator('section', { has: leader.getByRole('heading', { name: '2. Your forecast' }) })
      .getByRole('textbox');
    expect(await forecastFields.count()).toBe(3);
    for (const [i, text] of prompts.entries()) await forecastFields.nth(i).fill(text);
    await leader.getByRole('button', { name: 'Send the listening round' }).click();
    const confirm = leader.getByRole('dialog', { name: 'Send the listening round?' });
    await confirm.getByText('Your forecast locks now').waitFor();
    await screenshotBoth(leader, 'repair-confirm-send');
    await confirm.getByRole('button', { name: 'Send the round' }).click();

    const panel = leader.locator('section', { has: leader.getByRole('heading', { name: /personal links/ }) });
    await panel.getByText('These links are shown only once.').waitFor();
    for (const m of MEMBERS) {
      const value = await panel.getByRole('textbox', { name: `Personal link for ${m.name}` }).inputValue();
      expect(value).toMatch(/\/answer#[A-Za-z0-9_-]{40,}$/);
      links.set(m.name, value);
    }
    expect(links.size).toBe(3);
    await leader.locator('[aria-current="step"]').getByText('Listen').waitFor();
    await expectAccessible(leader, '/repairs/:id (links)');
    await screenshotBoth(leader, 'repair-links');
  });

  it('takes two answers but shows the leader only that fewer than 3 answered', async () => {
    await answerAs(
      MEMBERS[0]?.name ?? '',
      [FIRST_ANSWER, 'To be asked about the roadmap before the decision.'],
      {
        screenshot: true,
      },
    );
    const second = await answerAs(MEMBERS[1]?.name ?? '', [
      'Blindsided in front of everyone.',
      'Being asked about our roadmap first.',
    ]);
    await expectAccessible(second, '/answer (thanks)');
    await screenshotBoth(second, 'answer-thanks');

    await leader.reload();
    await waitForHeading(leader, TITLE);
    await leader.getByText('Fewer than 3 people have answered yet.').first().waitFor();
    expect(await leader.getByText(FIRST_ANSWER).count()).toBe(0);
    expect(await leader.getByText(/\b2 of 3\b/).count()).toBe(0);
    await expectAccessible(leader, '/repairs/:id (listening)');
    await screenshotBoth(leader, 'repair-listening');
  });

  it('shows the answers beside the forecast after the third, with the perspective gap', async () => {
    await answerAs(MEMBERS[2]?.name ?? '', [
      'Surprised, and worried about my own project.',
      'Context, and being asked about the roadmap early.',
      'Decisions discussed with us first.',
    ]);
    await leader.reload();
    await waitForHeading(leader, TITLE);
    await leader.getByText('3 of 3 people have answered.').waitFor();
    await leader.getByText(FIRST_ANSWER).waitFor();
    await leader.getByText('perspective gap', { exact: true }).waitFor();
    await leader
      .getByText(/how much of what people said your forecast did not anticipate/)
      .first()
      .waitFor();
    await expectAccessible(leader, '/repairs/:id (answers)');
    await screenshotBoth(leader, 'repair-answers');
  });

  it('carries a follow-up question to the anonymous author and their reply back', async () => {
    const answer = leader.locator('li.answer', { hasText: FIRST_ANSWER });
    await answer.getByRole('button', { name: 'Ask a follow-up question' }).click();
    await answer.getByLabel('Your follow-up question').fill('What would have helped you most that week?');
    await answer.getByRole('button', { name: 'Send the question' }).click();
    await leader.locator('li.answer', { hasText: FIRST_ANSWER }).getByText('You asked').waitFor();

    // The author comes back through the same link, in the same browser: the key is remembered.
    const author = memberContexts[0];
    if (!author) throw new Error('no author context');
    const page = await author.newPage();
    await page.goto(links.get(MEMBERS[0]?.name ?? '') ?? '');
    await page.getByText('What would have helped you most that week?').waitFor();
    await page
      .getByLabel('Your reply', { exact: true })
      .fill('A conversation with my lead before the all-hands.');
    await page.getByRole('button', { name: 'Send my reply' }).click();
    await page.getByText('You replied').waitFor();
    await expectAccessible(page, '/answer (thread)');
    await screenshotBoth(page, 'answer-thread');

    await leader.reload();
    await leader.getByText('A conversation with my lead before the all-hands.').waitFor();
    await leader.locator('li.answer', { hasText: FIRST_ANSWER }).getByText('They replied').waitFor();
  });

  it('turns a suggestion or a blank form into an acknowledged theme', async () => {
    const themes = leader.locator('section', { has: leader.getByRole('heading', { name: /Themes/ }) });
    // One click turns Kintsugi's suggestion into a prefilled theme form.
    await themes
      .getByRole('button', { name: /^Make a theme/ })
      .first()
      .click();
    const name = themes.getByLabel('Theme', { exact: true });
    await expect.poll(() => name.inputValue()).not.toBe('');
    await themes.getByText(/^Grouping \d+ answers/).waitFor();
    await name.fill('Being asked first');
    await themes.getByLabel('The need behind it').fill('Be asked before decisions about our roadmap.');
    await themes
      .getByLabel('Your acknowledgement, in your own words')
      .fill('You learned about the cancellation in public, without being asked. That was wrong of me.');
    // The coach reads the acknowledgement as it is typed.
    await themes.getByRole('region', { name: 'Coach' }).waitFor();
    await themes.getByRole('button', { name: 'Add theme' }).click();
    await themes.getByRole('heading', { name: 'Being asked first' }).waitFor();
    await themes.getByText(/^Groups \d+ answers/).waitFor();
    await expectAccessible(leader, '/repairs/:id (themes)');
    await screenshotBoth(leader, 'repair-themes');

    await leader.goto(url('/repairs'));
    await leader.getByRole('link', { name: TITLE }).waitFor();
    await expectAccessible(leader, '/repairs');
    await screenshotBoth(leader, 'repair-list');
  });

  it('tells someone who already answered, and opens answers on another device with the reply key', async () => {
    const page = await memberPage(MEMBERS[1]?.name ?? '', DESKTOP);
    // A fresh browser: the link already obtained its token elsewhere, so the reply key is needed.
    await page.getByText('This link was already opened in another browser').waitFor();
    const first = memberContexts[1];
    if (!first) throw new Error('no context');
    const firstPage = first.pages()[0];
    const key = await firstPage?.getByRole('textbox', { name: 'Reply key' }).inputValue();
    await page.getByLabel('Your reply key').fill(key ?? '');
    await page.getByRole('button', { name: 'Open my answers' }).click();
    await page.getByText('Blindsided in front of everyone.').waitFor();
    await expectAccessible(page, '/answer (reply key)');
  });
});
