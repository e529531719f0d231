import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COACH_CATEGORIES } from '../types.js';
import { evaluateCoach, parseCorpus } from './evaluate.js';

const read = (path: string) => parseCorpus(readFileSync(new URL(path, import.meta.url), 'utf8'));
const corpus = read('./corpus-en.jsonl');
const validation = read('../data/validation-en.jsonl');
const train = read('../data/train-en.jsonl');

describe('the labelled data', () => {
  it('has every category well represented, and plenty of neutral text, in each split', () => {
    for (const [split, min] of [
      [corpus, 20],
      [train, 150],
      [validation, 20],
    ] as const) {
      for (const category of COACH_CATEGORIES)
        expect(split.filter((e) => e.labels.includes(category)).length, category).toBeGreaterThanOrEqual(min);
      expect(split.filter((e) => e.labels.length === 0).length).toBeGreaterThanOrEqual(100);
    }
  });

  it('keeps validation apart from training', () => {
    const trained = new Set(train.map((e) => e.text.trim().toLowerCase()));
    expect(validation.filter((e) => trained.has(e.text.trim().toLowerCase()))).toEqual([]);
  });
});

describe('the coach on held-out writers (validation: its thresholds were chosen there, nothing else)', () => {
  const result = evaluateCoach(validation);

  it('scores macro F1 ≥ 0.85 with no category below 0.65', () => {
    expect(result.macroF1).toBeGreaterThanOrEqual(0.85);
    for (const score of result.scores)
      expect(score.f1, `${score.category}: ${JSON.stringify(score)}`).toBeGreaterThanOrEqual(0.65);
  });

  it('leaves at least 97% of neutral items without a finding', () => {
    expect(result.neutralFalseAlarmRate).toBeLessThanOrEqual(0.03);
  });
});

describe('the coach on the rules’ own corpus (in-sample)', () => {
  it('still scores F1 ≥ 0.9 in every category', () => {
    for (const score of evaluateCoach(corpus).scores)
      expect(score.f1, `${score.category}: ${JSON.stringify(score)}`).toBeGreaterThanOrEqual(0.9);
  });
});
