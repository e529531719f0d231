import type { CoachCategory } from '../types.js';
import type { SerializedModel } from './coach-model.js';
import {
  featureKey,
  MODEL_UNIT_LIMIT,
  SINGLE_UNIT_KINDS,
  TRAINING_UNIT_LIMIT,
  unpackFeature,
} from './features.js';
import type { TrainedWeights } from './train.js';
import { PSEUDO_UNITS } from './units.js';

/**
 * The trained weights as the generated file stores them: weights rounded to 1/`scale`, features whose weights
 * all round to zero dropped, and only the units still used kept (renumbered).
 */
export function serializeModel(
  trained: TrainedWeights,
  unitNames: readonly string[],
  categories: readonly CoachCategory[],
  thresholds: readonly number[],
  scale: number,
  gate: boolean,
): SerializedModel {
  const width = categories.length + (gate ? 1 : 0);
  const units: string[] = [...PSEUDO_UNITS];
  const ids = new Map<string, number>(units.map((u, i) => [u, i]));
  const idOf = (old: number) => {
    const name = unitNames[old] as string;
    let id = ids.get(name);
    if (id === undefined) {
      id = units.length;
      units.push(name);
      ids.set(name, id);
    }
    return id;
  };
  const kept: { key: number; row: string }[] = [];
  trained.keys.forEach((key, r) => {
    const values: string[] = [];
    for (let c = 0; c < width; c++) {
      const q = Math.round((trained.weights[r * width + c] as number) * scale);
      // A capital letter for the category (A = the first), then the weight in base 36 (lower case).
      if (q !== 0) values.push(`${String.fromCharCode(65 + c)}${q.toString(36)}`);
    }
    if (values.length === 0) return;
    const { kind, a, b } = unpackFeature(key, TRAINING_UNIT_LIMIT);
    kept.push({
      key: featureKey(kind, idOf(a), SINGLE_UNIT_KINDS.has(kind) ? 0 : idOf(b), MODEL_UNIT_LIMIT),
      row: values.join(''),
    });
  });
  // Sorted by key and stored as differences from the previous key: short numbers compress well.
  kept.sort((x, y) => x.key - y.key);
  if (units.length > MODEL_UNIT_LIMIT) throw new Error(`The model has more than ${MODEL_UNIT_LIMIT} units`);
  const features = kept.map((f, i) =>
    (i === 0 ? f.key : f.key - (kept[i - 1] as { key: number }).key).toString(36),
  );
  const rows = kept.map((f) => f.row);
  return {
    version: 1,
    categories,
    units: units.join('\n'),
    features: features.join(','),
    weights: rows.join(';'),
    scale,
    bias: Array.from(trained.bias, (b) => Math.round(b * scale)),
    thresholds: [...thresholds],
    gate,
    ruleTrust: 0,
    gateOverride: 0,
  };
}
