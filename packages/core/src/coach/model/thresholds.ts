/**
 * Choosing a category's decision threshold on held-out items: the log-odds cut that maximises F1, taken in
 * the middle of the best run of cuts (a plateau) so that it does not sit on one item's score.
 */
export function bestThreshold(
  scores: readonly number[],
  gold: readonly boolean[],
  { min = -4, max = 4, step = 0.05 }: { min?: number; max?: number; step?: number } = {},
): { threshold: number; f1: number } {
  const cuts: { t: number; f1: number }[] = [];
  for (let t = min; t <= max + 1e-9; t += step) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < scores.length; i++) {
      const predicted = (scores[i] as number) > t;
      if (predicted && gold[i]) tp++;
      else if (predicted) fp++;
      else if (gold[i]) fn++;
    }
    cuts.push({ t: Math.round(t * 1000) / 1000, f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn) });
  }
  const best = Math.max(...cuts.map((c) => c.f1));
  // The longest run of cuts within a hair of the best F1; its middle.
  let runStart = -1;
  let bestRun: [number, number] = [0, 0];
  for (let i = 0; i <= cuts.length; i++) {
    const good = i < cuts.length && (cuts[i] as { f1: number }).f1 >= best - 1e-9;
    if (good && runStart < 0) runStart = i;
    if (!good && runStart >= 0) {
      if (i - runStart > bestRun[1] - bestRun[0]) bestRun = [runStart, i];
      runStart = -1;
    }
  }
  const middle = cuts[Math.floor((bestRun[0] + bestRun[1] - 1) / 2)] ?? { t: 0, f1: 0 };
  return { threshold: middle.t, f1: best };
}
