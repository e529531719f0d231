import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import type { CoachCategory } from './types.js';

const categoriesOf = (text: string) => new Set(analyze(text).findings.map((f) => f.category));

const CASES: Record<CoachCategory, { yes: string[]; no: string[] }> = {
  justify: {
    yes: [
      'I had no choice but to cut the budget.',
      'The fact is, the old process was too slow.',
      'Any leader would have done the same.',
      'Let me explain why I did it.',
    ],
    no: [
      'Let me explain the new expense tool.',
      'I won’t say I had no choice.',
      'We had a choice of three venues.',
    ],
  },
  deflect: {
    yes: [
      'Leadership decided this.',
      'Mistakes were made.',
      'It was decided last week.',
      'If you had told me, I would have helped.',
      'HR insisted on the wording.',
    ],
    no: [
      'The client decided to renew for a year.',
      'The mistakes in the sheet are fixed.',
      'I decided this alone.',
    ],
  },
  minimize: {
    yes: [
      'It was just a small change.',
      'It’s not a big deal.',
      'This was a misunderstanding.',
      'Only a few people were affected.',
      'You are overreacting.',
    ],
    no: [
      'I am not saying it was a small thing.',
      'A just decision needs a fair process.',
      'We will make a small change to the form.',
    ],
  },
  intent_over_impact: {
    yes: ['I never meant to hurt anyone.', 'My intentions were good.', 'I was only trying to help.'],
    no: ['It is not my intention to defend the decision here.', 'I meant to send this yesterday.'],
  },
  conditional_apology: {
    yes: [
      'I’m sorry if anyone was upset.',
      'I’m sorry you feel that way.',
      'We regret any confusion.',
      'I apologise, but the deadline was fixed.',
    ],
    no: [
      'I’m sorry. I decided without you.',
      'I’m sorry I made that call without you, but I want to hear what it cost you.',
    ],
  },
  relitigate: {
    yes: [
      'It was still the right call.',
      'As I said before, we had to.',
      'The decision stands.',
      'Let’s move on.',
    ],
    no: ['I’m not sure it was the right call.', 'I look forward to your answers.'],
  },
  acknowledge_impact: {
    yes: [
      'The change cost you two weeks of work.',
      'You found out from a slide deck.',
      'Many of you felt blindsided.',
    ],
    no: ['The outage affected customers in two regions.', 'The impact was minimal for you.'],
  },
  own: {
    yes: [
      'I made that call without asking you.',
      'That’s on me.',
      'I was wrong.',
      'I should have asked you first.',
    ],
    no: ['It’s not on me.', 'I made the coffee this morning.'],
  },
  open_question: {
    yes: [
      'What did you need that you didn’t get?',
      'How did this affect you?',
      'I’d like to hear how this landed for you.',
    ],
    no: [
      'Don’t you think it was right?',
      'Why would you say that?',
      'What time is the retro?',
      'How was I supposed to know?',
    ],
  },
  validate: {
    yes: ['Your frustration makes sense.', 'You have every right to be angry.', 'You’re right.'],
    no: ['You’re right next to the window.', 'It makes sense to batch the deploys.'],
  },
  specific_commitment: {
    yes: [
      'From Monday I will share the draft roadmap with you two days before it is decided.',
      'Every Friday I’ll post an update in the team channel.',
    ],
    no: ['I’ll try to share more.', 'I will be out of office on Monday.'],
  },
  vague_commitment: {
    yes: ['I’ll try to do better.', 'Going forward, I’ll communicate more.'],
    no: ['I’ll send the agenda every Monday.', 'I will be honest with you.'],
  },
  invite_feedback: {
    yes: ['Tell me if I slip.', 'Hold me to this.', 'If I decide alone again, call it out.'],
    no: ['Let me know if you have questions about the expense tool.', 'Tell me about your weekend!'],
  },
};

/**
 * Known mistakes of the learned model, kept visible. Each is expected to be wrong until a retrain fixes it, and
 * the test then says so. (None is a false alarm today: "We had a choice of three venues." stopped reading as
 * justifying when the model was trained on the 2 December writers.)
 */
const KNOWN_FALSE_ALARMS = new Set<string>();
/** An agentless passive alone ("It was decided") scores just under the deflect threshold since that retrain. */
const KNOWN_MISSES = new Set(['deflect: It was decided last week.']);

describe('analyze, per category', () => {
  for (const [category, { yes, no }] of Object.entries(CASES)) {
    it.each(yes)(`finds ${category} in %s`, (text) => {
      const known = KNOWN_MISSES.has(`${category}: ${text}`);
      expect(categoriesOf(text).has(category as CoachCategory), known ? 'a known miss is fixed' : '').toBe(
        !known,
      );
    });
    it.each(no)(`finds no ${category} in %s`, (text) => {
      const known = KNOWN_FALSE_ALARMS.has(`${category}: ${text}`);
      expect(
        categoriesOf(text).has(category as CoachCategory),
        known ? 'a known false alarm is fixed' : '',
      ).toBe(known);
    });
  }
});

describe('analyze', () => {
  const ACCEPTANCE =
    'I’m sorry if anyone was upset, but the decision was the right one and it was only a small change';

  it('marks the three defensive moves of the acceptance sentence, with suggestions', () => {
    const { findings, summary } = analyze(ACCEPTANCE);
    expect(findings.map((f) => f.category).sort()).toEqual(['conditional_apology', 'minimize', 'relitigate']);
    for (const f of findings) {
      expect(ACCEPTANCE.slice(f.start, f.end)).toBe(f.text);
      expect(f.kind).toBe('defensive');
      expect(f.suggestion?.length).toBeGreaterThan(20);
    }
    expect(summary.defensiveCount).toBe(3);
    expect(summary.nextSteps.length).toBeGreaterThanOrEqual(2);
    expect(summary.nextSteps.length).toBeLessThanOrEqual(3);
  });

  it('reads straight and curly apostrophes and quotes alike', () => {
    const straight = analyze("I'm sorry if anyone was upset. That's on me.").findings.map((f) => f.category);
    const curly = analyze('I’m sorry if anyone was upset. That’s on me.').findings.map((f) => f.category);
    expect(curly).toEqual(straight);
    expect(straight).toEqual(['conditional_apology', 'own']);
  });

  it('ignores words in quotation marks and what others said', () => {
    // The quoted words are not the leader's minimising; the rest of the sentence validates (and may also be
    // read as naming the anger's cause).
    const quoting = analyze(
      'You called it “just a small change”, and you were right to be angry.',
    ).findings.map((f) => f.category);
    expect(quoting).toContain('validate');
    expect(quoting).not.toContain('minimize');
    expect(analyze('Some of you said it was only a small change.').findings).toEqual([]);
  });

  it('finds moves in several sentences on one line and in lists', () => {
    const text = '- Leadership decided this.\n- It was just a tweak.\n* Tell me if I slip.';
    expect(analyze(text).findings.map((f) => f.category)).toEqual(['deflect', 'minimize', 'invite_feedback']);
  });

  it('handles empty input', () => {
    const { findings, summary } = analyze('');
    expect(findings).toEqual([]);
    expect(summary.nextSteps).toEqual([]);
    expect(summary.supported).toBe(true);
  });

  it('says other languages are not supported instead of guessing', () => {
    for (const text of [
      'Es tut mir leid, wenn sich jemand übergangen gefühlt hat, aber die Entscheidung war richtig.',
      'Je suis désolé si quelqu’un a été contrarié, mais la décision était la bonne.',
      '決定が正しかったと思いますが、皆さんに相談しなかったことをお詫びします。',
    ]) {
      const { findings, summary } = analyze(text);
      expect(findings).toEqual([]);
      expect(summary.supported).toBe(false);
      expect(summary.notice).toMatch(/English/);
    }
  });

  it('weighs responsibility and repair most among the parts of an apology', () => {
    const full = analyze(
      'I’m sorry. I made the call without asking you, and that’s on me. From Monday I will share every draft with you two days before it is decided. I have learned from this. Please forgive me.',
    ).summary.apology;
    expect(full.present).toEqual(
      expect.arrayContaining(['regret', 'responsibility', 'repair', 'repentance', 'forgiveness']),
    );
    const regretOnly = analyze('I’m so sorry about all this.').summary.apology;
    expect(regretOnly.present).toEqual(['regret']);
    expect(full.score).toBeGreaterThan(regretOnly.score + 5);
  });

  it('measures explaining against listening', () => {
    const explaining = analyze(
      'We had no choice. The fact is the budget was cut. Leadership decided it.',
    ).summary;
    const listening = analyze('How did this affect you? Your frustration makes sense.').summary;
    expect(explaining.explainShare).toBeGreaterThan(0.9);
    expect(explaining.listenShare).toBe(0);
    expect(listening.listenShare).toBeGreaterThan(0.9);
  });

  it('orders the next steps by breach kind', () => {
    const text = 'Let’s move on. I never meant to hurt anyone.';
    const voice = analyze(text, { breachKinds: ['voice'] }).summary.nextSteps;
    const sincerity = analyze(text, { breachKinds: ['sincerity'] }).summary.nextSteps;
    expect(voice[0]?.text).toMatch(/re-arguing/);
    expect(sincerity[0]?.text).toMatch(/intent/i);
    const care = analyze('I made that call without asking you.', { breachKinds: ['care'] }).summary.nextSteps;
    expect(care[0]?.text).toMatch(/effect on them/);
  });
});

describe('words that are also names of object properties', () => {
  it('are read as words, never looked up on a prototype', () => {
    for (const word of ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty']) {
      expect(() => analyze(`The ${word} isn't the problem; I'm sorry if ${word} upset you.`)).not.toThrow();
    }
    expect(analyze("I'm sorry if the constructor upset you.").findings.map((f) => f.category)).toContain(
      'conditional_apology',
    );
  });
});
