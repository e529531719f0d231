import { describe, expect, it } from 'vitest';
import { perspectiveGap } from './perspective-gap.js';
import { stem, terms } from './text-terms.js';

const questions = [{ id: 'impact' }, { id: 'need' }];

describe('terms', () => {
  it('keeps meaningful words, stemmed, without stop words, punctuation or case', () => {
    expect([...terms("We weren't asked about the Roadmap decisions; I'm angry.")].sort()).toEqual(
      ['angry', 'ask', 'decision', 'roadmap'].map(stem).sort(),
    );
  });
  it('brings inflections of a word together', () => {
    expect(stem('decisions')).toBe(stem('decision'));
    expect(stem('meetings')).toBe(stem('meeting'));
    expect(stem('processes')).toBe(stem('process'));
    expect(stem('comments')).toBe(stem('comment'));
  });
  it('keeps different words apart', () => {
    expect(stem('comes')).not.toBe(stem('comment'));
    expect(stem('commute')).not.toBe(stem('comment'));
    expect(stem('process')).not.toBe(stem('proceed'));
  });
});

describe('perspectiveGap', () => {
  it('is 0 when the forecast used every word people used, and 1 when it used none', () => {
    const answers = [{ questionId: 'impact', text: 'Stressful deadline' }];
    expect(perspectiveGap(questions, { impact: 'A stressful deadline' }, answers).overall).toBe(0);
    expect(perspectiveGap(questions, { impact: 'Nothing much' }, answers).overall).toBe(1);
  });

  it('weights words by how many answers use them', () => {
    const answers = [
      { questionId: 'impact', text: 'roadmap surprise' },
      { questionId: 'impact', text: 'roadmap' },
      { questionId: 'impact', text: 'roadmap' },
    ];
    // roadmap carries 3 of 4 units of weight; the forecast anticipated only "surprise".
    const result = perspectiveGap(questions, { impact: 'a surprise' }, answers);
    expect(result.questions[0]?.gap).toBeCloseTo(0.75, 10);
    expect(result.questions[0]?.missed).toEqual(['roadmap']);
  });

  it('averages over questions that have answers and ignores the others', () => {
    const answers = [
      { questionId: 'impact', text: 'stress' },
      { questionId: 'need', text: 'consultation' },
    ];
    const result = perspectiveGap(questions, { impact: 'stress', need: 'nothing' }, answers);
    expect(result.questions.map((q) => q.gap)).toEqual([0, 1]);
    expect(result.overall).toBe(0.5);
    expect(perspectiveGap(questions, {}, []).overall).toBeNull();
  });

  it('names missed words as people wrote them, not as stems', () => {
    const answers = [
      { questionId: 'impact', text: 'Everyone was stressed; the release got cancelled.' },
      { questionId: 'impact', text: 'Cancelled plans again.' },
    ];
    const { questions: qs } = perspectiveGap(questions, { impact: 'release' }, answers);
    expect(qs[0]?.missed).toContain('cancelled');
    expect(qs[0]?.missed).toContain('stressed');
    expect(qs[0]?.missed).not.toContain('cancel');
  });

  it('never shows filler words as what the forecast missed', () => {
    const answers = [
      {
        questionId: 'impact',
        text: 'Everyone felt a bit ignored; someone else had actually done it already.',
      },
      { questionId: 'impact', text: 'Nothing else, honestly. Everyone was ignored.' },
    ];
    const { questions: qs } = perspectiveGap(questions, { impact: 'tired' }, answers);
    expect(qs[0]?.missed).toEqual(['ignored']);
  });

  it('always lies between 0 and 1', () => {
    const answers = Array.from({ length: 20 }, (_, i) => ({
      questionId: i % 2 ? 'impact' : 'need',
      text: `word${i} shared thing ${i}`,
    }));
    const { overall, questions: qs } = perspectiveGap(
      questions,
      { impact: 'shared word1', need: 'word2' },
      answers,
    );
    for (const value of [overall, ...qs.map((q) => q.gap)]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });
});
