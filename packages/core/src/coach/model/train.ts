/**
 * Training the coach's model: one logistic regression per category over shared sparse binary features, by
 * stochastic gradient descent with AdaGrad steps, and L1 (proximal) and L2 regularisation: L1 keeps the
 * weights file small by zeroing most weights. Deterministic: a seeded shuffle, a
 * fixed number of epochs, and no dependence on object key order or time.
 */

export interface TrainingExample {
  /** Distinct feature keys. */
  keys: readonly number[];
  /** Bit k set: the example is labelled with category k. */
  labels: number;
}

export interface TrainOptions {
  categories: number;
  epochs: number;
  /** L2 strength per example step. */
  l2: number;
  /** L1 strength per example step (a proximal step after each update): most weights become exactly 0. */
  l1: number;
  learningRate: number;
  seed: number;
  /** Features seen in fewer examples are dropped. */
  minCount: number;
  /** Keep at most this many weights per category: a first fit ranks them, a second fits only those. */
  keepPerCategory?: number;
}

export interface TrainedWeights {
  keys: number[];
  /** keys.length × categories, row-major. */
  weights: Float64Array;
  bias: Float64Array;
}

/** A small, fast, seeded generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainLogistic(examples: readonly TrainingExample[], options: TrainOptions): TrainedWeights {
  const first = fit(examples, options, null);
  const keep = options.keepPerCategory;
  if (keep === undefined) return first;
  const width = options.categories;
  const mask = new Uint8Array(first.weights.length);
  for (let c = 0; c < width; c++) {
    const ranked = first.keys
      .map((_, r) => r)
      .filter((r) => first.weights[r * width + c] !== 0)
      .sort(
        (a, b) =>
          Math.abs(first.weights[b * width + c] as number) -
            Math.abs(first.weights[a * width + c] as number) || a - b,
      );
    for (const r of ranked.slice(0, keep)) mask[r * width + c] = 1;
  }
  return fit(examples, options, { keys: first.keys, mask });
}

function fit(
  examples: readonly TrainingExample[],
  options: TrainOptions,
  restrict: { keys: number[]; mask: Uint8Array } | null,
): TrainedWeights {
  const { categories: width } = options;
  const counts = new Map<number, number>();
  for (const e of examples) for (const k of e.keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  const keys = restrict?.keys ?? [...counts].filter(([, n]) => n >= options.minCount).map(([k]) => k);
  const mask = restrict?.mask;
  const row = new Map(keys.map((k, i) => [k, i]));
  const rows = examples.map((e) => {
    const out: number[] = [];
    for (const k of e.keys) {
      const r = row.get(k);
      if (r !== undefined) out.push(r);
    }
    return Int32Array.from(out);
  });
  const weights = new Float64Array(keys.length * width);
  const squares = new Float64Array(keys.length * width);
  const bias = new Float64Array(width);
  const biasSquares = new Float64Array(width);
  const order = examples.map((_, i) => i);
  const random = seededRandom(options.seed);
  const { learningRate: rate, l2, l1 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const features = rows[index] as Int32Array;
      const labels = (examples[index] as TrainingExample).labels;
      for (let c = 0; c < width; c++) {
        let z = bias[c] as number;
        for (let f = 0; f < features.length; f++) z += weights[(features[f] as number) * width + c] as number;
        const p = 1 / (1 + Math.exp(-z));
        const g = p - (labels & (1 << c) ? 1 : 0);
        biasSquares[c] = (biasSquares[c] as number) + g * g;
        bias[c] = (bias[c] as number) - (rate * g) / Math.sqrt((biasSquares[c] as number) + 1e-8);
        for (let f = 0; f < features.length; f++) {
          const at = (features[f] as number) * width + c;
          if (mask && mask[at] === 0) continue;
          const w = weights[at] as number;
          const step = g + l2 * w;
          squares[at] = (squares[at] as number) + step * step;
          const eta = rate / Math.sqrt((squares[at] as number) + 1e-8);
          const moved = w - eta * step;
          const shrunk = Math.abs(moved) - eta * l1;
          weights[at] = shrunk > 0 ? Math.sign(moved) * shrunk : 0;
        }
      }
    }
  }
  return { keys, weights, bias };
}
