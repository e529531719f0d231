import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitmentCoverage } from './commitment-coverage.js';

const themes = [{ id: 't1' }, { id: 't2' }, { id: 't3' }];

describe('commitmentCoverage', () => {
  it('marks each theme committed, reasoned or unanswered', () => {
    const result = commitmentCoverage({
      themes,
      commitments: [{ id: 'c1', themeIds: ['t1'] }],
      reasons: [{ themeId: 't2', reason: 'Pay is set by the works council, not by me.' }],
    });
    expect(result.themes.map((t) => t.state)).toEqual(['committed', 'reasoned', 'unanswered']);
    expect(result.themes[0]?.commitmentIds).toEqual(['c1']);
    expect(result.coverage).toBeCloseTo(2 / 3, 10);
    expect(result.canDemonstrate).toBe(false);
  });

  it('allows demonstrating once every theme is answered', () => {
    const result = commitmentCoverage({
      themes,
      commitments: [{ id: 'c1', themeIds: ['t1', 't3', 't3'] }],
      reasons: [{ themeId: 't2', reason: 'Out of my hands.' }],
    });
    expect(result.coverage).toBe(1);
    expect(result.canDemonstrate).toBe(true);
    expect(result.themes[2]?.commitmentIds).toEqual(['c1']);
  });

  it('prefers a commitment over a reason, and ignores retired commitments and blank reasons', () => {
    const result = commitmentCoverage({
      themes,
      commitments: [
        { id: 'old', themeIds: ['t1'], retired: true },
        { id: 'c2', themeIds: ['t2'] },
      ],
      reasons: [
        { themeId: 't1', reason: '   ' },
        { themeId: 't2', reason: 'Also a reason.' },
        { themeId: 'unknown', reason: 'Not a theme here.' },
      ],
    });
    expect(result.themes.map((t) => t.state)).toEqual(['unanswered', 'committed', 'unanswered']);
  });

  it('has null coverage with no themes', () => {
    expect(commitmentCoverage({ themes: [], commitments: [], reasons: [] })).toEqual({
      themes: [],
      coverage: null,
      canDemonstrate: true,
    });
  });

  it('keeps coverage in [0, 1] and allows demonstrating exactly when nothing is unanswered', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    fc.assert(
      fc.property(
        fc.uniqueArray(ids).map((xs) => xs.map((id) => ({ id }))),
        fc.array(fc.record({ id: fc.string(), themeIds: fc.array(ids), retired: fc.boolean() })),
        fc.array(fc.record({ themeId: ids, reason: fc.string() })),
        (themeList, commitments, reasons) => {
          const r = commitmentCoverage({ themes: themeList, commitments, reasons });
          expect(r.themes).toHaveLength(themeList.length);
          if (r.coverage !== null) {
            expect(r.coverage).toBeGreaterThanOrEqual(0);
            expect(r.coverage).toBeLessThanOrEqual(1);
          }
          expect(r.canDemonstrate).toBe(r.themes.every((t) => t.state !== 'unanswered'));
        },
      ),
    );
  });
});
