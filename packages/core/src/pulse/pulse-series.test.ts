import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PulseItemSet, pulseItemSet, TRUST_DIMENSIONS, type TrustDimension } from './pulse-items.js';
import { overallHistogram, overallTrend, type PulseCounts, pulseSeries } from './pulse-series.js';
import { estimateTrust, type Histogram, sumHistograms } from './pulse-statistics.js';

const V1 = pulseItemSet(1);

/** A histogram of `n` people all answering `v`. */
function all(v: number, n: number): number[] {
  const h = [0, 0, 0, 0, 0, 0, 0];
  h[v - 1] = n;
  return h;
}

/** A pulse where everyone answered every item of `set`; `answer` gives each item's histogram. */
function pulse(
  id: string,
  opensOn: string,
  answers: number,
  answer: (dimension: TrustDimension, n: number) => Histogram = (_, n) => all(5, n),
  set: PulseItemSet = V1,
): PulseCounts {
  const items: Record<string, Histogram> = {};
  for (const item of set.items) items[item.id] = answer(item.dimension, answers);
  return { id, opensOn, itemsVersion: set.version, answers, items };
}

function overallOf(p: PulseCounts): { id: string; opensOn: string; answers: number; overall: Histogram } {
  return { id: p.id, opensOn: p.opensOn, answers: p.answers, overall: overallHistogram(p) };
}

describe('pulseSeries: pooling and withholding', () => {
  it('pools a team of 4 (k = 3) until each point reaches k, withholding the trailing short group', () => {
    const pulses = [
      pulse('p1', '2025-01-06', 2),
      pulse('p2', '2025-01-20', 2),
      pulse('p3', '2025-02-03', 1),
      pulse('p4', '2025-02-17', 3),
      pulse('p5', '2025-03-03', 2),
    ];
    const series = pulseSeries(pulses, { k: 3, teamSize: 4 });
    expect(series.mode).toBe('pooled');
    expect(series.points.map((p) => [p.pulseIds, p.answers, p.pooled, p.from, p.to])).toEqual([
      [['p1', 'p2'], 4, true, '2025-01-06', '2025-01-20'],
      [['p3', 'p4'], 4, true, '2025-02-03', '2025-02-17'],
    ]);
    expect(series.withheld).toEqual([{ pulseIds: ['p5'], answers: 'fewer than k' }]);
  });

  it('keeps a single pulse that reaches k alone unpooled in pooled mode', () => {
    const series = pulseSeries([pulse('a', '2025-01-01', 3), pulse('b', '2025-01-15', 4)], {
      k: 3,
      teamSize: 4,
    });
    expect(series.points.map((p) => [p.pulseIds, p.pooled])).toEqual([
      [['a'], false],
      [['b'], false],
    ]);
  });

  it('shows each pulse alone in larger teams and withholds those below k, in date order', () => {
    const pulses = [pulse('c', '2025-03-01', 6), pulse('a', '2025-01-01', 5), pulse('b', '2025-02-01', 2)];
    const series = pulseSeries(pulses, { k: 3, teamSize: 8 });
    expect(series.mode).toBe('per_pulse');
    expect(series.points.map((p) => p.pulseIds)).toEqual([['a'], ['c']]);
    expect(series.points.every((p) => !p.pooled)).toBe(true);
    expect(series.withheld).toEqual([{ pulseIds: ['b'], answers: 'fewer than k' }]);
  });

  it('never takes k below 3, and switches to pooling when the team is smaller than k + 2', () => {
    const pulses = [pulse('a', '2025-01-01', 2), pulse('b', '2025-01-08', 2)];
    expect(pulseSeries(pulses, { k: 1, teamSize: 10 }).points).toEqual([]);
    expect(pulseSeries(pulses, { k: 5, teamSize: 6 }).mode).toBe('pooled');
    expect(pulseSeries(pulses, { k: 5, teamSize: 7 }).mode).toBe('per_pulse');
    expect(() => pulseSeries(pulses, { k: Number.NaN, teamSize: 7 })).toThrow(RangeError);
  });

  it('orders pulses on the same day by id', () => {
    const series = pulseSeries([pulse('b', '2025-01-01', 4), pulse('a', '2025-01-01', 4)], {
      k: 3,
      teamSize: 9,
    });
    expect(series.points.map((p) => p.pulseIds[0])).toEqual(['a', 'b']);
  });

  it('treats a pulse without any item answer as having no answers', () => {
    const empty: PulseCounts = { id: 'e', opensOn: '2025-01-01', itemsVersion: 1, answers: 5, items: {} };
    const series = pulseSeries([empty], { k: 3, teamSize: 9 });
    expect(series.points).toEqual([]);
    expect(series.withheld).toEqual([{ pulseIds: ['e'], answers: 'fewer than k' }]);
  });
});

describe('pulseSeries: estimates', () => {
  const low = (dimension: TrustDimension, n: number) => (dimension === 'voice' ? all(2, n) : all(4, n));

  it('estimates overall from all item histograms and each dimension from its own items', () => {
    const p = pulse('p', '2025-01-01', 5, low);
    const point = pulseSeries([p], { k: 3, teamSize: 9 }).points[0];
    expect(point?.overall).toEqual(estimateTrust(sumHistograms(Object.values(p.items)), 5));
    // Two voice items, everyone answered 2 on both: respondent weight 5 at answer 2.
    expect(point?.dimensions.voice).toEqual(estimateTrust(all(2, 10), 5));
    expect(point?.dimensions.care).toEqual(estimateTrust(all(4, 5), 5));
    expect(point?.wordingChanged).toEqual([]);
  });

  it('shows no dimension that nobody, or fewer than k people, answered', () => {
    const p = pulse('p', '2025-01-01', 5);
    const items = { ...p.items };
    delete items['care.considers-our-interests'];
    items['reliance.depend-on-judgement'] = all(6, 2);
    const point = pulseSeries([{ ...p, items }], { k: 3, teamSize: 9 }).points[0];
    expect(point?.dimensions.care).toBeNull();
    expect(point?.dimensions.reliance).toBeNull();
    expect(point?.dimensions.voice).not.toBeNull();
  });

  it('pools histograms and respondents across pooled pulses', () => {
    const a = pulse('a', '2025-01-01', 2, () => all(3, 2));
    const b = pulse('b', '2025-01-15', 2, () => all(6, 2));
    const point = pulseSeries([a, b], { k: 3, teamSize: 4 }).points[0];
    expect(point?.overall).toEqual(
      estimateTrust(sumHistograms([overallHistogram(a), overallHistogram(b)]), 4),
    );
    expect(point?.dimensions.care).toEqual(estimateTrust([0, 0, 2, 0, 0, 2, 0], 4));
  });

  it('compares the latest point with the baseline, and only with two points or more', () => {
    const one = pulseSeries([pulse('a', '2025-01-01', 6, () => all(2, 6))], { k: 3, teamSize: 9 });
    expect(one.baseline).toBe(one.points[0]);
    expect(one.latest).toBe(one.points[0]);
    expect(one.change.overall).toBeNull();
    expect(Object.values(one.change.dimensions).every((c) => c === null)).toBe(true);
    expect(one.relapses).toEqual([]);

    const two = pulseSeries(
      [pulse('a', '2025-01-01', 6, () => all(2, 6)), pulse('b', '2025-02-01', 6, () => all(6, 6))],
      {
        k: 3,
        teamSize: 9,
      },
    );
    expect(two.change.overall?.verdict).toBe('improvement');
    expect(two.change.dimensions.care?.verdict).toBe('improvement');
    expect(two.relapses).toEqual([]);
    expect(pulseSeries([], { k: 3, teamSize: 9 })).toMatchObject({
      points: [],
      baseline: null,
      latest: null,
    });
  });

  it('marks dimensions whose wording changed since the previous point', () => {
    const v2: PulseItemSet = {
      version: 2,
      items: V1.items.map((item) =>
        item.dimension === 'care' ? { ...item, id: 'care.new-wording', text: 'New.' } : item,
      ),
      freeText: V1.freeText,
    };
    const pulses = [
      pulse('a', '2025-01-01', 5),
      pulse('b', '2025-02-01', 5, undefined, v2),
      pulse('c', '2025-03-01', 5, undefined, v2),
    ];
    const series = pulseSeries(pulses, { k: 3, teamSize: 9, itemSets: [V1, v2] });
    expect(series.points.map((p) => p.wordingChanged)).toEqual([[], ['care'], []]);
    expect(series.points[1]?.dimensions.care).toEqual(estimateTrust(all(5, 5), 5));
  });
});

describe('pulseSeries: relapses', () => {
  const steady = (dimension: TrustDimension, n: number) =>
    dimension === 'reliability' ? all(6, n) : all(5, n);

  it('flags what the latest point shows clearly below the preceding three', () => {
    const pulses = [
      pulse('old', '2025-01-01', 8, () => all(1, 8)), // outside the window of three
      pulse('a', '2025-02-01', 8, steady),
      pulse('b', '2025-03-01', 8, steady),
      pulse('c', '2025-04-01', 8, steady),
      pulse('d', '2025-05-01', 8, (dimension, n) => (dimension === 'reliability' ? all(2, n) : all(5, n))),
    ];
    const series = pulseSeries(pulses, { k: 3, teamSize: 10 });
    expect(series.relapses).toEqual(['reliability']);
    // Against the baseline of all 1s, the latest point is still an improvement.
    expect(series.change.overall?.verdict).toBe('improvement');
  });

  it('flags overall when everything fell', () => {
    const pulses = [
      pulse('a', '2025-02-01', 8, () => all(6, 8)),
      pulse('b', '2025-03-01', 8, () => all(2, 8)),
    ];
    expect(pulseSeries(pulses, { k: 3, teamSize: 10 }).relapses).toEqual(['overall', ...TRUST_DIMENSIONS]);
  });
});

// Random pulses of a team: answers up to the team's size, each item answered by everyone (answers spread at random).
const teamPulses = fc
  .record({ teamSize: fc.integer({ min: 1, max: 12 }), k: fc.integer({ min: 0, max: 6 }) })
  .chain(({ teamSize, k }) =>
    fc
      .array(
        fc.record({
          day: fc.integer({ min: 1, max: 28 }),
          answers: fc.integer({ min: 0, max: teamSize }),
          seed: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 11, maxLength: 11 }),
        }),
        { maxLength: 12 },
      )
      .map((raw) => ({
        teamSize,
        k,
        pulses: raw.map(({ day, answers, seed }, i) =>
          pulse(`p${i}`, `2025-01-${String(day).padStart(2, '0')}`, answers, (dimension, n) =>
            all(seed[TRUST_DIMENSIONS.indexOf(dimension)] ?? 4, n),
          ),
        ),
      })),
  );

describe('pulseSeries: anonymity and consistency properties', () => {
  it('never shows a count below k, accounts for every pulse once, and withholds without numbers', () => {
    fc.assert(
      fc.property(teamPulses, ({ teamSize, k, pulses }) => {
        const kk = Math.max(3, k);
        const series = pulseSeries(pulses, { k, teamSize });
        for (const point of series.points) {
          expect(point.answers).toBeGreaterThanOrEqual(kk);
          expect(point.overall.respondents).toBeGreaterThanOrEqual(kk);
          for (const estimate of Object.values(point.dimensions)) {
            if (estimate) expect(estimate.respondents).toBeGreaterThanOrEqual(kk);
          }
        }
        for (const entry of series.withheld) {
          expect(Object.keys(entry).sort()).toEqual(['answers', 'pulseIds']);
          expect(entry.answers).toBe('fewer than k');
        }
        const ids = [
          ...series.points.flatMap((p) => p.pulseIds),
          ...series.withheld.flatMap((w) => w.pulseIds),
        ];
        expect(ids.sort()).toEqual(pulses.map((p) => p.id).sort());
        if (series.mode === 'pooled') expect(series.withheld.length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('gives the same overall numbers as overallTrend for the same answers', () => {
    fc.assert(
      fc.property(teamPulses, ({ teamSize, k, pulses }) => {
        const series = pulseSeries(pulses, { k, teamSize });
        const trend = overallTrend(pulses.map(overallOf), { k, teamSize });
        expect(trend.mode).toBe(series.mode);
        expect(trend.withheld).toEqual(series.withheld);
        expect(trend.points).toEqual(
          series.points.map(({ pulseIds, from, to, pooled, answers, overall }) => ({
            pulseIds,
            from,
            to,
            pooled,
            answers,
            overall,
          })),
        );
        expect(trend.change).toEqual(series.change.overall);
        expect(trend.baseline?.overall).toEqual(series.baseline?.overall);
        expect(trend.latest?.overall).toEqual(series.latest?.overall);
        expect(trend.relapse).toBe(series.relapses.includes('overall'));
        // Estimating only the last few points changes nothing about them, the baseline, the change or relapse.
        const short = overallTrend(pulses.map(overallOf), { k, teamSize, lastPoints: 2 });
        expect(short.points).toEqual(trend.points.slice(-2));
        expect(short.baseline).toEqual(trend.baseline);
        expect(short.change).toEqual(trend.change);
        expect(short.relapse).toBe(trend.relapse);
      }),
    );
  });
});

describe('pulseSeries: speed', () => {
  it('handles a year of weekly pulses with all 11 items in well under a millisecond', () => {
    const pulses = Array.from({ length: 52 }, (_, i) =>
      pulse(`w${i}`, new Date(Date.UTC(2025, 0, 6 + 7 * i)).toISOString().slice(0, 10), 9, (_, n) => [
        0,
        1,
        1,
        2,
        Math.max(0, n - 6),
        1,
        1,
      ]),
    );
    for (let i = 0; i < 50; i++) pulseSeries(pulses, { k: 3, teamSize: 12 }); // warm up
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      pulseSeries(pulses, { k: 3, teamSize: 12 });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[times.length >> 1] ?? Number.POSITIVE_INFINITY;
    if (import.meta.env?.PULSE_REPORT) {
      console.info(`pulseSeries 52×11: median ${median.toFixed(4)} ms, p95 ${times[190]?.toFixed(4)} ms`);
    }
    expect(median).toBeLessThan(5);
  });
});
