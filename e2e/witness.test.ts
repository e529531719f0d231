import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  expectAccessible,
  launchBrowser,
  PHONE,
  screenshotBoth,
  screenshotPart,
} from './support/browser.js';
import {
  type CommittingRepair,
  KEPT_NOTE,
  MISSED_NOTE,
  seedCommittingRepair,
  TITLE,
} from './support/seed-repair.js';
import { type RunningServer, startServer } from './support/server.js';
import { waitForHeading } from './support/ui.js';

// Team members witness a recorded occurrence through their personal team-space links: "I saw this" or "I didn't
// see this", once each, anonymously (a blindly signed token, never the link, goes with the answer). The first two
// answers are received and wait; the third stores all three together, and the leader sees totals only then. The
// page keeps a pending answer and checks on it by itself. Everything up to the recorded occurrence is seeded.

let server: RunningServer;
let browser: Browser;
let seeded: CommittingRepair;

const THANKS = 'Stored. Thank you — counted anonymously.';
const RECEIVED = /^Received\. Your answer will be counted together with those of at least 3 people/;
/** The panel checks a pending answer every 20 s; give it two checks' time. */
const POLL_TIMEOUT = 45_000;
const PRIVACY =
  'Your answer is anonymous: the leader sees only totals, and only once at least 3 people have answered.';

async function open(link: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(link);
  await waitForHeading(page, TITLE);
  return page;
}

/** The kept occurrence, in the "What was done" list of the commitment. */
function keptOccurrence(page: Page): Locator {
  return page.locator('li.space-occurrence', { hasText: KEPT_NOTE });
}

/** Opens a member's link, answers for the kept occurrence and checks what the browser sent. */
async function witnessKept(
  link: string,
  button: 'I saw this' | 'I didn’t see this',
  outcome: string | RegExp,
  viewport = DESKTOP,
) {
  const page = await open(link, viewport);
  const secret = link.split('#')[1] ?? '';
  const requests: {
    path: string;
    body: string | null;
    cookie: string | undefined;
    referer: string | undefined;
  }[] = [];
  page.on('request', (r) =>
    requests.push({
      path: new URL(r.url()).pathname,
      body: r.postData(),
      cookie: r.headers().cookie,
      referer: r.headers().referer,
    }),
  );
  const kept = keptOccurrence(page);
  await kept.getByText(PRIVACY).waitFor();
  await kept
    .getByRole('group', { name: /Did you see this\?/ })
    .getByRole('button', { name: button })
    .click();
  await kept.getByRole('status').getByText(outcome).waitFor();
  await expect(kept.getByRole('button', { name: 'I saw this' }).count()).resolves.toBe(0);

  const api = requests.filter((r) => r.path.startsWith('/api/'));
  expect(api.map((r) => r.path)).toEqual([
    '/api/v1/team-space/witness/key',
    '/api/v1/team-space/witness/issue',
    '/api/v1/witness',
  ]);
  for (const r of api) {
    expect(r.cookie).toBeUndefined();
    expect(r.referer ?? '').toBe('');
  }
  // The answer itself carries a token, never the link.
  const answer = api[2]?.body ?? '';
  expect(answer).not.toContain(secret);
  expect(JSON.parse(answer)).toMatchObject({ saw: button === 'I saw this' });
  return page;
}

beforeAll(async () => {
  server = await startServer();
  seeded = await seedCommittingRepair(server);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('witnessing an occurrence', () => {
  it('counts "I saw this" and "I didn’t see this" anonymously, once per member, stored and shown from three', async () => {
    const [first, second, third] = seeded.links;
    expect(third).toMatch(/\/team#[A-Za-z0-9_-]{40,}$/);

    // Before anyone answers: no totals, only the threshold wording. The first answer waits for others'.
    const firstPage = await witnessKept(first ?? '', 'I saw this', RECEIVED, PHONE);
    await keptOccurrence(firstPage).getByText('Fewer than 3 responses so far.').waitFor();
    await expectAccessible(firstPage, '/team (witness received, pending)');
    await screenshotBoth(firstPage, 'team-space-witness-pending');
    await screenshotPart(firstPage, keptOccurrence(firstPage), 'team-space-witness-pending-occurrence');

    // Coming back in the same browser: still received, no buttons.
    await firstPage.reload();
    await waitForHeading(firstPage, TITLE);
    await keptOccurrence(firstPage).getByRole('status').getByText(RECEIVED).waitFor();
    expect(await keptOccurrence(firstPage).getByRole('button').count()).toBe(0);

    // The same member on another device: the server knows this link took its token.
    const elsewhere = await open(first ?? '');
    await keptOccurrence(elsewhere).getByRole('button', { name: 'I didn’t see this' }).click();
    await keptOccurrence(elsewhere)
      .getByRole('status')
      .getByText(
        'This link has already been used to answer this one (perhaps you answered on another device).',
      )
      .waitFor();
    await elsewhere.context().close();

    const secondPage = await witnessKept(second ?? '', 'I saw this', RECEIVED);
    // Two answers: still below the threshold.
    await keptOccurrence(secondPage).getByText('Fewer than 3 responses so far.').waitFor();
    await secondPage.context().close();

    // The third stores all three at once.
    const thirdPage = await witnessKept(third ?? '', 'I didn’t see this', THANKS);
    await thirdPage.context().close();

    // The first member's page, still open, checks by itself.
    await keptOccurrence(firstPage).getByRole('status').getByText(THANKS).waitFor({ timeout: POLL_TIMEOUT });
    await firstPage.reload();
    await waitForHeading(firstPage, TITLE);
    await keptOccurrence(firstPage)
      .getByText(/You answered “I saw this”/)
      .waitFor();
    await keptOccurrence(firstPage).getByText('Confirmed by 2, not seen by 1.').waitFor();
    // The missed occurrence, which nobody witnessed, still asks.
    const missed = firstPage.locator('li.space-occurrence', { hasText: MISSED_NOTE });
    await missed.getByText('Fewer than 3 responses so far.').waitFor();
    await missed.getByRole('button', { name: 'I saw this' }).waitFor();

    const view = await seeded.leader<{
      commitments: { id: string; record: { strip: { dueAt: string; confirmations: unknown }[] } }[];
    }>('GET', `/api/v1/repairs/${seeded.repairId}/commitments`);
    const strip = view.commitments.find((c) => c.id === seeded.commitmentId)?.record.strip ?? [];
    expect(strip.find((s) => s.dueAt === seeded.keptDueAt)?.confirmations).toEqual({ saw: 2, didNotSee: 1 });

    await expectAccessible(firstPage, '/team (witnessed)');
    await screenshotBoth(firstPage, 'team-space-witness');
    await firstPage.context().close();
  }, 120_000);
});
