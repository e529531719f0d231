/** The demo's two repairs: one still listening, one whose answers are in, with a follow-up and themes. */
type Answers = { impact: string; need: string; restore: string };

export const LISTENING_REPAIR = {
  team: 'Patient Portal',
  leader: 'priya.raman@example.org',
  title: 'I promised the clinic a release date without asking the team',
  description:
    'In the steering meeting I told the clinic the new appointment booking would ship on 1 March. I did not check with the team first, and the date left no room for testing.',
  forecast: {
    impact: 'Probably some frustration, mostly about the extra hours before the deadline.',
    need: 'To be asked before I commit to a date.',
    restore: 'That I check with them before giving dates in future.',
  },
  /** Fewer than the threshold of three, so the leader still sees nothing. */
  answers: [
    {
      impact:
        'I heard the date from the clinic manager, not from you. It made me feel like our estimates did not matter.',
      need: 'Ten minutes in stand-up before the meeting. We would have told you testing needs two more weeks.',
      restore: 'Dates come from the team, and you defend them when the clinic pushes back.',
    },
    {
      impact: 'I worked two weekends. My partner asked me if this job is always like this.',
      need: 'Honesty that the date was a guess, so we could plan instead of panic.',
      restore: 'Say it out loud when you have made a mistake like this. You just did, so that is a start.',
    },
  ] satisfies Answers[],
};

export const REVEALED_REPAIR = {
  team: 'Data Platform',
  leader: 'tomas.herrera@example.org',
  title: 'I changed the on-call rota without asking anyone',
  description:
    'When two people left, I rewrote the on-call rota over a weekend and published it on Monday. Nobody was asked, and some people ended up with three weekends in a row.',
  forecast: {
    impact: 'Some annoyance about the extra weekends, but people understood we were short-staffed.',
    need: 'More notice before the rota changed.',
    restore: 'Publishing the rota earlier next time.',
  },
  answers: [
    {
      impact:
        'I had three weekends on call in a row, including my daughter’s birthday. I found out from a calendar invite.',
      need: 'To be asked. I would have swapped with someone gladly if I had known.',
      restore: 'A say in the rota before it is published, not after.',
    },
    {
      impact:
        'Honestly, not much on the rota itself. What hurt was that it felt like our opinions are a formality.',
      need: 'An explanation of why, and a chance to suggest another way. Omar and I had a plan for this.',
      restore: 'When something affects all of us, ask the team first, even if the answer is short.',
    },
    {
      impact: 'I stopped trusting that my time off is really mine. I check my calendar every evening now.',
      need: 'Clear rules for how on-call is shared, so it does not depend on who is in the room.',
      restore:
        'Written rules for the rota that we agree on together, and a way to swap shifts without asking you.',
    },
    {
      impact:
        'I was tired and angry. I am the only one who knows the billing pipeline, so I was on call the most.',
      need: 'Someone to notice that the load was unfair and say so.',
      restore: 'Share the billing knowledge so it is not always me, and keep an eye on who carries the load.',
    },
  ] satisfies Answers[],
  /** The one answer that chose to carry a name. */
  namedIndex: 3,
  namedAs: 'Kwame Mensah',
  followUp: {
    onAnswer: 0,
    question: 'restore' as const,
    ask: 'When you say a say in the rota, what would work for you: a draft we review together, or something else?',
    reply:
      'A draft two weeks ahead that we can comment on. A vote feels like too much; I just want to be able to say “this week does not work” before it is fixed.',
  },
  themes: [
    {
      name: 'Decided about us without us',
      need: 'To be asked before decisions about our time',
      acknowledgement:
        'I changed your weekends without asking a single one of you. I told myself there was no time, but there was time to ask, and I did not. That was my choice and it was wrong.',
      answers: [
        [0, 'need'],
        [1, 'impact'],
        [1, 'restore'],
      ],
    },
    {
      name: 'On-call is not shared fairly',
      need: 'Fair, written rules for on-call that the team agrees on',
      acknowledgement:
        'Some of you carried far more nights and weekends than others, Kwame most of all, and I did not notice. Fairness was my job, not yours.',
      answers: [
        [2, 'need'],
        [2, 'restore'],
        [3, 'impact'],
        [3, 'restore'],
      ],
    },
  ] as { name: string; need: string; acknowledgement: string; answers: [number, keyof Answers][] }[],
};
