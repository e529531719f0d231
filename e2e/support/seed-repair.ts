import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { answerAnonymously, type Caller, createTeam, pastMonday, setUpOrganisation, signIn } from './api.js';
import { backdateCommitments, justBefore } from './backdate.js';
import { type LinkSource, readLinks } from './outbox.js';
import type { MailCatcher } from './smtp.js';
import { signedInPage } from './ui.js';

// One repair, seeded over the API to the point an end-to-end test starts from, with the fixtures it uses.

export const ADMIN = {
  organizationName: 'Acme Robotics',
  name: 'Ada Admin',
  email: 'ada@example.org',
  password: 'correct horse battery',
};
export const LEADER = { name: 'Lena Leader', email: 'lena@example.org', password: 'leader password 1' };
export const MEMBERS = [
  { name: 'Max Member', email: 'max@example.org' },
  { name: 'Mia Member', email: 'mia@example.org' },
  { name: 'Noor Nasser', email: 'noor@example.org' },
];
export const TITLE = 'The roadmap change in March';
export const ASKED = 'Being asked first';
export const HEARD = 'Hearing it from me';
export const ACTION = 'I will share the draft roadmap with the team every Monday before anything is decided';
export const EVIDENCE =
  'The draft appears in the team channel by 10:00 each Monday, with a thread for questions.';
export const REASON = 'I cannot promise to announce every change myself: some come from the board first.';
export const MESSAGE =
  'I announced the cancellation of your projects at the all-hands without asking any of you first. ' +
  'That was my decision and my mistake.';
export const KEPT_NOTE = 'Shared the draft in #platform; we discussed the two open questions on Tuesday.';
export const MISSED_NOTE =
  'I was ill and did not share it, and did not say so. I should have asked Max to post it.';
export const ANSWERS = [
  { impact: 'I found out from a slide that my project was cancelled.', need: 'To be asked first.' },
  { impact: 'Blindsided in front of everyone.', need: 'Being asked about our roadmap first.' },
  { impact: 'Worried about my own project.', need: 'Hearing it from my lead, not a slide.' },
];

/** Sets up the organisation, the leader, the members and their team; answers as the administrator. */
export async function seedOrganisation(baseUrl: string): Promise<Caller> {
  const admin = await setUpOrganisation(baseUrl, ADMIN);
  await createTeam(admin, { name: 'Platform', leader: LEADER, members: MEMBERS });
  return admin;
}

export interface ClosedRound {
  /** The leader, signed in. */
  leader: Caller;
  /** The administrator, signed in: reads the outbox. */
  admin: Caller;
  repairId: string;
}

export interface SeedOptions {
  /** Where personal links are read: the SMTP server when the server sends mail, else the admin's outbox. */
  mail?: MailCatcher;
}

const memberEmails = MEMBERS.map((m) => m.email);

/**
 * The organisation and team, and a repair whose round had three anonymous answers and is closed. Each member's
 * link is read where they would receive it; the first two answers wait ('pending') and the third stores all three.
 */
export async function seedClosedRound(baseUrl: string, options: SeedOptions = {}): Promise<ClosedRound> {
  const admin = await setUpOrganisation(baseUrl, ADMIN);
  const source: LinkSource = options.mail ? { mail: options.mail } : { admin };
  const { teamId } = await createTeam(admin, { name: 'Platform', leader: LEADER, members: MEMBERS });
  const as = await signIn(baseUrl, LEADER.email, LEADER.password);

  const repair = await as('POST', '/api/v1/repairs', {
    teamId,
    title: TITLE,
    description:
      'On 4 March I announced at the all-hands that two projects were cancelled. Nobody was asked.',
    breachKinds: ['voice', 'care'],
  });
  const repairId = repair.id;
  await as('PUT', `/api/v1/repairs/${repairId}/forecast`, {
    forecast: { impact: 'Surprised.', need: 'More context.', restore: 'A heads-up next time.' },
  });
  const sent = await as<{ sent: unknown[] }>('POST', `/api/v1/repairs/${repairId}/round/open`);
  expect(sent.sent).toHaveLength(MEMBERS.length);
  const links = await readLinks(source, 'answer', memberEmails);
  const states: string[] = [];
  for (const [i, email] of memberEmails.entries())
    states.push(
      await answerAnonymously(baseUrl, links.get(email)?.split('#')[1] ?? '', ANSWERS[i] ?? { impact: 'x' }),
    );
  expect(states).toEqual(['pending', 'pending', 'stored']);
  await as('POST', `/api/v1/repairs/${repairId}/round/close`);
  return { leader: as, admin, repairId };
}

/** A closed round with the two themes, ASKED and HEARD, not yet linked to answers: where responding starts. */
export async function seedThemedRound(baseUrl: string, options: SeedOptions = {}): Promise<ClosedRound> {
  const round = await seedClosedRound(baseUrl, options);
  await addThemes(round.leader, round.repairId);
  return round;
}

/** The leader signed in on a desktop page of their own, on the dashboard; `permissions` as for signedInPage. */
export function signInLeader(browser: Browser, baseUrl: string, permissions: string[] = []): Promise<Page> {
  return signedInPage(browser, baseUrl, LEADER, 'Welcome, Lena', permissions);
}

/**
 * The two themes, ASKED and HEARD. With `answerIds`, each theme is linked to those answers (the field is
 * left out otherwise).
 */
export async function addThemes(
  as: Caller,
  repairId: string,
  answerIds?: { asked: string[]; heard: string[] },
): Promise<{ askedId: string; heardId: string }> {
  const asked = await as('POST', `/api/v1/repairs/${repairId}/themes`, {
    name: ASKED,
    need: 'Be asked before decisions about our roadmap.',
    acknowledgement:
      'You learned about the cancellation in public, without being asked. That was wrong of me.',
    ...(answerIds ? { answerIds: answerIds.asked } : {}),
  });
  const heard = await as('POST', `/api/v1/repairs/${repairId}/themes`, {
    name: HEARD,
    need: 'Hear about changes from the leader, not a slide.',
    acknowledgement: 'You heard it from a slide instead of from me.',
    ...(answerIds ? { answerIds: answerIds.heard } : {}),
  });
  return { askedId: asked.id, heardId: heard.id };
}

interface Occurrence {
  dueAt: string;
  status: 'kept' | 'missed' | 'pending' | 'upcoming';
}

export interface CommittingRepair extends ClosedRound {
  /** The three members' personal team-space links, in full, in the order of MEMBERS. */
  links: string[];
  commitmentId: string;
  keptDueAt: string;
  missedDueAt: string;
}

/**
 * A closed round, two themes (one answered with a reason), a message, a weekly commitment since three Mondays
 * ago with one missed and one kept occurrence recorded, and team-space links for the three members.
 */
export async function seedCommittingRepair(server: {
  baseUrl: string;
  dataDir: string;
}): Promise<CommittingRepair> {
  const { leader: as, admin, repairId } = await seedClosedRound(server.baseUrl);

  const heard = await as<{ questions: { answers: { id: string }[] }[] }>(
    'GET',
    `/api/v1/repairs/${repairId}/answers`,
  );
  const needAnswerIds = (heard.questions[1]?.answers ?? []).map((a) => a.id);
  const { askedId, heardId } = await addThemes(as, repairId, { asked: needAnswerIds, heard: [] });
  await as('PUT', `/api/v1/repairs/${repairId}/themes/${heardId}/reason`, { reason: REASON });
  await as('POST', `/api/v1/repairs/${repairId}/messages`, { body: MESSAGE });
  const commitment = await as('POST', `/api/v1/repairs/${repairId}/commitments`, {
    action: ACTION,
    evidence: EVIDENCE,
    schedule: { kind: 'recurring', pattern: { type: 'weekly', weekdays: ['monday'] } },
    startsOn: pastMonday(3),
    themeIds: [askedId],
  });
  // As if made on its first Monday: the record counts from when a commitment is made.
  backdateCommitments(server.dataDir, repairId, justBefore(pastMonday(3)));

  const view = await as<{ commitments: { id: string; occurrences: Occurrence[] }[] }>(
    'GET',
    `/api/v1/repairs/${repairId}/commitments`,
  );
  const due = (view.commitments.find((c) => c.id === commitment.id)?.occurrences ?? [])
    .filter((o) => o.status !== 'upcoming')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  expect(due.length).toBeGreaterThanOrEqual(2);
  const [older, latest] = due.slice(-2);
  const occurrences = `/api/v1/repairs/${repairId}/commitments/${commitment.id}/occurrences`;
  await as('POST', occurrences, { dueAt: older?.dueAt, status: 'missed', note: MISSED_NOTE });
  await as('POST', occurrences, { dueAt: latest?.dueAt, status: 'kept', note: KEPT_NOTE });

  const issued = await as<{ sent: unknown[] }>('POST', `/api/v1/repairs/${repairId}/team-links`);
  expect(issued.sent).toHaveLength(3);
  const links = await readLinks({ admin }, 'team', memberEmails);
  return {
    leader: as,
    admin,
    repairId,
    links: memberEmails.map((email) => links.get(email) ?? ''),
    commitmentId: commitment.id,
    keptDueAt: latest?.dueAt ?? '',
    missedDueAt: older?.dueAt ?? '',
  };
}
