import type { Schedule } from '@kintsugi/core';

/** What Tomás says, promises and then does (or does not do) for the Data Platform repair. */
export const RESPONSE_MESSAGE = [
  'I have read everything you wrote, some of it more than once. Thank you for being honest with me.',
  '',
  'I rewrote the on-call rota over a weekend and published it without asking any of you. That was my decision and it was the wrong one. It gave some of you three weekends in a row, one of them on a birthday, and it told all of you that your time was mine to arrange. I said to myself there was no time to ask. There was; I chose not to use it.',
  '',
  'You told me two things. Decisions about your time should not be made without you, and on-call has not been shared fairly: Kwame has carried the most, and I did not notice. I am not going to explain those away.',
  '',
  'Here is what I will do, and you will be able to check it on the team page, including any week I do not manage it:',
  '- Every Monday I post the draft rota in #data-platform and leave it open for two days of comments before it is final.',
  '- On the first working day of each month I post how last month’s on-call load was shared, person by person, and rebalance the next month where it is uneven.',
  '',
  'If I slip back into deciding for you, please tell me. I would rather hear it from you than find out from a survey.',
].join('\n');

export const WEEKLY_COMMITMENT = {
  theme: 0,
  action:
    'Every Monday at 10:00 I share the on-call rota draft in #data-platform for two days of comments before it is final',
  evidence: 'The draft thread in #data-platform, with your comments and the final version on Wednesday',
  schedule: {
    kind: 'recurring',
    pattern: { type: 'weekly', weekdays: ['monday'], timeOfDay: '10:00' },
  } satisfies Schedule,
};

export const MONTHLY_COMMITMENT = {
  theme: 1,
  action:
    'On the first working day of each month I post last month’s on-call nights, weekends and billing pages per person in #data-platform and rebalance the next month where the load is uneven',
  evidence:
    'The load table pinned in #data-platform where the team can see it, and the rota changes that follow',
  schedule: {
    kind: 'recurring',
    pattern: { type: 'first-working-day', timeOfDay: '09:00' },
  } satisfies Schedule,
};

/** What was done each week, in turn; concrete enough that a team member can recognise it. */
export const WEEKLY_KEPT_NOTES = [
  'Posted the draft at 10:05. Omar and Julia swapped the second weekend; final on Wednesday with their swap in.',
  'Draft posted. Hannah asked to be off during the school holiday week, so I moved her shift to the week after.',
  'Posted the draft. No comments by Wednesday, so I asked in stand-up before finalising; nobody wanted changes.',
  'Draft in the thread at 10:00. Elena pointed out she had two weekends in a row; fixed before it went final.',
  'Posted. Kwame has no billing weekends this cycle; Omar covers them with Kwame as backup while he learns.',
  'Posted the draft and the swap rules we agreed last week, so swaps no longer go through me.',
  'Draft posted at 09:50. Three comments, all about the bank holiday; split it into two half-day shifts.',
  'Posted the draft. Julia asked why nights start at 18:00; I explained and we moved it to 19:00 from next month.',
  'Draft posted. Hannah and Kwame swapped a Thursday between themselves in the thread, without asking me.',
  'Posted. One comment from Omar about the release week; added a second person on call for the release night.',
  'Draft posted and left open until Wednesday noon; the final matched the draft, nobody asked for changes.',
  'Posted the draft with the new billing runbook linked, so whoever is on call can handle the nightly job.',
  'Draft posted. Elena asked for fewer Sunday shifts in December; moved two of hers to me.',
];

/** The weeks it did not happen, owned rather than explained away. */
export const WEEKLY_MISSED_NOTES = [
  'I was ill and didn’t post it or ask anyone to; I should have asked Hannah to post it. The rota went out on Thursday without your comments.',
  'I finalised the rota in the planning meeting on Monday morning, before anyone could comment. That is the thing I promised to stop doing.',
];

export const MONTHLY_KEPT_NOTES = [
  'Posted the load table: Kwame had 6 nights, everyone else 2–3. Moved two of his billing weekends to Omar for next month.',
  'Load table posted. Nights are within one of each other now; Elena still had the most weekends, so she has one fewer next month.',
  'Posted the table. First month where nobody had more than two weekends; Kwame had 3 billing pages instead of 11.',
  'Posted the table with the billing pages split out; Omar now takes half of them.',
];

/**
 * Who witnesses which of the recorded, kept occurrences (counting back from the most recent weekly ones, then the
 * latest monthly one): the team members by name, and whether they saw it.
 */
export const WITNESSES: {
  commitment: 'weekly' | 'monthly';
  fromLatest: number;
  saw: string[];
  didNotSee: string[];
}[] = [
  { commitment: 'weekly', fromLatest: 0, saw: ['Hannah Kim', 'Omar Haddad', 'Elena Popescu'], didNotSee: [] },
  {
    commitment: 'weekly',
    fromLatest: 1,
    saw: ['Hannah Kim', 'Omar Haddad', 'Kwame Mensah', 'Elena Popescu'],
    didNotSee: [],
  },
  {
    commitment: 'weekly',
    fromLatest: 2,
    saw: ['Omar Haddad', 'Elena Popescu', 'Kwame Mensah'],
    didNotSee: ['Julia Novak'],
  },
  { commitment: 'weekly', fromLatest: 3, saw: ['Hannah Kim', 'Kwame Mensah', 'Julia Novak'], didNotSee: [] },
  {
    commitment: 'monthly',
    fromLatest: 0,
    saw: ['Hannah Kim', 'Omar Haddad', 'Elena Popescu', 'Kwame Mensah', 'Julia Novak'],
    didNotSee: [],
  },
];
