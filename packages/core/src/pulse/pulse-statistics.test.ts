import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changeBetween,
  type Estimate,
  estimateTrust,
  scoreOfScalePoint,
  sumHistograms,
} from './pulse-statistics.js';

// ---- Independent helpers: a seeded RNG, a gamma sampler and a multinomial draw, written from scratch here. ----

/** mulberry32: a small, seeded 32-bit generator; uniform in [0, 1). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Marsaglia & Tsang (2000); for shape < 1, Gamma(a) = Gamma(a + 1) · U^(1/a). */
function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function dirichlet(alpha: readonly number[], random: () => number): number[] {
  const g = alpha.map((a) => gamma(a, random));
  const sum = g.reduce((s, x) => s + x, 0);
  return g.map((x) => x / sum);
}

/** n independent answers from `probabilities` (answer v+1 with probability probabilities[v]), as a histogram. */
function draw(probabilities: readonly number[], n: number, random: () => number): number[] {
  const histogram = [0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    let u = random();
    let v = 0;
    while (v < 6 && u >= (probabilities[v] ?? 0)) {
      u -= probabilities[v] ?? 0;
      v++;
    }
    histogram[v] = (histogram[v] ?? 0) + 1;
  }
  return histogram;
}

const SCORE = [0, 1, 2, 3, 4, 5, 6].map((i) => (i / 6) * 100);

function meanAndSd(xs: readonly number[]): { mean: number; sd: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

describe('estimateTrust: hand-derived cases', () => {
  it('maps scale points to 0..100', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(scoreOfScalePoint)).toEqual(SCORE);
  });

  it('3 people all answering 4', () => {
    // Work on the 1..7 scale, then convert (score = (v − 1)/6 × 100, sd × 100/6).
    // α = 1/7 at every point, plus 3 at v=4; α0 = 3 + 1 = 4.
    // E[v]  = (1/7·(1+…+7) + 3·4) / 4 = (28/7 + 12)/4 = (4 + 12)/4 = 4            → mean 50
    // E[v²] = (1/7·(1+4+…+49) + 3·16) / 4 = (140/7 + 48)/4 = (20 + 48)/4 = 17
    // spread = 17 − 4² = 1; variance of the mean = spread / n = 1/3                → sd = √(1/3) · 100/6
    const sd = (Math.sqrt(1 / 3) * 100) / 6; // 9.6225
    const e = estimateTrust([0, 0, 0, 3, 0, 0, 0], 3);
    expect(e.mean).toBeCloseTo(50, 10);
    expect(e.sd).toBeCloseTo(sd, 10);
    expect(e.low).toBeCloseTo(50 - 1.96 * sd, 10); // 31.140
    expect(e.high).toBeCloseTo(50 + 1.96 * sd, 10); // 68.860
    expect(e.respondents).toBe(3);
  });

  it('3 people all answering 7: pulled toward the middle, interval clipped at 100, never zero-width', () => {
    // α = 1/7 everywhere, plus 3 at v=7; α0 = 4.
    // E[v]  = (4 + 3·7)/4 = 25/4 = 6.25                                            → mean (5.25/6)·100 = 87.5
    // E[v²] = (20 + 3·49)/4 = 167/4 = 41.75; spread = 41.75 − 6.25² = 2.6875; var = 2.6875/3
    const sd = (Math.sqrt(2.6875 / 3) * 100) / 6; // 15.775
    const e = estimateTrust([0, 0, 0, 0, 0, 0, 3], 3);
    expect(e.mean).toBeCloseTo(87.5, 10);
    expect(e.sd).toBeCloseTo(sd, 10);
    expect(e.low).toBeCloseTo(87.5 - 1.96 * sd, 10); // 56.581
    expect(e.high).toBe(100);
  });

  it('counts each respondent once however many items they answered', () => {
    // 3 people answered two items: six item answers, three 4s and three 7s. Weights w = 3·h/6 = 1.5 at 4 and 7.
    // α0 = 4; E[v] = (4 + 1.5·4 + 1.5·7)/4 = 20.5/4 = 5.125 → mean (4.125/6)·100 = 68.75
    // E[v²] = (20 + 1.5·16 + 1.5·49)/4 = 117.5/4 = 29.375; spread = 29.375 − 5.125² = 3.109375; var = 3.109375/3
    const e = estimateTrust([0, 0, 0, 3, 0, 0, 3], 3);
    expect(e.mean).toBeCloseTo(68.75, 10);
    expect(e.sd).toBeCloseTo((Math.sqrt(3.109375 / 3) * 100) / 6, 10);
    expect(estimateTrust([0, 0, 0, 1.5, 0, 0, 1.5], 3)).toEqual(e);
  });

  it('rejects malformed input and empty samples', () => {
    expect(() => estimateTrust([1, 2, 3], 3)).toThrow(RangeError);
    expect(() => estimateTrust([0, 0, 0, -1, 0, 0, 4], 3)).toThrow(RangeError);
    expect(() => estimateTrust([0, 0, 0, Number.NaN, 0, 0, 4], 3)).toThrow(RangeError);
    expect(() => estimateTrust([0, 0, 0, Number.POSITIVE_INFINITY, 0, 0, 4], 3)).toThrow(RangeError);
    expect(() => estimateTrust([0, 0, 0, 3, 0, 0, 0], 0)).toThrow(RangeError);
    expect(() => estimateTrust([0, 0, 0, 3, 0, 0, 0], -1)).toThrow(RangeError);
    expect(() => estimateTrust([0, 0, 0, 0, 0, 0, 0], 3)).toThrow(RangeError);
  });

  it('sums histograms', () => {
    expect(sumHistograms([])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(
      sumHistograms([
        [1, 0, 0, 2, 0, 0, 1],
        [0, 1, 0, 1, 0, 0.5, 0],
      ]),
    ).toEqual([1, 1, 0, 3, 0, 0.5, 1]);
    expect(() => sumHistograms([[1, 2]])).toThrow(RangeError);
  });
});

describe('estimateTrust: Monte Carlo check of the Dirichlet posterior', () => {
  const cases: [string, number[], number][] = [
    ['3 unanimous 7s', [0, 0, 0, 0, 0, 0, 3], 3],
    ['5 mixed', [1, 0, 1, 1, 0, 2, 0], 5],
    ['polarised 8', [4, 0, 0, 0, 0, 0, 4], 8],
    ['two items, 6 people', [0, 1, 2, 3, 4, 1, 1], 6],
    ['12 mostly agree', [0, 0, 1, 1, 3, 4, 3], 12],
  ];
  const SAMPLES = 40_000;

  // estimateTrust widens the posterior's sd by √((n + 2) / n) (see STATISTICS.md); the sample checks the posterior.
  it.each(cases)('%s: sampled mean within 0.25 points and sd within 2%% of the posterior', (_, h, n) => {
    const random = rng(20250630 + n);
    const total = h.reduce((s, x) => s + x, 0);
    const alpha = h.map((count) => (n * count) / total + 1 / 7);
    const scores: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const p = dirichlet(alpha, random);
      scores.push(p.reduce((s, share, v) => s + share * (SCORE[v] ?? 0), 0));
    }
    const sampled = meanAndSd(scores);
    const e = estimateTrust(h, n);
    expect(Math.abs(sampled.mean - e.mean)).toBeLessThan(0.25);
    expect(Math.abs(sampled.sd / (e.sd * Math.sqrt(n / (n + 2))) - 1)).toBeLessThan(0.02);
  });
});

describe('estimateTrust: properties', () => {
  const shares = fc
    .array(fc.integer({ min: 0, max: 20 }), { minLength: 7, maxLength: 7 })
    .filter((h) => h.some((x) => x > 0));

  it('the interval holds the mean, lies in [0, 100] and is never zero-width', () => {
    fc.assert(
      fc.property(shares, fc.integer({ min: 1, max: 500 }), (h, n) => {
        const e = estimateTrust(h, n);
        expect(e.low).toBeLessThanOrEqual(e.mean);
        expect(e.mean).toBeLessThanOrEqual(e.high);
        expect(e.low).toBeGreaterThanOrEqual(0);
        expect(e.high).toBeLessThanOrEqual(100);
        expect(e.high - e.low).toBeGreaterThan(0);
        expect(e.sd).toBeGreaterThan(0);
      }),
    );
  });

  it('narrows (weakly) as more respondents give the same answer shares', () => {
    fc.assert(
      fc.property(
        shares,
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (h, n, extra) => {
          const fewer = estimateTrust(h, n);
          const more = estimateTrust(h, n + extra);
          expect(more.sd).toBeLessThanOrEqual(fewer.sd + 1e-9);
          expect(more.high - more.low).toBeLessThanOrEqual(fewer.high - fewer.low + 1e-9);
        },
      ),
    );
  });
});

describe('estimateTrust: coverage of the true mean in repeated small samples', () => {
  // True answer distributions (shares of answers 1..7), one item per respondent, with the coverage each must
  // reach at n = 5, 8 and 12. With the posterior's own spread (shrinking like 1/(n + 2)) uniform answers were
  // covered only 88% of the time at n = 5; with the spread divided by n every case reaches 90%.
  const truths: [string, number[], number][] = [
    ['centred', [0, 0.05, 0.2, 0.5, 0.2, 0.05, 0], 0.9],
    ['high', [0, 0, 0, 0.05, 0.15, 0.4, 0.4], 0.9],
    ['low', [0.3, 0.3, 0.2, 0.1, 0.1, 0, 0], 0.9],
    ['nearly unanimous', [0, 0, 0, 0, 0, 0.1, 0.9], 0.9],
    ['uniform (widely spread)', [1 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7], 0.9],
    ['polarised (widely spread)', [0.45, 0.05, 0, 0, 0, 0.05, 0.45], 0.9],
  ];
  const RUNS = 2_000;

  it.each(truths)('%s: the 95%% interval covers the true mean often enough', (name, p, floor) => {
    const truth = p.reduce((s, share, v) => s + share * (SCORE[v] ?? 0), 0);
    const observed: Record<number, number> = {};
    for (const n of [5, 8, 12]) {
      const random = rng(name.length * 1000 + n);
      let covered = 0;
      for (let run = 0; run < RUNS; run++) {
        const e = estimateTrust(draw(p, n, random), n);
        if (e.low <= truth && truth <= e.high) covered++;
      }
      observed[n] = covered / RUNS;
    }
    reportCoverage(name, observed);
    for (const coverage of Object.values(observed)) expect(coverage).toBeGreaterThanOrEqual(floor);
  });

  it('two correlated items per respondent: counting each person once keeps coverage', () => {
    // Each person has a level L (shares below) and answers the two items L and L ± 1 (each equally likely,
    // clamped to the scale). The true mean averages over levels, offsets and both items.
    const levels = [0.05, 0.1, 0.15, 0.2, 0.25, 0.15, 0.1];
    const secondOf = (level: number, offset: number): number => Math.min(6, Math.max(0, level + offset));
    let truth = 0;
    levels.forEach((share, level) => {
      for (const offset of [-1, 1]) {
        truth += share * 0.5 * (((SCORE[level] ?? 0) + (SCORE[secondOf(level, offset)] ?? 0)) / 2);
      }
    });
    const observed: Record<number, number> = {};
    for (const n of [5, 8, 12]) {
      const random = rng(777 + n);
      let covered = 0;
      for (let run = 0; run < RUNS; run++) {
        const h = [0, 0, 0, 0, 0, 0, 0];
        for (let person = 0; person < n; person++) {
          const level = draw(levels, 1, random).indexOf(1);
          const second = secondOf(level, random() < 0.5 ? -1 : 1);
          h[level] = (h[level] ?? 0) + 1;
          h[second] = (h[second] ?? 0) + 1;
        }
        const e = estimateTrust(h, n);
        if (e.low <= truth && truth <= e.high) covered++;
      }
      observed[n] = covered / RUNS;
    }
    reportCoverage('two correlated items', observed);
    for (const coverage of Object.values(observed)) expect(coverage).toBeGreaterThanOrEqual(0.9);
  });
});

function reportCoverage(name: string, observed: Record<number, number>): void {
  if (import.meta.env?.PULSE_REPORT) {
    // Printed only on request, for the documentation's coverage table.
    console.info(`coverage ${name}: ${JSON.stringify(observed)}`);
  }
}

describe('changeBetween', () => {
  const at = (mean: number, sd: number): Estimate => ({
    mean,
    sd,
    low: mean - 1.96 * sd,
    high: mean + 1.96 * sd,
    respondents: 8,
  });

  it('calls a clear rise an improvement', () => {
    // difference 30, half-width 1.96·√(5² + 5²) = 1.96·7.071 = 13.86 → [16.14, 43.86]
    const change = changeBetween(at(70, 5), at(40, 5));
    expect(change.difference).toBeCloseTo(30, 10);
    expect(change.low).toBeCloseTo(30 - 1.96 * Math.sqrt(50), 10);
    expect(change.high).toBeCloseTo(30 + 1.96 * Math.sqrt(50), 10);
    expect(change.verdict).toBe('improvement');
  });

  it('calls a clear fall a decline', () => {
    // difference −25, half-width 1.96·√(3² + 4²) = 1.96·5 = 9.8 → [−34.8, −15.2]
    const change = changeBetween(at(45, 3), at(70, 4));
    expect(change.low).toBeCloseTo(-34.8, 10);
    expect(change.high).toBeCloseTo(-15.2, 10);
    expect(change.verdict).toBe('decline');
  });

  it('calls overlapping estimates no clear change', () => {
    // difference 10, half-width 1.96·√(6² + 8²) = 19.6 → [−9.6, 29.6]
    expect(changeBetween(at(60, 6), at(50, 8)).verdict).toBe('no_clear_change');
    expect(changeBetween(at(50, 8), at(60, 6)).verdict).toBe('no_clear_change');
  });

  it('agrees with estimateTrust on real histograms', () => {
    const before = estimateTrust([3, 3, 2, 0, 0, 0, 0], 8); // mostly disagree
    const after = estimateTrust([0, 0, 0, 0, 2, 3, 3], 8); // mostly agree
    expect(changeBetween(after, before).verdict).toBe('improvement');
    expect(changeBetween(before, after).verdict).toBe('decline');
    expect(changeBetween(after, after).verdict).toBe('no_clear_change');
  });
});
