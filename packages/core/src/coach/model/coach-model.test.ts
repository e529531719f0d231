import { describe, expect, it } from 'vitest';
import { ENGLISH } from '../rules/en/index.js';
import { COACH_CATEGORIES } from '../types.js';
import { CoachModel } from './coach-model.js';
import { featurize } from './featurize.js';
import { scoreText } from './score-text.js';
import { serializeModel } from './serialize.js';
import { trainLogistic } from './train.js';
import { trainingExamples } from './training-examples.js';
import { GrowingUnits } from './units.js';
import { EN_MODEL } from './weights-en.js';

const ITEMS = [
  { text: 'I made that call without asking you.', labels: ['own' as const] },
  { text: 'It was only a small change.', labels: ['minimize' as const] },
  { text: 'Leadership decided this, not me.', labels: ['deflect' as const] },
  { text: 'The printer on floor two is fixed.', labels: [] },
  {
    text: 'I decided alone. You lost a weekend to it.',
    labels: ['own' as const, 'acknowledge_impact' as const],
    sentences: [
      { text: 'I decided alone.', labels: ['own' as const] },
      { text: 'You lost a weekend to it.', labels: ['acknowledge_impact' as const] },
    ],
  },
];
const OPTIONS = {
  categories: COACH_CATEGORIES.length + 1,
  epochs: 5,
  l2: 1e-4,
  l1: 0,
  learningRate: 0.2,
  seed: 7,
  minCount: 1,
};

function train() {
  const units = new GrowingUnits(ENGLISH);
  const examples = ITEMS.flatMap((item) => trainingExamples(item, units));
  const thresholds = [...COACH_CATEGORIES.map(() => 0), 0];
  return serializeModel(
    trainLogistic(examples, OPTIONS),
    units.names,
    COACH_CATEGORIES,
    thresholds,
    16,
    true,
  );
}

describe('the coach model', () => {
  it('trains deterministically: the same data gives the same weights file', () => {
    expect(JSON.stringify(train())).toBe(JSON.stringify(train()));
  });

  it('gives each sentence of a message its own labels when training', () => {
    const units = new GrowingUnits(ENGLISH);
    const [first, second] = trainingExamples(ITEMS[4] as (typeof ITEMS)[4], units);
    expect(first?.labels).toBe(1 << COACH_CATEGORIES.indexOf('own'));
    expect(second?.labels).toBe(1 << COACH_CATEGORIES.indexOf('acknowledge_impact'));
  });

  it('scores a sentence as the sum of the weights of its features (the packed table agrees with the lists)', () => {
    const model = new CoachModel(
      EN_MODEL,
      ENGLISH,
      EN_MODEL.thresholds.map(() => 0),
      0,
      0,
    );
    const weights = new Map<number, Map<number, number>>();
    // The reference: the weights file read naively.
    let key = 0;
    const rows = EN_MODEL.weights.split(';');
    EN_MODEL.features.split(',').forEach((encoded, r) => {
      key += Number.parseInt(encoded, 36);
      const row = new Map<number, number>();
      for (const [, letter, value] of (rows[r] as string).matchAll(/([A-Z])([^A-Z]+)/g))
        row.set((letter as string).charCodeAt(0) - 65, Number.parseInt(value as string, 36) / EN_MODEL.scale);
      weights.set(key, row);
    });
    const text = 'I’m sorry if anyone was upset, but it was only a small change. How did it land for you?';
    const expected = featurize(text, model.units).map(({ keys }) =>
      Array.from({ length: model.width }, (_, c) => {
        let sum = (EN_MODEL.bias[c] ?? 0) / EN_MODEL.scale;
        for (const k of keys) sum += weights.get(k)?.get(c) ?? 0;
        return sum;
      }),
    );
    const actual = scoreText(text, model).map(({ margins }) => Array.from(margins));
    expect(actual.length).toBe(2);
    actual.forEach((row, s) => {
      row.forEach((v, c) => {
        expect(v).toBeCloseTo(expected[s]?.[c] ?? Number.NaN, 4);
      });
    });
  });

  it('is small enough to ship to the browser, and knows every category', () => {
    expect(EN_MODEL.categories).toEqual([...COACH_CATEGORIES]);
    expect(EN_MODEL.gate).toBe(true);
    // About 380 KB gzipped at 930,000 characters: the coach's code and data must stay under 600 KB gzipped.
    expect(EN_MODEL.features.length + EN_MODEL.weights.length + EN_MODEL.units.length).toBeLessThan(
      1_100_000,
    );
  });
});
