import { join } from 'node:path';
import Database from 'better-sqlite3';
import ICAL from 'ical.js';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from './support/api.js';
import { backdateCommitments, justBeforeToday } from './support/backdate.js';
import { expectAccessible, launchBrowser, PHONE, screenshotBoth } from './support/browser.js';
import {
  ANSWERS,
  ASKED,
  HEARD,
  LEADER,
  MEMBERS,
  seedThemedRound,
  signInLeader,
  TITLE,
} from './support/seed-repair.js';
import { type RunningServer, startServer } from './support/server.js';
import { type MailCatcher, type ReceivedMail, startMailCatcher } from './support/smtp.js';
import { waitForHeading } from './support/ui.js';

// Closing the loop, end to end, with real mail: the built server sends every email over SMTP to a server in this
// process. The leader publishes a response and a daily commitment in the browser and records it as kept; members
// open the team-space links from their email and witness it; the reliability record and the leader's calendar
// feed follow. The team's "you said → I committed → here is what I did" update comes at most once a day per person.
// Everything before the closed listening round is seeded over the API.

const MESSAGE =
  'I announced the cancellation of your projects at the all-hands without asking any of you first. ' +
  'That was my decision and my mistake. From now on I will share the draft roadmap with the team every day before anything is decided.';
const ACTION = 'I will post the draft roadmap in #platform every day, before anything on it is decided.';
const EVIDENCE = 'The draft is pinned in #platform by 09:00, with a thread for questions.';
const REASON = 'The all-hands format stays; being asked first covers hearing it from me before any slide.';
const KEPT_NOTE = 'Posted the draft in #platform; two questions answered in the thread.';
const EARLY_NOTE = 'Posted tomorrow’s draft tonight, ahead of the planning meeting.';
const ASKED_NEED = 'Be asked before decisions about our roadmap.';

const UPDATE_SUBJECT = 'What your leader committed to, and what they did';
const THANKS = 'Stored. Thank you — counted anonymously.';
const RECEIVED = /^Received\. Your answer will be counted together with those of at least 3 people/;
/** The scheduler's tick in this test: fast enough to see an email within a second or two. */
const TICK_MS = 1_000;

let smtp: MailCatcher;
let server: RunningServer;
let browser: Browser;
let leader: Page;
let leaderApi: Caller;
let repairId = '';
/** Each member's team-space link, read from their email. */
const teamLinks = new Map<string, string>();

const url = (path: string) => `${server.baseUrl}${path}`;
const isUpdate = (mail: ReceivedMail) => mail.subject === UPDATE_SUBJECT;
const updatesTo = (email: string) => smtp.matching((m) => isUpdate(m) && m.to.includes(email));
const memberEmails = MEMBERS.map((m) => m.email).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const section = (heading: RegExp) =>
  leader.locator('section', { has: leader.getByRole('heading', { name: heading, level: 2 }) });

interface Occurrence {
  dueAt: string;
  localDate: string;
  status: 'kept' | 'missed' | 'pending' | 'upcoming';
}

async function occurrences(): Promise<Occurrence[]> {
  const view = await leaderApi<{ commitments: { action: string; occurrences: Occurrence[] }[] }>(
    'GET',
    `/api/v1/repairs/${repairId}/commitments`,
  );
  return view.commitments.find((c) => c.action === ACTION)?.occurrences ?? [];
}

/** What an update must never contain: anyone's answer, or the name of anyone who answered. */
function expectNothingRevealed(text: string): void {
  for (const answer of ANSWERS) {
    expect(text).not.toContain(answer.impact);
    expect(text).not.toContain(answer.need);
  }
  for (const member of MEMBERS) expect(text).not.toContain(member.name);
}

/**
 * Opens a member's emailed link in a browser of their own and says "I saw this" about the kept occurrence; the
 * answer is received and waits for others' (`RECEIVED`), or is stored with them (`THANKS`).
 */
async function witness(email: string, outcome: string | RegExp): Promise<void> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(teamLinks.get(email) ?? '');
  await waitForHeading(page, TITLE);
  const kept = page.locator('li.space-occurrence', { hasText: KEPT_NOTE });
  await kept
    .getByRole('group', { name: /Did you see this\?/ })
    .getByRole('button', { name: 'I saw this' })
    .click();
  await kept.getByRole('status').getByText(outcome).waitFor();
  if (email === MEMBERS[2]?.email) {
    await expectAccessible(page, '/team (witnessed, from the emailed link)');
    await screenshotBoth(page, 'loop-team-space-witnessed');
  }
  await context.close();
}

/** The leader's record for the commitment, after a reload so it shows what the server has now. */
async function leaderLedger(): Promise<Locator> {
  await leader.reload();
  await waitForHeading(leader, TITLE);
  return section(/^Demonstrate/).locator('.ledger__item', { hasText: ACTION });
}

beforeAll(async () => {
  smtp = await startMailCatcher();
  server = await startServer({ env: { SMTP_URL: smtp.url, JOB_INTERVAL_MS: String(TICK_MS) } });
  // With SMTP, the members' listening links are read from the mail they receive.
  const round = await seedThemedRound(server.baseUrl, { mail: smtp });
  leaderApi = round.leader;
  repairId = round.repairId;
  // The web app has no control for this yet: the leader shares team-space links over the API.
  await leaderApi('POST', `/api/v1/repairs/${repairId}/team-links`);

  browser = await launchBrowser();
  leader = await signInLeader(browser, server.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe('closing the loop by email', () => {
  it('delivers the listening invitations and the team-space links over SMTP, one personal link each', async () => {
    const invitations = await smtp.waitForCount(
      (m) => m.subject === 'Lena Leader would like to hear from you',
      MEMBERS.length,
      { description: 'a listening invitation' },
    );
    expect(invitations.flatMap((m) => m.to).sort()).toEqual(memberEmails);
    const answerLinks = invitations.map((m) => m.text.match(/\/answer#([A-Za-z0-9_-]{40,})/)?.[1]);
    expect(new Set(answerLinks).size).toBe(MEMBERS.length);

    const follows = await smtp.waitForCount(
      (m) => m.subject === `Follow "${TITLE}" with Lena Leader`,
      MEMBERS.length,
      { description: 'a team-space link' },
    );
    expect(follows.flatMap((m) => m.to).sort()).toEqual(memberEmails);
    const pattern = new RegExp(`${server.baseUrl.replace(/[.:/]/g, '\\$&')}/team#[A-Za-z0-9_-]{40,}`);
    for (const mail of follows) {
      expect(mail.to).toHaveLength(1);
      expect(mail.toHeader).toBe(mail.to[0]);
      const link = mail.text.match(pattern)?.[0];
      expect(link, mail.text).toBeDefined();
      expect(mail.subject).not.toContain('#');
      expect(mail.text).toContain('It shows the themes the team raised, never who said what.');
      teamLinks.set(mail.to[0] ?? '', link ?? '');
    }
    expect(new Set(teamLinks.values()).size).toBe(MEMBERS.length);
    // Nobody has been updated yet: there is no response and no commitment.
    expect(smtp.matching(isUpdate)).toEqual([]);
  });

  it('publishes a response and a daily commitment; the team gets one update and the leader a reminder', async () => {
    await leader.goto(url(`/repairs/${repairId}`));
    await waitForHeading(leader, TITLE);
    const respond = section(/^Respond/);
    await respond.getByLabel('Your message to the team').fill(MESSAGE);
    await respond.getByRole('button', { name: 'Publish to the team…' }).click();
    const dialog = leader.getByRole('dialog', { name: 'Publish this message to the team?' });
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await respond.getByText('Your message is published.').waitFor();

    const commit = section(/^Commit/);
    await commit.getByRole('button', { name: `Give a reason instead for ${HEARD}` }).click();
    await commit.getByLabel(`Why no commitment answers “${HEARD}”`).fill(REASON);
    await commit.getByRole('button', { name: 'Save the reason' }).click();
    await commit.getByText('Reason given').waitFor();

    await commit.getByLabel('What you will do').fill(ACTION);
    await commit.getByLabel('How the team will see it').fill(EVIDENCE);
    await commit.getByRole('radio', { name: 'Every week, on chosen days' }).check();
    // Every day at midnight: today's occurrence is due already and tomorrow's within the reminder window.
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
      await commit.getByRole('checkbox', { name: day, exact: true }).check();
    await commit.getByLabel('Time of day').fill('00:00');
    await commit.getByRole('checkbox', { name: ASKED }).check();
    await commit.getByRole('button', { name: 'Commit', exact: true }).click();
    await commit.getByText('2 of 2 themes are answered', { exact: false }).waitFor();

    // The scheduler picks the new commitment up on its next tick: one update for each affected member.
    const updates = await smtp.waitForCount(isUpdate, MEMBERS.length, { description: 'a loop update' });
    expect(updates.flatMap((m) => m.to).sort()).toEqual(memberEmails);
    expect(updates.every((m) => m.to.length === 1)).toBe(true);
    const text = updates[0]?.text ?? '';
    // Everyone gets the same words, so an update cannot point at whoever raised a theme.
    for (const mail of updates) expect(mail.text).toBe(text);
    expect(text).toContain(`"${TITLE}": an update from Lena Leader`);
    expect(text).toContain(`You said: ${ASKED} (${ASKED_NEED})`);
    expect(text).toContain(`I committed: ${ACTION} (every day at 00:00)`);
    expect(text).toContain('Here is what I did: nothing to report yet; this commitment is new.');
    // The theme answered by a reason has no commitment, so it is not in the update.
    expect(text).not.toContain(HEARD);
    expect(text).toContain('Open your team-space link from the earlier email');
    expect(text).toContain('Everyone affected gets the same update: it never shows who said what.');
    // The links are personal and stored only as hashes: an update never carries one.
    for (const link of teamLinks.values()) expect(text).not.toContain(link.split('#')[1]);
    expectNothingRevealed(text);
    expect(updatesTo(LEADER.email)).toEqual([]);

    // Tomorrow's occurrence is due within a day and not recorded: the leader, and only the leader, is reminded.
    const tomorrow = (await occurrences()).find((o) => o.status === 'upcoming');
    expect(tomorrow).toBeDefined();
    const reminder = await smtp.waitFor((m) => m.subject === `Coming up: ${ACTION}`, {
      description: "the leader's reminder",
    });
    expect(reminder.to).toEqual([LEADER.email]);
    expect(reminder.text).toContain(`Your commitment in "${TITLE}" is due`);
    expect(reminder.text).toMatch(/ at 00:00 \(UTC\):/);
    expect(reminder.text).toContain(`How the team can see it: ${EVIDENCE}`);
    expect(reminder.text).toContain(url(`/repairs/${repairId}`));
    expect(smtp.matching((m) => m.subject.startsWith('Coming up:'))).toHaveLength(1);
  });

  it('records the occurrence as kept; three members witness it from their emailed links; the record follows', async () => {
    // A record starts when its commitment is made: as if it had been made just before midnight, so today's
    // 00:00 occurrence is due.
    backdateCommitments(server.dataDir, repairId, justBeforeToday());
    await leader.reload();
    await waitForHeading(leader, TITLE);
    const demonstrate = section(/^Demonstrate/);
    await demonstrate.getByRole('button', { name: 'Move to demonstrating' }).click();
    await leader.locator('[aria-current="step"]').getByText('Demonstrate').waitFor();
    let ledger = demonstrate.locator('.ledger__item', { hasText: ACTION });
    // Within its grace period an unrecorded occurrence is pending, not yet counted as due.
    await ledger.locator('.record__figures').getByText('0 of 0').waitFor();
    await ledger.getByText('Due — not recorded yet').waitFor();
    await ledger
      .getByRole('button', { name: /^Record for/ })
      .first()
      .click();
    await ledger.getByLabel('What you did').fill(KEPT_NOTE);
    await ledger.getByRole('button', { name: 'Record as kept' }).click();
    await ledger.locator('.record__figures').getByText('1 of 1').waitFor();
    await ledger.getByText(KEPT_NOTE).waitFor();

    const [first, second, third] = MEMBERS.map((m) => m.email);
    await witness(first ?? '', RECEIVED);
    await witness(second ?? '', RECEIVED);
    // Two answers are below the threshold of three: the leader sees that there are too few, not what they said.
    ledger = await leaderLedger();
    await ledger.locator('.record__figures').getByText('1 of 1').waitFor();
    await ledger.getByRole('cell', { name: 'too few answers to show' }).waitFor({ state: 'attached' });

    // A third witness reaches the threshold: the occurrence now counts as confirmed by the team.
    await witness(third ?? '', THANKS);
    ledger = await leaderLedger();
    await ledger.getByRole('cell', { name: '3 saw it, 0 did not' }).waitFor({ state: 'attached' });
    const confirmed = ledger.locator('.record__figures > div', { hasText: 'Confirmed by the team' });
    await confirmed.getByText('100%').waitFor();
    await expectAccessible(leader, '/repairs/:id (kept and witnessed)');
    await screenshotBoth(leader, 'loop-leader-record');

    const view = await leaderApi<{
      commitments: { action: string; record: { kept: number; due: number; confirmedShare: number | null } }[];
    }>('GET', `/api/v1/repairs/${repairId}/commitments`);
    expect(view.commitments.find((c) => c.action === ACTION)?.record).toMatchObject({
      kept: 1,
      due: 1,
      confirmedShare: 1,
    });
  });

  it('sends nobody a second update the same day, even after a second occurrence is recorded', async () => {
    const ledger = section(/^Demonstrate/).locator('.ledger__item', { hasText: ACTION });
    await ledger.getByRole('button', { name: /^Record early for/ }).click();
    await ledger.getByLabel('What you did').fill(EARLY_NOTE);
    await ledger.getByRole('button', { name: 'Record as kept' }).click();
    await ledger.getByText(EARLY_NOTE).waitFor();
    expect((await occurrences()).filter((o) => o.status === 'kept')).toHaveLength(2);

    // Several ticks of the scheduler go by with two new records to tell; still one update per person today.
    await sleep(3.5 * TICK_MS);
    for (const email of memberEmails) expect(updatesTo(email)).toHaveLength(1);
    expect(smtp.matching(isUpdate)).toHaveLength(MEMBERS.length);
  });

  it('the next day, the update tells each member what was done', async () => {
    // The server's clock cannot be moved from here, so the day turns in the outbox instead: today's update keys
    // are dated yesterday, as if those emails had gone out then. Their send times stay real, so "what is new since
    // the last update" is computed exactly as on a real next day.
    const db = new Database(join(server.dataDir, 'kintsugi.db'), { timeout: 5_000 });
    try {
      const rows = db
        .prepare("SELECT id, dedupe_key AS key, body FROM mail_outbox WHERE dedupe_key LIKE 'loop:%'")
        .all() as { id: string; key: string; body: string | null }[];
      expect(rows).toHaveLength(MEMBERS.length);
      // Sent over SMTP, an email keeps only its envelope in the outbox.
      expect(rows.every((r) => r.body === null)).toBe(true);
      const move = db.prepare('UPDATE mail_outbox SET dedupe_key = ? WHERE id = ?');
      for (const row of rows) {
        const day = row.key.slice(-10);
        const before = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        move.run(`${row.key.slice(0, -10)}${before}`, row.id);
      }
    } finally {
      db.close();
    }

    const updates = await smtp.waitForCount(isUpdate, 2 * MEMBERS.length, {
      description: "the next day's loop update",
    });
    const kept = (await occurrences())
      .filter((o) => o.status === 'kept')
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    for (const email of memberEmails) {
      const mine = updates.filter((m) => m.to.includes(email));
      expect(mine).toHaveLength(2);
      const text = mine[1]?.text ?? '';
      expect(text).toContain(`You said: ${ASKED} (${ASKED_NEED})`);
      expect(text).toContain(`I committed: ${ACTION} (every day at 00:00)`);
      // Everything recorded since the last update, in due order: both kept occurrences, each with its note.
      expect(text).toContain('Here is what I did:');
      expect(text).toContain(`- ${kept[0]?.localDate}: done. ${KEPT_NOTE}`);
      expect(text).toContain(`- ${kept[1]?.localDate}: done. ${EARLY_NOTE}`);
      expect(text.indexOf(KEPT_NOTE)).toBeLessThan(text.indexOf(EARLY_NOTE));
      expectNothingRevealed(text);
    }
    // And again not a second one on this (simulated) day.
    await sleep(2.5 * TICK_MS);
    expect(smtp.matching(isUpdate)).toHaveLength(2 * MEMBERS.length);
    expect(updatesTo(LEADER.email)).toEqual([]);
  });

  it("serves the leader's commitment in their calendar feed", async () => {
    await leader.goto(url('/account'));
    const feed = leader.locator('section', {
      has: leader.getByRole('heading', { name: 'Your commitments in your calendar', level: 2 }),
    });
    await feed.getByRole('button', { name: 'Get a calendar address' }).click();
    const address = feed.getByRole('textbox', { name: 'Calendar address' });
    await address.waitFor();
    const feedUrl = await address.inputValue();
    expect(feedUrl).toMatch(new RegExp(`^${server.baseUrl}/api/v1/calendar/cal_[A-Za-z0-9_-]{43}\\.ics$`));
    await expectAccessible(leader, '/account (calendar address)');
    await screenshotBoth(leader, 'loop-calendar-feed');

    const res = await fetch(feedUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const events = new ICAL.Component(ICAL.parse(await res.text()))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.summary).toBe(ACTION);
    expect(event?.description).toContain(EVIDENCE);
    expect(event?.description).toContain(`Repair: ${TITLE}`);
    // The feed expands to the same local times as Kintsugi's own occurrences.
    const ours = (await occurrences()).slice(0, 3).map((o) => `${o.localDate}T00:00`);
    const iterator = event?.iterator();
    const theirs: string[] = [];
    for (let next = iterator?.next(); next && theirs.length < ours.length; next = iterator?.next())
      theirs.push(next.toString().slice(0, 16));
    expect(theirs).toEqual(ours);
  });
});
