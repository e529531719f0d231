import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COACH_CATEGORIES } from '../types.js';
import { evaluateCoach, parseCorpus } from './evaluate.js';

const corpus = parseCorpus(readFileSync(new URL('./corpus-en.jsonl', import.meta.url), 'utf8'));

describe('the labelled evaluation corpus', () => {
  it('has at least 400 examples, every category well represented, and plenty of neutral text', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    for (const category of COACH_CATEGORIES)
      expect(corpus.filter((e) => e.labels.includes(category)).length, category).toBeGreaterThanOrEqual(20);
    expect(corpus.filter((e) => e.labels.length === 0).length).toBeGreaterThanOrEqual(100);
  });

  it('scores F1 ≥ 0.85 in every category', () => {
    const { scores } = evaluateCoach(corpus);
    for (const score of scores)
      expect(score.f1, `${score.category}: ${JSON.stringify(score)}`).toBeGreaterThanOrEqual(0.85);
  });
});
