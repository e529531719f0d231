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
    // The index: work on the 1..7 scale, then convert (score = (v − 1)/6 × 100, sd × 100/6).
    // α = 1/7 at every point, plus 3 at v=4; α0 = 3 + 1 = 4.
    // E[v]  = (1/7·(1+…+7) + 3·4) / 4 = (28/7 + 12)/4 = (4 + 12)/4 = 4            → mean 50
    // E[v²] = (1/7·(1+4+…+49) + 3·16) / 4 = (140/7 + 48)/4 = (20 + 48)/4 = 17
    // spread = 17 − 4² = 1; standard error² = spread / n = 1/3                     → sd = √(1/3) · 100/6
    const sd = (Math.sqrt(1 / 3) * 100) / 6; // 9.6225
    // The interval, on scores: 3 answers of 50 plus 2 imagined at 0 and 2 at 100, 7 in all.
    // centre = (3·50 + 2·100)/7 = 350/7 = 50; E[x²] = (3·2500 + 2·10000)/7 = 27500/7
    // spread t² = 27500/7 − 2500 = 10000/7; half-width = 1.96·√(t² / (n + 2)) = 1.96·√(2000/7) = 1.96·16.903
    const half = 1.96 * Math.sqrt(2000 / 7); // 33.130
    const e = estimateTrust([0, 0, 0, 3, 0, 0, 0], 3);
    expect(e.mean).toBeCloseTo(50, 10);
    expect(e.sd).toBeCloseTo(sd, 10);
    expect(e.low).toBeCloseTo(50 - half, 10); // 16.870
    expect(e.high).toBeCloseTo(50 + half, 10); // 83.130
    expect(e.respondents).toBe(3);
  });

  it('3 people all answering 7: pulled toward the middle, interval clipped at 100, never zero-width', () => {
    // The index: α = 1/7 everywhere, plus 3 at v=7; α0 = 4.
    // E[v]  = (4 + 3·7)/4 = 25/4 = 6.25                                            → mean (5.25/6)·100 = 87.5
    // E[v²] = (20 + 3·49)/4 = 167/4 = 41.75; spread = 41.75 − 6.25² = 2.6875; se² = 2.6875/3
    const sd = (Math.sqrt(2.6875 / 3) * 100) / 6; // 15.775
    // The interval: 3 answers of 100 plus 2 imagined at 0 and 2 at 100: five of seven at 100.
    // centre = 500/7 = 71.429; t² = (5/7)·(2/7)·100² = 100000/49 = 2040.8; half = 1.96·√(2040.8/5) = 1.96·20.203
    const centre = 500 / 7;
    const half = 1.96 * Math.sqrt(100_000 / 49 / 5); // 39.598
    const e = estimateTrust([0, 0, 0, 0, 0, 0, 3], 3);
    expect(e.mean).toBeCloseTo(87.5, 10);
    expect(e.sd).toBeCloseTo(sd, 10);
    expect(e.low).toBeCloseTo(centre - half, 10); // 31.831: a team split half and half (50) is not ruled out
    expect(e.high).toBe(100); // 111.03, clipped
  });

  it('12 people all answering 7: the interval still allows for a minority the sample missed', () => {
    // The index: α0 = 13, mean = (12·100 + 50)/13 = 96.154.
    // The interval: 12 + 2 = 14 of 16 at 100, 2 at 0: centre 87.5, t² = (14/16)·(2/16)·100² = 1093.75,
    // half = 1.96·√(1093.75/14) = 1.96·8.8388 = 17.324 → 70.176 – 100 (104.8, clipped).
    const e = estimateTrust([0, 0, 0, 0, 0, 0, 12], 12);
    expect(e.mean).toBeCloseTo(1250 / 13, 10);
    expect(e.low).toBeCloseTo(87.5 - 1.96 * Math.sqrt(1093.75 / 14), 10);
    expect(e.high).toBe(100);
    // If 25% of the team would have answered 1 (mean 75), twelve 7s in a row happen 0.75¹² = 3% of the time.
    expect(e.low).toBeLessThan(75);
  });

  it('counts each respondent once however many items they answered', () => {
    // 3 people answered two items: six item answers, three 4s and three 7s. Weights w = 3·h/6 = 1.5 at 4 and 7.
    // α0 = 4; E[v] = (4 + 1.5·4 + 1.5·7)/4 = 20.5/4 = 5.125 → mean (4.125/6)·100 = 68.75
    // E[v²] = (20 + 1.5·16 + 1.5·49)/4 = 117.5/4 = 29.375; spread = 29.375 − 5.125² = 3.109375; se² = 3.109375/3
    // The interval: 1.5 at 50, 1.5 + 2 at 100, 2 at 0 (weight 7): centre = (75 + 350)/7 = 60.714;
    // E[x²] = (1.5·2500 + 3.5·10000)/7 = 38750/7; t² = 38750/7 − 60.714² = 1849.49; half = 1.96·√(t²/5)
    const e = estimateTrust([0, 0, 0, 3, 0, 0, 3], 3);
    expect(e.mean).toBeCloseTo(68.75, 10);
    expect(e.sd).toBeCloseTo((Math.sqrt(3.109375 / 3) * 100) / 6, 10);
    const centre = 425 / 7;
    const half = 1.96 * Math.sqrt((38_750 / 7 - centre * centre) / 5); // 37.697
    expect(e.low).toBeCloseTo(centre - half, 10); // 23.018
    expect(e.high).toBeCloseTo(centre + half, 10); // 98.411
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

  // The index is the posterior mean; its standard error widens the posterior's sd by √((n + 2) / n) (see
  // STATISTICS.md). The sample checks both against the posterior.
  it.each(cases)(
    '%s: sampled mean within 0.25 points and sd within 2 percent of the posterior',
    (_, h, n) => {
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
    },
  );
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

// ---- Coverage: how often the 95% interval holds the true mean, for every team size from 3 to 12. ----

const SIZES = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/** The floor every case must reach; the interval is nominally 95%. */
const COVERAGE_FLOOR = 0.93;
/** Samples per shape and size: the simulated coverage is then within ±1.4 points of the true one (95%). */
const RUNS = 5_000;

/** A true population: how one respondent's answers are drawn, and the mean score that draw has. */
interface Population {
  name: string;
  truth: number;
  /** The histogram of one sample of n respondents (the respondent count is n). */
  sample: (n: number, random: () => number) => number[];
}

function oneItemPopulation(name: string, shares: readonly number[]): Population {
  return {
    name,
    truth: shares.reduce((s, share, v) => s + share * (SCORE[v] ?? 0), 0),
    sample: (n, random) => draw(shares, n, random),
  };
}

/**
 * Two correlated items per respondent: each person has a level L (shares below) and answers the two items L and
 * L ± 1 (each equally likely, clamped to the scale). The true mean averages over levels, offsets and both items.
 */
function correlatedItems(): Population {
  const levels = [0.05, 0.1, 0.15, 0.2, 0.25, 0.15, 0.1];
  const secondOf = (level: number, offset: number): number => Math.min(6, Math.max(0, level + offset));
  let truth = 0;
  levels.forEach((share, level) => {
    for (const offset of [-1, 1]) {
      truth += share * 0.5 * (((SCORE[level] ?? 0) + (SCORE[secondOf(level, offset)] ?? 0)) / 2);
    }
  });
  return {
    name: 'two correlated items per person',
    truth,
    sample: (n, random) => {
      const h = [0, 0, 0, 0, 0, 0, 0];
      for (let person = 0; person < n; person++) {
        const level = draw(levels, 1, random).indexOf(1);
        const second = secondOf(level, random() < 0.5 ? -1 : 1);
        h[level] = (h[level] ?? 0) + 1;
        h[second] = (h[second] ?? 0) + 1;
      }
      return h;
    },
  };
}

const POPULATIONS: readonly Population[] = [
  // Concentrated on part of the scale.
  oneItemPopulation('centred', [0, 0.05, 0.2, 0.5, 0.2, 0.05, 0]),
  oneItemPopulation('mostly high', [0, 0, 0, 0.05, 0.15, 0.4, 0.4]),
  oneItemPopulation('mostly low', [0.3, 0.3, 0.2, 0.1, 0.1, 0, 0]),
  oneItemPopulation('nearly unanimous', [0, 0, 0, 0, 0, 0.1, 0.9]),
  // Spread over the whole scale.
  oneItemPopulation('uniform', [1 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7]),
  oneItemPopulation('polarised, half at each end', [0.5, 0, 0, 0, 0, 0, 0.5]),
  oneItemPopulation('polarised, 45/5/5/45', [0.45, 0.05, 0, 0, 0, 0.05, 0.45]),
  // A silent minority: most at one answer, a few far away (often absent from a small sample).
  oneItemPopulation('silent minority: 90% at 7, 10% at 1', [0.1, 0, 0, 0, 0, 0, 0.9]),
  oneItemPopulation('silent minority: 85% at 6, 15% at 1', [0.15, 0, 0, 0, 0, 0.85, 0]),
  oneItemPopulation('silent minority: 80% at 7, 20% at 1', [0.2, 0, 0, 0, 0, 0, 0.8]),
  oneItemPopulation('silent minority: 70% at 7, 30% at 1', [0.3, 0, 0, 0, 0, 0, 0.7]),
  oneItemPopulation('silent minority: 75% at 5, 25% at 1', [0.25, 0, 0, 0, 0.75, 0, 0]),
  correlatedItems(),
];

/** Coverage and mean width of the interval for one population at one n; seeded, and computed once. */
const simulated = new Map<string, { coverage: number; width: number }>();
function simulate(population: Population, index: number, n: number): { coverage: number; width: number } {
  const key = `${index}:${n}`;
  const known = simulated.get(key);
  if (known) return known;
  const random = rng(20_250_700 + 100 * index + n);
  let covered = 0;
  let width = 0;
  for (let run = 0; run < RUNS; run++) {
    const e = estimateTrust(population.sample(n, random), n);
    if (e.low <= population.truth && population.truth <= e.high) covered++;
    width += e.high - e.low;
  }
  const result = { coverage: covered / RUNS, width: width / RUNS };
  simulated.set(key, result);
  return result;
}

describe('estimateTrust: coverage of the true mean in repeated small samples', () => {
  it.each(POPULATIONS.map((population, index) => ({ name: population.name, population, index })))(
    '$name: the 95 percent interval holds the true mean in at least 93 of 100 samples at every n from 3 to 12',
    ({ name, population, index }) => {
      const observed = Object.fromEntries(SIZES.map((n) => [n, simulate(population, index, n).coverage]));
      report(`coverage ${name}`, observed);
      const short = Object.entries(observed).filter(([, coverage]) => coverage < COVERAGE_FLOOR);
      expect(short, `n with coverage below ${COVERAGE_FLOOR}`).toEqual([]);
    },
  );

  it('keeps the intervals useful: the mean width over these populations stays well inside the scale', () => {
    const widths = SIZES.map(
      (n) => POPULATIONS.reduce((sum, p, index) => sum + simulate(p, index, n).width, 0) / POPULATIONS.length,
    );
    report(
      'mean width',
      Object.fromEntries(SIZES.map((n, i) => [n, Math.round((widths[i] ?? 0) * 10) / 10])),
    );
    expect(widths[0]).toBeLessThan(80); // n = 3
    expect(widths[SIZES.length - 1]).toBeLessThan(45); // n = 12
    for (let i = 1; i < SIZES.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1] ?? 0);
  });

  it('every population on two answers (shares in steps of 1 percent), computed exactly: at least 93 of 100 at every n', () => {
    // The worst cases for a mean on a bounded scale put the answers on two points; a silent minority is one.
    // Exact: a sample is k answers at b and n − k at a, with binomial probability.
    let worst = { coverage: 1, at: '' };
    for (let a = 0; a < 7; a++) {
      for (let b = a + 1; b < 7; b++) {
        for (let percent = 1; percent < 100; percent++) {
          const q = percent / 100;
          const truth = (1 - q) * (SCORE[a] ?? 0) + q * (SCORE[b] ?? 0);
          for (const n of SIZES) {
            let coverage = 0;
            for (let k = 0; k <= n; k++) {
              const h = [0, 0, 0, 0, 0, 0, 0];
              h[a] = n - k;
              h[b] = k;
              const e = estimateTrust(h, n);
              if (e.low <= truth && truth <= e.high) coverage += binomial(n, k) * q ** k * (1 - q) ** (n - k);
            }
            if (coverage < worst.coverage)
              worst = { coverage, at: `${q} at ${b + 1}, rest at ${a + 1}, n = ${n}` };
          }
        }
      }
    }
    report('worst two-answer population', { [worst.at]: worst.coverage });
    expect(worst.coverage, worst.at).toBeGreaterThanOrEqual(COVERAGE_FLOOR);
  });
});

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

function report(what: string, values: Record<string, number>): void {
  if (import.meta.env?.PULSE_REPORT) {
    // Printed only on request, for the documentation's coverage table.
    console.info(`${what}: ${JSON.stringify(values)}`);
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
