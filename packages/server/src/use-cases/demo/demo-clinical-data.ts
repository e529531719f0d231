import type { Schedule } from '@kintsugi/core';

/**
 * The demo's third repair: Clinical Support, a reliability breach heard months ago. One theme has its commitment,
 * the other still waits for one, so the facilitator's overview has something to notice.
 */
export const CLINICAL_REPAIR = {
  team: 'Clinical Support',
  leader: 'grace.okafor@example.org',
  title: 'I promised a fairer weekend cover plan and never delivered it',
  description:
    'In January I told the team I would have a new weekend cover plan by the end of February. I did not write it, did not say it had slipped, and the old plan carried on through spring.',
  forecast: {
    impact: 'Mild disappointment; everyone knows how busy the quarter was.',
    need: 'A realistic date.',
    restore: 'Delivering the plan.',
  },
  /** Three of the four answer, enough to reach the threshold. */
  answers: [
    {
      impact: 'I kept planning my weekends around a plan that did not exist. I stopped asking after April.',
      need: 'To hear that it had slipped, even once. Silence felt like it did not matter to you.',
      restore: 'When something slips, tell us the same week, with a new date.',
    },
    {
      impact:
        'Samuel and I covered six weekends in a row between us. I was tired and short with patients by May.',
      need: 'Someone to notice that two of us were carrying the weekends.',
      restore: 'A cover plan we write together, and a check each month that it is actually fair.',
    },
    {
      impact: 'It was not a disaster, but it is the third promise this year that quietly disappeared.',
      need: 'Fewer promises, kept.',
      restore: 'Only promise what you will track, and show us that you track it.',
    },
  ],
  themes: [
    {
      name: 'Say when something slips',
      need: 'To hear about a delay the week it happens, with a new date',
      acknowledgement:
        'I let the date pass in silence, and that told you your weekends did not matter. They do, and I should have said so in February.',
      answers: [
        [0, 'need'],
        [0, 'restore'],
        [2, 'restore'],
      ] as const,
    },
    {
      name: 'Weekend cover shared fairly',
      need: 'A cover plan written together and checked for fairness',
      acknowledgement:
        'Two of you carried the weekends for months while I was not looking. The plan should be yours as much as mine.',
      answers: [
        [1, 'impact'],
        [1, 'restore'],
      ] as const,
    },
  ],
  response: [
    'Thank you for telling me plainly. I promised you a weekend cover plan for February and then said nothing when it slipped. That silence was mine, and so is what it cost Ravi and Samuel: months of weekends and tiredness you should not have carried.',
    '',
    'From now on, when something I promised slips, I will tell you in our Friday huddle the same week, with a new date. The cover plan itself I want to write with you, not for you; I will come back with a proposal for how we do that.',
  ].join('\n'),
  commitment: {
    theme: 0,
    action:
      'Every Friday huddle I go through my open promises to the team and say out loud which ones are late, with a new date',
    evidence: 'The list of open promises in the huddle notes, with dates, every Friday',
    schedule: {
      kind: 'recurring',
      pattern: { type: 'weekly', weekdays: ['friday'], timeOfDay: '15:00' },
    } satisfies Schedule,
  },
};
