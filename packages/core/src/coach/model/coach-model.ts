import type { LanguageRules } from '../language.js';
import type { Sentence, Token } from '../tokenize.js';
import { COACH_CATEGORIES, type CoachCategory } from '../types.js';
import { type FeatureSink, type SentenceSignals, sentenceFeatures } from './features.js';
import { FixedUnits } from './units.js';

/** Categories are capital letters; weights are base-36 numbers, in lower case. */
function isCategoryLetter(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** A trained model as the generated weights file stores it (see scripts/train-coach.mjs). */
export interface SerializedModel {
  version: 1;
  /** The order of each feature's weights. */
  categories: readonly CoachCategory[];
  /** The units (stems, word classes, flags), '\n'-separated; a feature names them by position. */
  units: string;
  /** The features' packed keys (see features.ts) in increasing order, each as its difference from the previous
   * one, in base 36, ','-separated. */
  features: string;
  /**
   * Per feature, its non-zero weights × `scale`, rounded: a capital letter for the category (A = the first)
   * and the weight in base 36 ("C-1fK4" is −51 for the third category, 4 for the eleventh); ';' between rows.
   */
  weights: string;
  scale: number;
  /** Per category, the intercept × `scale`. */
  bias: readonly number[];
  /** Per category, then for the gate, the decision threshold on the log-odds (chosen on validation). */
  thresholds: readonly number[];
  /**
   * Whether the last output (after the categories) is a gate: "this sentence makes some move at all". A
   * category is found only where the gate is open too, which keeps neutral sentences quiet.
   */
  gate: boolean;
  /**
   * Where a rule for the category fired in the sentence, how much lower the score may be: the hand-written
   * rules are precise, so a sentence they mark needs less evidence (and passes the gate).
   */
  ruleTrust: number;
  /**
   * A category's log-odds (before its threshold) above which the gate does not matter: strong evidence of one
   * move is enough.
   */
  gateOverride: number;
}

/**
 * A per-category logistic regression over a sentence's features. `score` writes, per category, the log-odds
 * minus the threshold: positive means "this sentence makes the move".
 */
export class CoachModel implements FeatureSink {
  readonly categories: readonly CoachCategory[];
  /** The index of the gate's score in `score`'s output, or -1 without a gate. */
  readonly gate: number;
  /** Outputs of `score`: the categories, then the gate. */
  readonly width: number;
  readonly ruleTrust: number;
  /** Per category, its bit in a sentence's rule hits (SentenceSignals.rules). */
  readonly ruleBits: Int32Array;
  /** The indexes of the two readings of a promise. */
  readonly specific: number;
  readonly vague: number;
  /** Per output, its threshold: `score` subtracts it. */
  readonly thresholds: Float64Array;
  readonly gateOverride: number;
  /** The model's stems and classes, as featurize() needs them. */
  readonly units: FixedUnits;
  /** Open addressing: `slotKeys[i]` a feature's key (-1 empty), `slotRows[i]` its row. */
  private readonly slotKeys: Int32Array;
  private readonly slotRows: Int32Array;
  private readonly mask: number;
  /** Sparse rows: row r's weights are entries rowStart[r] … rowStart[r + 1] - 1 of `entryOutput`/`entryWeight`. */
  private readonly rowStart: Int32Array;
  private readonly entryOutput: Uint8Array;
  private readonly entryWeight: Float32Array;
  private readonly offset: Float64Array;
  /** The sentence each row was last counted in: a feature counts once per sentence. */
  private readonly seen: Int32Array;
  private stamp = 0;
  private out: Float64Array = new Float64Array(0);

  constructor(
    model: SerializedModel,
    language: LanguageRules,
    thresholds: readonly number[] = model.thresholds,
    ruleTrust = model.ruleTrust,
    gateOverride = model.gateOverride,
  ) {
    if (model.version !== 1) throw new Error(`Unknown coach model version ${String(model.version)}`);
    this.categories = model.categories;
    for (const c of model.categories)
      if (!COACH_CATEGORIES.includes(c)) throw new Error(`Unknown coach category ${c} in the model`);
    this.ruleBits = Int32Array.from(model.categories, (c) => 1 << COACH_CATEGORIES.indexOf(c));
    this.specific = model.categories.indexOf('specific_commitment');
    this.vague = model.categories.indexOf('vague_commitment');
    this.gate = model.gate ? model.categories.length : -1;
    this.ruleTrust = ruleTrust;
    this.gateOverride = gateOverride;
    this.width = model.categories.length + (model.gate ? 1 : 0);
    const names = model.units.split('\n');
    this.units = new FixedUnits(names, language);
    const keys = model.features === '' ? [] : model.features.split(',');
    const rows = model.weights === '' ? [] : model.weights.split(';');
    if (rows.length !== keys.length) throw new Error('The coach model has as many weight rows as features');
    const width = this.width;
    let size = 1024;
    while (size < keys.length * 2) size *= 2;
    this.mask = size - 1;
    this.slotKeys = new Int32Array(size).fill(-1);
    this.slotRows = new Int32Array(size);
    this.rowStart = new Int32Array(keys.length + 1);
    const outputs: number[] = [];
    const weights: number[] = [];
    let key = 0;
    keys.forEach((encoded, row) => {
      key += Number.parseInt(encoded, 36);
      let slot = hashSlot(key, this.mask);
      while ((this.slotKeys[slot] as number) !== -1) slot = (slot + 1) & this.mask;
      this.slotKeys[slot] = key;
      this.slotRows[slot] = row;
      this.rowStart[row] = outputs.length;
      const text = rows[row] as string;
      let at = 0;
      while (at < text.length) {
        const c = text.charCodeAt(at) - 65;
        let end = at + 1;
        while (end < text.length && !isCategoryLetter(text.charCodeAt(end))) end++;
        if (c < 0 || c >= width) throw new Error(`Bad weight row ${row} in the coach model`);
        outputs.push(c);
        weights.push(Number.parseInt(text.slice(at + 1, end), 36) / model.scale);
        at = end;
      }
    });
    this.rowStart[keys.length] = outputs.length;
    this.entryOutput = Uint8Array.from(outputs);
    this.entryWeight = Float32Array.from(weights);
    this.thresholds = Float64Array.from({ length: width }, (_, c) => thresholds[c] ?? 0);
    this.offset = new Float64Array(width);
    for (let c = 0; c < width; c++)
      this.offset[c] = (model.bias[c] ?? 0) / model.scale - (thresholds[c] ?? 0);
    this.seen = new Int32Array(keys.length).fill(-1);
  }

  /** Scores one sentence into `out`: one entry per category (in `categories` order), then the gate's. */
  score(
    tokens: readonly Token[],
    sentence: Sentence,
    negators: ReadonlySet<string>,
    signals: SentenceSignals,
    out: Float64Array,
  ): void {
    out.set(this.offset);
    this.out = out;
    // Wraps after 2^31 sentences; a row seen that long ago cannot collide with the current stamp in practice.
    this.stamp = (this.stamp + 1) | 0;
    sentenceFeatures(tokens, sentence, negators, this.units, signals, this);
  }

  /** Adds one feature's weights to the sentence being scored (FeatureSink). */
  add(key: number): void {
    const keys = this.slotKeys;
    let slot = hashSlot(key, this.mask);
    let found = keys[slot] as number;
    while (found !== key) {
      if (found === -1) return;
      slot = (slot + 1) & this.mask;
      found = keys[slot] as number;
    }
    const row = this.slotRows[slot] as number;
    if (this.seen[row] === this.stamp) return;
    this.seen[row] = this.stamp;
    const out = this.out;
    const end = this.rowStart[row + 1] as number;
    for (let e = this.rowStart[row] as number; e < end; e++) {
      const c = this.entryOutput[e] as number;
      out[c] = (out[c] as number) + (this.entryWeight[e] as number);
    }
  }
}

/** Keys are below 2^30: a multiplicative hash spreads them over the table. */
function hashSlot(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 12) & mask;
}
