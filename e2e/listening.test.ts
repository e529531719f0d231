import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from './support/api.js';
import { DESKTOP, expectAccessible, launchBrowser, PHONE, screenshotBoth } from './support/browser.js';
import { linksFromOutbox } from './support/outbox.js';
import { ADMIN, LEADER, MEMBERS, seedOrganisation, TITLE } from './support/seed-repair.js';
import { type RunningServer, startServer } from './support/server.js';
import { signedInPage, signInAs, waitForHeading } from './support/ui.js';

// A leader opens a repair, forecasts, and listens, and is told to whom the links went, never the links; without
// SMTP the admin hands them out from the outbox, and each answering page says so. Three people answer anonymously
// from their own browsers: the first two are told their answers are received and wait to be stored with others';
// the third stores all three, and the first two pages turn to "Stored" by themselves. The answers appear only then;
// a follow-up question round-trips anonymously; a link used already says so, and its owner can say it was not them.

const FIRST_ANSWER =
  'I found out from the all-hands slide that my project was cancelled. It felt like my work did not count.';

let server: RunningServer;
let browser: Browser;
let leaderContext: BrowserContext;
let leader: Page;
let admin: Caller;
const memberContexts: BrowserContext[] = [];
const links = new Map<string, string>();
/** The members' answer pages, kept open after sending so they can be seen turning to "Stored". */
const answered: Page[] = [];

const RECEIVED = /^Received\. Your answers will be stored together with those of at least 3 people/;
const STORED = /^Stored\. Your answers are in, and Lena Leader will read them/;
/** The answer pages check every 20 s; give them two checks' time. */
const POLL_TIMEOUT = 45_000;

const url = (path: string) => `${server.baseUrl}${path}`;
/** The repair's page, once it is open. */
let repairUrl = '';
/** A second link for the first member, sent after the first: both work, for one answer. */
let secondLink = '';

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

/** What the member's page says about their answers: the status line after sending. */
const answerStatus = (page: Page) => page.locator('.answer-page').getByRole('status').first();

async function answerAs(
  name: string,
  answers: string[],
  options: { screenshot?: boolean; expect: RegExp },
): Promise<Page> {
  const page = await memberPage(name);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await waitForHeading(page, TITLE);
  await page.getByText('What Lena Leader will and will not see').waitFor();
  // Without SMTP, the page says who handed the link out and what that means.
  await page
    .getByText(
      'Your link was handed to you by Ada Admin. Email is not set up in this Kintsugi, so they could have opened it before you.',
      { exact: false },
    )
    .waitFor();
  const fields = page.getByRole('textbox');
  await page.getByRole('button', { name: 'Send my answers anonymously' }).waitFor();
  // Opening the link took no token: that happens only on sending.
  expect(requests.filter((path) => path.startsWith('/api/'))).toEqual(['/api/v1/ballot/invitation']);
  if (options.screenshot) {
    await expectAccessible(page, '/answer (handed out by hand)');
    await screenshotBoth(page, 'answer-form');
  }
  for (const [i, text] of answers.entries()) await fields.nth(i).fill(text);
  await page.getByRole('button', { name: 'Send my answers anonymously' }).click();
  await waitForHeading(page, 'Thank you');
  await answerStatus(page).getByText(options.expect).waitFor();
  await page.getByRole('heading', { name: 'Your reply key' }).waitFor();
  // Stored at once, the page then reads back what was sent, with the reply key alone.
  expect(requests.filter((path) => path.startsWith('/api/v1/ballot/')).slice(0, 3)).toEqual([
    '/api/v1/ballot/invitation',
    '/api/v1/ballot/issue',
    '/api/v1/ballot/answers',
  ]);
  answered.push(page);
  return page;
}

beforeAll(async () => {
  server = await startServer();
  admin = await seedOrganisation(server.baseUrl);
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
    repairUrl = leader.url();
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
    const opened = leader.waitForResponse((r) => r.url().endsWith('/round/open'));
    await confirm.getByRole('button', { name: 'Send the round' }).click();
    // The leader is told to whom the links went and how, never the links: not in the page, not in the response.
    const response = await (await opened).text();
    expect(response).not.toMatch(/answer#|"url"/);
    const notice = leader.getByRole('region', { name: 'The round is out' });
    await notice
      .getByText(
        'Email is not set up, so the links wait in the admin’s outbox (Organisation → Outbox) for Ada Admin to hand out to Max Member, Mia Member and Noor Nasser. Whoever hands them out could use them; set up SMTP so links go straight to each person.',
      )
      .waitFor();
    // The note takes focus a frame after the dialog closes.
    await expect
      .poll(() => leader.evaluate(() => document.activeElement?.textContent))
      .toBe('The round is out');
    const html = await leader.content();
    expect(html).not.toContain('/answer#');
    expect(
      await leader
        .locator('input, textarea')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ).not.toContainEqual(expect.stringContaining('#'));
    await leader.locator('[aria-current="step"]').getByText('Listen').waitFor();
    await leader.getByText('Fewer than 3 personal links have been used to answer so far.').waitFor();
    await expectAccessible(leader, '/repairs/:id (links sent, by hand)');
    await screenshotBoth(leader, 'repair-links');
  });

  it('lets the admin hand out the links from the outbox', async () => {
    // As an admin would: the Organisation page's outbox, one message per person, the link in its body.
    const adminPage = await signedInPage(browser, server.baseUrl, ADMIN, /^Welcome/);
    await adminPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Organisation' })
      .click();
    await waitForHeading(adminPage, 'Organisation');
    const message = adminPage.locator('.outbox__item', { hasText: `to ${MEMBERS[0]?.email}` });
    await message.getByText('Show message').click();
    const body = (await message.locator('pre').textContent()) ?? '';
    const fromPage = body.match(/https?:\/\/\S+\/answer#[A-Za-z0-9_-]{40,}/)?.[0];
    expect(fromPage).toBeDefined();
    await expectAccessible(adminPage, '/organization (outbox with links to hand out)');
    await screenshotBoth(adminPage, 'outbox-links');
    await adminPage.context().close();

    const fromApi = await linksFromOutbox(
      admin,
      'answer',
      MEMBERS.map((m) => m.email),
    );
    expect(fromApi.get(MEMBERS[0]?.email ?? '')).toBe(fromPage);
    for (const m of MEMBERS) links.set(m.name, fromApi.get(m.email) ?? '');
    expect(new Set(links.values()).size).toBe(3);
  });

  it('sends someone a new link without showing it; their earlier link keeps working', async () => {
    const max = MEMBERS[0] ?? { name: '', email: '' };
    await leader.getByText('Someone lost their link?').click();
    await leader.getByRole('button', { name: `Send a new link to ${max.name}` }).click();
    await leader
      .getByRole('status')
      .getByText(
        `Email is not set up, so the link waits in the admin’s outbox (Organisation → Outbox) for Ada Admin to hand out to ${max.name}. Whoever hands it out could use it; set up SMTP so links go straight to each person.`,
      )
      .waitFor();
    expect(await leader.content()).not.toContain('/answer#');
    await expectAccessible(leader, '/repairs/:id (a new link sent)');
    secondLink = (await linksFromOutbox(admin, 'answer', [max.email])).get(max.email) ?? '';
    expect(secondLink).toMatch(/\/answer#/);
    expect(secondLink).not.toBe(links.get(max.name));
  });

  it('takes two answers as received, not yet stored, and shows the leader only that fewer than 3 answered', async () => {
    await answerAs(
      MEMBERS[0]?.name ?? '',
      [FIRST_ANSWER, 'To be asked about the roadmap before the decision.'],
      {
        screenshot: true,
        expect: RECEIVED,
      },
    );
    const second = await answerAs(
      MEMBERS[1]?.name ?? '',
      ['Blindsided in front of everyone.', 'Being asked about our roadmap first.'],
      { expect: RECEIVED },
    );
    await second
      .getByText('Follow-up questions can be read and answered here once your answers are stored.')
      .waitFor();
    await expectAccessible(second, '/answer (received, pending)');
    await screenshotBoth(second, 'answer-pending');

    await leader.reload();
    await waitForHeading(leader, TITLE);
    await leader.getByText('Fewer than 3 people have answered yet.').first().waitFor();
    expect(await leader.getByText(FIRST_ANSWER).count()).toBe(0);
    expect(await leader.getByText(/\b2 of 3\b/).count()).toBe(0);
    // Nor how many links took a token: below 3, that would say who answered, one by one.
    await leader.getByText('Fewer than 3 personal links have been used to answer so far.').waitFor();
    expect(await leader.getByText(/\b[12] personal links? ha/).count()).toBe(0);
    await expectAccessible(leader, '/repairs/:id (listening)');
    await screenshotBoth(leader, 'repair-listening');
  });

  it('stores all three with the third, and the first two pages turn to "Stored" by themselves', async () => {
    const third = await answerAs(
      MEMBERS[2]?.name ?? '',
      [
        'Surprised, and worried about my own project.',
        'Context, and being asked about the roadmap early.',
        'Decisions discussed with us first.',
      ],
      { expect: STORED },
    );
    await third.getByText('Decisions discussed with us first.').waitFor();
    await expectAccessible(third, '/answer (stored)');
    await screenshotBoth(third, 'answer-thanks');
    // The first two check every 20 s while open: without a reload they say "Stored" and show what was sent.
    for (const [i, page] of answered.slice(0, 2).entries()) {
      await answerStatus(page).getByText(STORED).waitFor({ timeout: POLL_TIMEOUT });
      await page.getByRole('heading', { name: 'What you said, and follow-up questions' }).waitFor();
      if (i === 0) await page.getByText(FIRST_ANSWER).waitFor();
    }
    await expectAccessible(answered[0] as Page, '/answer (pending turned stored)');
  }, 120_000);

  it('shows the answers beside the forecast after the third, with the perspective gap', async () => {
    await leader.reload();
    await waitForHeading(leader, TITLE);
    await leader.getByText('3 of 3 people have answered.').waitFor();
    await leader.getByText('3 personal links have been used to answer.').waitFor();
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

  it('says a link was already used, lets its owner say it was not them, and opens answers with the reply key', async () => {
    const page = await memberPage(MEMBERS[1]?.name ?? '', DESKTOP);
    // A fresh browser: the link already took its token elsewhere, and this browser holds nothing of it.
    await page.getByRole('heading', { name: 'This link has already been used to answer.' }).waitFor();
    await page.getByText('Your link was handed to you by Ada Admin.', { exact: false }).waitFor();
    await page
      .getByText('If this page says your link was already used and you did not use it, tell us below.', {
        exact: false,
      })
      .waitFor();
    await expectAccessible(page, '/answer (link already used)');
    await screenshotBoth(page, 'answer-link-used');

    await page.getByRole('button', { name: 'It wasn’t me' }).click();
    await page
      .getByRole('status')
      .getByText(
        'Thank you. Your leader sees that a link was used by someone other than its owner, never whose.',
      )
      .waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('It wasn’t you?');
    await expectAccessible(page, '/answer (misuse reported)');
    await screenshotBoth(page, 'answer-link-reported');

    // The leader sees that one link was used by someone other than its owner, never whose.
    await leader.goto(repairUrl);
    await waitForHeading(leader, TITLE);
    await leader
      .getByText('1 person said their link was used by someone other than them. You are not told whose.')
      .waitFor();
    await expectAccessible(leader, '/repairs/:id (a link reported)');

    // It was in fact this member, on another device: the reply key from there opens their answers here.
    const first = memberContexts[1];
    if (!first) throw new Error('no context');
    const firstPage = first.pages()[0];
    const key = await firstPage?.getByRole('textbox', { name: 'Reply key' }).first().inputValue();
    await page.getByLabel('Your reply key').fill(key ?? '');
    await page.getByRole('button', { name: 'Open my answers' }).click();
    await page.getByText('Blindsided in front of everyone.').waitFor();
    await expectAccessible(page, '/answer (reply key)');
  });

  it('counts one answer per person: a second link of someone who answered says it was used', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    memberContexts.push(context);
    const page = await context.newPage();
    await page.goto(secondLink);
    await page.getByRole('heading', { name: 'This link has already been used to answer.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Send my answers anonymously' }).count()).toBe(0);
  });
});
