import type { LanguageRules } from '../language.js';
import type { Sentence, Token } from '../tokenize.js';
import { COACH_CATEGORIES, type CoachCategory } from '../types.js';
import {
  type FeatureSink,
  MODEL_UNIT_LIMIT,
  type SentenceSignals,
  SINGLE_UNIT_KINDS,
  sentenceFeatures,
  unpackFeature,
} from './features.js';
import { FixedUnits } from './units.js';

const UNIT_BITS = Math.log2(MODEL_UNIT_LIMIT);

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
  /**
   * The features' rows, one block each: [the sentence it was last counted in, its number of weights, then each
   * weight × scale as (weight << 8) | output]. A feature counts once per sentence; one block is one place in
   * memory, and scoring is memory-bound.
   */
  private readonly blocks: Int32Array;
  /**
   * The blocks of features whose second unit is the first one (all one-unit features): by key, -1 where none.
   * Their keys are below 16 × the number of units, so a plain array is smaller and faster than a hash.
   */
  private readonly direct: Int32Array;
  /** The other features' blocks, by open addressing: slot i holds a key at 2i (-1 empty) and its block at
   * 2i + 1, so a look-up reads one place in memory. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Per unit, bit 1: it is the first unit of a two-unit feature; bit 2: the second. Most word pairs are in no
   * feature, and this small table says so before the large one is read. */
  private readonly pairRoles: Uint8Array;
  private readonly scale: number;
  private readonly offset: Float64Array;
  /** The sentence being scored's sums of weights × scale (integers: exact, and cheaper than floats). */
  private readonly sums: Int32Array;
  private stamp = 0;

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
    const decoded: number[] = [];
    let sum = 0;
    for (const encoded of keys) {
      sum += Number.parseInt(encoded, 36);
      decoded.push(sum);
    }
    const blocks: number[] = [];
    const starts = rows.map((text, row) => {
      const start = blocks.length;
      blocks.push(-1, 0);
      let at = 0;
      while (at < text.length) {
        const c = text.charCodeAt(at) - 65;
        let end = at + 1;
        while (end < text.length && !isCategoryLetter(text.charCodeAt(end))) end++;
        if (c < 0 || c >= width) throw new Error(`Bad weight row ${row} in the coach model`);
        const weight = Number.parseInt(text.slice(at + 1, end), 36);
        if (!Number.isInteger(weight) || Math.abs(weight) >= 2 ** 22)
          throw new Error(`Bad weight in row ${row} of the coach model`);
        blocks.push((weight << 8) | c);
        blocks[start + 1] = (blocks[start + 1] as number) + 1;
        at = end;
      }
      return start;
    });
    this.blocks = Int32Array.from(blocks);
    const directLimit = 16 * names.length;
    this.direct = new Int32Array(directLimit).fill(-1);
    const hashed = decoded.filter((k) => k >= directLimit).length;
    let size = 1024;
    while (size < hashed * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 2).fill(-1);
    this.pairRoles = new Uint8Array(MODEL_UNIT_LIMIT);
    decoded.forEach((key, row) => {
      const start = starts[row] as number;
      const { kind, a, b } = unpackFeature(key, MODEL_UNIT_LIMIT);
      if (!SINGLE_UNIT_KINDS.has(kind)) {
        this.pairRoles[a] = (this.pairRoles[a] as number) | 1;
        this.pairRoles[b] = (this.pairRoles[b] as number) | 2;
      }
      if (key < directLimit) this.direct[key] = start;
      else {
        let slot = hashSlot(key, this.mask);
        while ((this.slots[slot * 2] as number) !== -1) slot = (slot + 1) & this.mask;
        this.slots[slot * 2] = key;
        this.slots[slot * 2 + 1] = start;
      }
    });
    this.units.pairRoles = this.pairRoles;
    this.scale = model.scale;
    this.thresholds = Float64Array.from({ length: width }, (_, c) => thresholds[c] ?? 0);
    this.offset = new Float64Array(width);
    for (let c = 0; c < width; c++)
      this.offset[c] = (model.bias[c] ?? 0) / model.scale - (thresholds[c] ?? 0);
    this.sums = new Int32Array(width);
  }

  /** Scores one sentence into `out`: one entry per category (in `categories` order), then the gate's. */
  score(
    tokens: readonly Token[],
    sentence: Sentence,
    negators: ReadonlySet<string>,
    signals: SentenceSignals,
    out: Float64Array,
  ): void {
    const sums = this.sums;
    sums.fill(0);
    // Wraps after 2^31 sentences; a row seen that long ago cannot collide with the current stamp in practice.
    this.stamp = (this.stamp + 1) & 0x7fffffff;
    sentenceFeatures(tokens, sentence, negators, this.units, signals, this);
    for (let c = 0; c < this.width; c++)
      out[c] = (this.offset[c] as number) + (sums[c] as number) / this.scale;
  }

  /** Adds one feature's weights to the sentence being scored (FeatureSink). */
  add(key: number): void {
    let start: number;
    if (key < this.direct.length) {
      start = this.direct[key] as number;
      if (start < 0) return;
    } else {
      // A two-unit key is kind + 16 × (a + MODEL_UNIT_LIMIT × b), below 2^30.
      const units = key >>> 4;
      const roles = this.pairRoles;
      if (((roles[units & (MODEL_UNIT_LIMIT - 1)] as number) & 1) === 0) return;
      if (((roles[units >>> UNIT_BITS] as number) & 2) === 0) return;
      const slots = this.slots;
      let slot = hashSlot(key, this.mask);
      let found = slots[slot * 2] as number;
      while (found !== key) {
        if (found === -1) return;
        slot = (slot + 1) & this.mask;
        found = slots[slot * 2] as number;
      }
      start = slots[slot * 2 + 1] as number;
    }
    const blocks = this.blocks;
    if (blocks[start] === this.stamp) return;
    blocks[start] = this.stamp;
    const sums = this.sums;
    const end = start + 2 + (blocks[start + 1] as number);
    for (let e = start + 2; e < end; e++) {
      const entry = blocks[e] as number;
      const c = entry & 0xff;
      sums[c] = (sums[c] as number) + (entry >> 8);
    }
  }
}
/** Keys are below 2^30: a multiplicative hash spreads them over the table. */
function hashSlot(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 12) & mask;
}
