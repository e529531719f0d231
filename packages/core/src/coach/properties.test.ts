import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { checkCommitment } from './commitment.js';

const PHRASES = [
  'I’m sorry if anyone was upset, but',
  'the decision was the right one',
  'it was only a small change.',
  'Leadership decided this.',
  'That’s on me.',
  'How did this affect you?',
  'I’ll try to do better.',
  'Tell me if I slip.',
  '“just a small change”',
  'not',
  "I'd",
  'won’t',
  '\n- ',
  ', ',
  '?',
];
const draft = fc
  .array(fc.oneof(fc.constantFrom(...PHRASES), fc.string(), fc.string({ unit: 'grapheme' })), {
    maxLength: 20,
  })
  .map((parts) => parts.join(' '));
const anyText = fc.oneof(
  draft,
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

describe('analyze, for any input', () => {
  it('returns offsets that slice the input to the reported text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const f of analyze(text).findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.start).toBeLessThan(f.end);
          expect(text.slice(f.start, f.end)).toBe(f.text);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never returns overlapping findings within a category', () => {
    fc.assert(
      fc.property(draft, (text) => {
        const byCategory = new Map<string, { start: number; end: number }[]>();
        for (const f of analyze(text).findings)
          byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
        for (const list of byCategory.values()) {
          const sorted = [...list].sort((a, b) => a.start - b.start);
          for (let i = 1; i < sorted.length; i++)
            expect(sorted[i]?.start).toBeGreaterThanOrEqual(sorted[i - 1]?.end ?? 0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, on random Unicode too', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.constantFrom(undefined, ['voice' as const], ['care' as const, 'competence' as const]),
        (text, breachKinds) => {
          const result = analyze(text, breachKinds ? { breachKinds } : {});
          expect(result.summary.nextSteps.length).toBeLessThanOrEqual(3);
          checkCommitment(text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads 1 MB in well under a second (linear time)', () => {
    const unit = 'I’m sorry if anyone was upset, but the decision was the right one. What did you need? ';
    const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const adversarial = `${'sorry '.repeat(100_000)}${'if '.repeat(60_000)}`;
    for (const text of [big, adversarial]) {
      const started = performance.now();
      analyze(text);
      expect(performance.now() - started).toBeLessThan(3000);
    }
  });
});
