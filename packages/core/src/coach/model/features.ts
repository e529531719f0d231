import type { Sentence, Token } from '../tokenize.js';
import { COACH_CATEGORIES, COACH_CONTEXTS, type CoachContext } from '../types.js';

/**
 * The learned model's features of one sentence. Every feature is one or two "units" (a word's stem, a
 * semantic class such as "party" or "shrink", or a flag such as "question" or "the rule for deflecting
 * fired") and a kind, packed in one number so that scoring allocates no strings. Training and the browser
 * share this code. (Part-of-speech-like word classes were tried and left out: across writers they lowered
 * macro F1; see ARCHITECTURE.md.)
 */
export const FEATURE_KINDS = {
  /** A word's stem. */
  unigram: 0,
  /** Two consecutive stems ("my" "fault"), with sentence boundaries as units. */
  bigram: 1,
  /** A stem in the scope of a negation ("not" … "small"). */
  negated: 2,
  /** Stems two apart ("was" _ "small"). */
  skip: 3,
  /** A flag: position in the message, question type, length, a rule's hit, the context. */
  flag: 4,
  /** The first stem of the sentence. */
  first: 5,
  /** The first stem of a clause. */
  clauseStart: 6,
  /** A word's semantic class (see semantic-classes.ts). */
  semantic: 7,
  /** A stem and the next word's semantic class. */
  unitSemantic: 8,
  /** A word's semantic class and the next stem. */
  semanticUnit: 9,
  /** A semantic class in the scope of a negation. */
  negatedSemantic: 10,
} as const;
export type FeatureKind = (typeof FEATURE_KINDS)[keyof typeof FEATURE_KINDS];

/** The kinds that name one unit; the others name two. */
export const SINGLE_UNIT_KINDS: ReadonlySet<number> = new Set([0, 2, 4, 5, 6, 7, 10]);

/** Unit ids while training (any number of stems)… */
export const TRAINING_UNIT_LIMIT = 2 ** 21;
/** …and in a trained model: below 2^13, every key is below 2^30, a small integer that maps hash fast. */
export const MODEL_UNIT_LIMIT = 2 ** 13;

/** One feature as one number, for unit ids below `limit`. */
export function featureKey(kind: FeatureKind, a: number, b: number, limit: number): number {
  return kind + 16 * (a + limit * b);
}

export function unpackFeature(key: number, limit: number): { kind: FeatureKind; a: number; b: number } {
  const rest = Math.floor(key / 16);
  return { kind: (key % 16) as FeatureKind, a: rest % limit, b: Math.floor(rest / limit) };
}

export const SENTENCE_POSITIONS = ['only', 'first', 'mid', 'last'] as const;
export type SentencePosition = (typeof SENTENCE_POSITIONS)[number];

/** The flags' names; a flag is the unit "§" + its name. */
export const FLAGS = [
  ...SENTENCE_POSITIONS.map((p) => `pos:${p}`),
  ...['q', 'q:wh', 'q:aux', 'q:neg', 'len:1', 'len:2', 'len:3', 'len:4', 'quoted', 'bos', 'eos', 'eos?'],
  ...['marker', 'cm:action', 'cm:timing', 'cm:vague', 'cm:observer'],
  ...COACH_CATEGORIES.map((c) => `rule:${c}`),
  ...COACH_CONTEXTS.map((c) => `ctx:${c}`),
] as const;
const FLAG_INDEX = new Map<string, number>(FLAGS.map((name, i) => [name, i]));
const flagIndex = (name: (typeof FLAGS)[number]) => FLAG_INDEX.get(name) ?? -1;
const F = {
  q: flagIndex('q'),
  wh: flagIndex('q:wh'),
  aux: flagIndex('q:aux'),
  neg: flagIndex('q:neg'),
  len: [flagIndex('len:1'), flagIndex('len:2'), flagIndex('len:3'), flagIndex('len:4')],
  quoted: flagIndex('quoted'),
  bos: flagIndex('bos'),
  eos: flagIndex('eos'),
  eosQuestion: flagIndex('eos?'),
  /** By bit: marker, action, timing, hedge, observer. */
  commitment: [
    flagIndex('marker'),
    flagIndex('cm:action'),
    flagIndex('cm:timing'),
    flagIndex('cm:vague'),
    flagIndex('cm:observer'),
  ],
  position: new Map(SENTENCE_POSITIONS.map((p) => [p, flagIndex(`pos:${p}`)])),
  rules: COACH_CATEGORIES.map((c) => flagIndex(`rule:${c}`)),
  context: new Map(COACH_CONTEXTS.map((c) => [c, flagIndex(`ctx:${c}`)])),
};
export const FLAG_UNITS = FLAGS.map((f) => `§${f}`);

/** A word's units: its stem (-1 when none) and its semantic classes. */
export interface TokenUnits {
  unit: number;
  lex: Int32Array;
}

/** Turns words into unit ids: at training every stem gets one; in use, only the model's stems have one. */
export interface UnitResolver {
  resolve(norm: string): TokenUnits;
  /** Ids of the flags, by their index in FLAGS; -1 where the model has none. */
  readonly flagIds: Int32Array;
  /** Every unit id is below it (see featureKey). */
  readonly unitLimit: number;
  /**
   * In a trained model, per unit, bit 1: some two-unit feature starts with it; bit 2: some ends with it. A pair
   * that cannot be a feature is not emitted (most word pairs are in no feature). Null: emit every pair.
   */
  readonly pairRoles: Uint8Array | null;
}

/** What the rules and the message say about the sentence, beyond its words. */
export interface SentenceSignals {
  position: SentencePosition;
  /** Bit k set: the rule for COACH_CATEGORIES[k] fired in the sentence. */
  rules: number;
  /** Bits: 1 a commitment marker, 2 an action, 4 a time or trigger, 8 a hedge, 16 an observer. */
  commitment: number;
  context: CoachContext;
}

const QUESTION_AUX = new Set(['do', 'does', 'did', 'is', 'are', 'was', 'were', 'have', 'has', 'had']);
const WH = new Set(['how', 'what', 'which', 'why', 'where', 'when', 'who', 'whom', 'whose']);
const MODALS = new Set(['will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must']);

// Scratch buffers reused across sentences: scoring runs for every sentence of every keystroke.
let unitBuffer = new Int32Array(64);
const lexBuffer: Int32Array[] = [];
const NONE = new Int32Array(0);

/** Receives a sentence's features; the model adds their weights, training collects them. */
export interface FeatureSink {
  add(key: number): void;
}

let roles: Uint8Array | null = null;

function emitPair(sink: FeatureSink, kind: FeatureKind, a: number, b: number, limit: number): void {
  if (a < 0 || b < 0) return;
  if (roles !== null && (((roles[a] as number) & 1) === 0 || ((roles[b] as number) & 2) === 0)) return;
  sink.add(featureKey(kind, a, b, limit));
}

function emitFlag(sink: FeatureSink, flags: Int32Array, index: number, limit: number): void {
  const id = index >= 0 ? (flags[index] ?? -1) : -1;
  if (id >= 0) sink.add(featureKey(FEATURE_KINDS.flag, id, 0, limit));
}

/**
 * Gives `sink` each feature of the sentence (a feature may come more than once). Linear in its words.
 */
export function sentenceFeatures(
  tokens: readonly Token[],
  sentence: Sentence,
  negators: ReadonlySet<string>,
  units: UnitResolver,
  signals: SentenceSignals,
  sink: FeatureSink,
): void {
  const { first, last } = sentence;
  const n = last - first;
  if (n <= 0) return;
  if (unitBuffer.length < n) unitBuffer = new Int32Array(n * 2);
  const u = unitBuffer;
  const flags = units.flagIds;
  const limit = units.unitLimit;
  roles = units.pairRoles;
  const idOf = (index: number) => (index >= 0 ? (flags[index] ?? -1) : -1);
  const quoted = idOf(F.quoted);
  let anyQuoted = false;
  for (let k = 0; k < n; k++) {
    const token = tokens[first + k] as Token;
    if (token.quoted) {
      anyQuoted = true;
      u[k] = quoted;
      lexBuffer[k] = NONE;
    } else {
      const resolved = units.resolve(token.norm);
      u[k] = resolved.unit;
      lexBuffer[k] = resolved.lex;
    }
  }
  emitFlag(sink, flags, F.position.get(signals.position) ?? -1, limit);
  if (signals.context !== 'response') emitFlag(sink, flags, F.context.get(signals.context) ?? -1, limit);
  emitFlag(sink, flags, (n <= 3 ? F.len[0] : n <= 8 ? F.len[1] : n <= 20 ? F.len[2] : F.len[3]) ?? -1, limit);
  if (anyQuoted) emitFlag(sink, flags, F.quoted, limit);
  if (sentence.question) {
    emitFlag(sink, flags, F.q, limit);
    const head = (tokens[first] as Token).norm;
    if (WH.has(head)) emitFlag(sink, flags, F.wh, limit);
    else if (QUESTION_AUX.has(head) || MODALS.has(head)) {
      emitFlag(sink, flags, F.aux, limit);
      if (n > 1 && (tokens[first + 1] as Token).norm === 'not') emitFlag(sink, flags, F.neg, limit);
    }
  }
  for (let k = 0; k < F.rules.length; k++)
    if (signals.rules & (1 << k)) emitFlag(sink, flags, F.rules[k] ?? -1, limit);
  for (let k = 0; k < F.commitment.length; k++)
    if (signals.commitment & (1 << k)) emitFlag(sink, flags, F.commitment[k] ?? -1, limit);

  const bos = idOf(F.bos);
  const eos = idOf(sentence.question ? F.eosQuestion : F.eos);
  if ((u[0] as number) >= 0) sink.add(featureKey(FEATURE_KINDS.first, u[0] as number, 0, limit));
  let negatedUntil = -1;
  for (let k = 0; k < n; k++) {
    const token = tokens[first + k] as Token;
    const unit = u[k] as number;
    if (token.brk) negatedUntil = -1;
    const lex = lexBuffer[k] as Int32Array;
    const negated = k <= negatedUntil;
    if (unit >= 0) {
      sink.add(featureKey(FEATURE_KINDS.unigram, unit, 0, limit));
      if (negated) sink.add(featureKey(FEATURE_KINDS.negated, unit, 0, limit));
      if (token.brk && k > 0) sink.add(featureKey(FEATURE_KINDS.clauseStart, unit, 0, limit));
    }
    const prev = k > 0 ? (u[k - 1] as number) : bos;
    const next = k + 1 < n ? (u[k + 1] as number) : eos;
    for (let j = 0; j < lex.length; j++) {
      const x = lex[j] as number;
      sink.add(featureKey(FEATURE_KINDS.semantic, x, 0, limit));
      if (negated) sink.add(featureKey(FEATURE_KINDS.negatedSemantic, x, 0, limit));
      emitPair(sink, FEATURE_KINDS.unitSemantic, prev, x, limit);
      emitPair(sink, FEATURE_KINDS.semanticUnit, x, next, limit);
    }
    if (negators.has(token.norm)) negatedUntil = n;
    if (k === 0) {
      emitPair(sink, FEATURE_KINDS.bigram, bos, unit, limit);
      continue;
    }
    emitPair(sink, FEATURE_KINDS.bigram, prev, unit, limit);
    if (k > 1) emitPair(sink, FEATURE_KINDS.skip, u[k - 2] as number, unit, limit);
  }
  emitPair(sink, FEATURE_KINDS.bigram, u[n - 1] as number, eos, limit);
}
