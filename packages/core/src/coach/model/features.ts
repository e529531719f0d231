import type { Sentence, Token } from '../tokenize.js';
import { COACH_CATEGORIES, COACH_CONTEXTS, type CoachContext } from '../types.js';
import { TOKEN_CLASSES, tokenClass } from './token-classes.js';

/**
 * The learned model's features of one sentence. Every feature is a pair of "units" (a word's stem, a word
 * class such as "modal" or "i", or a flag such as "question" or "the rule for deflecting fired") and a kind,
 * packed in one number so that scoring allocates no strings. Training and the browser share this code.
 */
export const FEATURE_KINDS = {
  /** A word's stem. */
  unigram: 0,
  /** Two consecutive stems ("my" "fault"), with sentence boundaries as units. */
  bigram: 1,
  /** A stem in the scope of a negation ("not" … "small"). */
  negated: 2,
  /** Two consecutive word classes ("i" "ed"). */
  classPair: 3,
  /** A stem and the next word's class ("only" "num"). */
  unitClass: 4,
  /** A word's class and the next stem ("modal" "ask"). */
  classUnit: 5,
  /** Stems two apart ("was" _ "small"). */
  skip: 6,
  /** A flag: position in the message, question type, length, a rule's hit. */
  flag: 7,
  /** The first stem of the sentence. */
  first: 8,
  /** The first stem of a clause. */
  clauseStart: 9,
  /** A word's semantic class (see semantic-classes.ts). */
  semantic: 10,
  /** A stem and the next word's semantic class. */
  unitSemantic: 11,
  /** A word's semantic class and the next stem. */
  semanticUnit: 12,
  /** The semantic classes of two consecutive words. */
  semanticPair: 13,
  /** A semantic class in the scope of a negation. */
  negatedSemantic: 14,
} as const;
export type FeatureKind = (typeof FEATURE_KINDS)[keyof typeof FEATURE_KINDS];

/** The kinds that name one unit; the others name two. */
export const SINGLE_UNIT_KINDS: ReadonlySet<number> = new Set([0, 2, 7, 8, 9, 10, 14]);

const UNIT_LIMIT = 2 ** 21;

/** One feature as one number: exact for unit ids below 2^21. */
export function featureKey(kind: FeatureKind, a: number, b = 0): number {
  return kind + 16 * (a + UNIT_LIMIT * b);
}

export function unpackFeature(key: number): { kind: FeatureKind; a: number; b: number } {
  const rest = Math.floor(key / 16);
  return { kind: (key % 16) as FeatureKind, a: rest % UNIT_LIMIT, b: Math.floor(rest / UNIT_LIMIT) };
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
export const CLASS_UNITS = TOKEN_CLASSES.map((c) => `§c:${c}`);
export const FLAG_UNITS = FLAGS.map((f) => `§${f}`);
const CLASS_INDEX = new Map<string, number>(TOKEN_CLASSES.map((c, i) => [c, i]));

/** A word's units: its stem, its word class (token-classes.ts) and its semantic classes; -1 when none. */
export interface TokenUnits {
  unit: number;
  cls: number;
  lex: Int32Array;
}

/** Turns words into unit ids: at training every stem gets one; in use, only the model's stems have one. */
export interface UnitResolver {
  resolve(norm: string): TokenUnits;
  /** Ids of the flags, by their index in FLAGS; -1 where the model has none. */
  readonly flagIds: Int32Array;
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

export function classIndex(norm: string): number {
  return CLASS_INDEX.get(tokenClass(norm)) ?? CLASS_INDEX.size - 1;
}

const QUESTION_AUX = new Set(['do', 'does', 'did', 'is', 'are', 'was', 'were', 'have', 'has', 'had']);
const WH = new Set(['how', 'what', 'which', 'why', 'where', 'when', 'who', 'whom', 'whose']);
const MODALS = new Set(['will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must']);

// Scratch buffers reused across sentences: scoring runs for every sentence of every keystroke.
let unitBuffer = new Int32Array(64);
let classBuffer = new Int32Array(64);
const lexBuffer: Int32Array[] = [];
const NONE = new Int32Array(0);

/**
 * Calls `emit` with each feature of the sentence (a feature may come more than once). Linear in its words.
 */
export function sentenceFeatures(
  tokens: readonly Token[],
  sentence: Sentence,
  negators: ReadonlySet<string>,
  units: UnitResolver,
  signals: SentenceSignals,
  emit: (key: number) => void,
): void {
  const { first, last } = sentence;
  const n = last - first;
  if (n <= 0) return;
  if (unitBuffer.length < n) {
    unitBuffer = new Int32Array(n * 2);
    classBuffer = new Int32Array(n * 2);
  }
  const u = unitBuffer;
  const c = classBuffer;
  const flags = units.flagIds;
  const idOf = (index: number) => (index >= 0 ? (flags[index] ?? -1) : -1);
  const flag = (index: number) => {
    const id = idOf(index);
    if (id >= 0) emit(featureKey(FEATURE_KINDS.flag, id));
  };
  const quoted = idOf(F.quoted);
  let anyQuoted = false;
  for (let k = 0; k < n; k++) {
    const token = tokens[first + k] as Token;
    if (token.quoted) {
      anyQuoted = true;
      u[k] = quoted;
      c[k] = quoted;
      lexBuffer[k] = NONE;
    } else {
      const resolved = units.resolve(token.norm);
      u[k] = resolved.unit;
      c[k] = resolved.cls;
      lexBuffer[k] = resolved.lex;
    }
  }
  flag(F.position.get(signals.position) ?? -1);
  if (signals.context !== 'response') flag(F.context.get(signals.context) ?? -1);
  flag((n <= 3 ? F.len[0] : n <= 8 ? F.len[1] : n <= 20 ? F.len[2] : F.len[3]) ?? -1);
  if (anyQuoted) flag(F.quoted);
  if (sentence.question) {
    flag(F.q);
    const head = (tokens[first] as Token).norm;
    if (WH.has(head)) flag(F.wh);
    else if (QUESTION_AUX.has(head) || MODALS.has(head)) {
      flag(F.aux);
      if (n > 1 && (tokens[first + 1] as Token).norm === 'not') flag(F.neg);
    }
  }
  for (let k = 0; k < F.rules.length; k++) if (signals.rules & (1 << k)) flag(F.rules[k] ?? -1);
  for (let k = 0; k < F.commitment.length; k++)
    if (signals.commitment & (1 << k)) flag(F.commitment[k] ?? -1);

  const bos = idOf(F.bos);
  const eos = idOf(sentence.question ? F.eosQuestion : F.eos);
  const pair = (kind: FeatureKind, a: number, b: number) => {
    if (a >= 0 && b >= 0) emit(featureKey(kind, a, b));
  };
  if ((u[0] as number) >= 0) emit(featureKey(FEATURE_KINDS.first, u[0] as number));
  let negatedUntil = -1;
  for (let k = 0; k < n; k++) {
    const token = tokens[first + k] as Token;
    const unit = u[k] as number;
    const cls = c[k] as number;
    if (token.brk) negatedUntil = -1;
    const lex = lexBuffer[k] as Int32Array;
    const negated = k <= negatedUntil;
    if (unit >= 0) {
      emit(featureKey(FEATURE_KINDS.unigram, unit));
      if (negated) emit(featureKey(FEATURE_KINDS.negated, unit));
      if (token.brk && k > 0) emit(featureKey(FEATURE_KINDS.clauseStart, unit));
    }
    const prev = k > 0 ? (u[k - 1] as number) : bos;
    const prevLex = k > 0 ? (lexBuffer[k - 1] as Int32Array) : NONE;
    const next = k + 1 < n ? (u[k + 1] as number) : eos;
    for (let j = 0; j < lex.length; j++) {
      const x = lex[j] as number;
      emit(featureKey(FEATURE_KINDS.semantic, x));
      if (negated) emit(featureKey(FEATURE_KINDS.negatedSemantic, x));
      pair(FEATURE_KINDS.unitSemantic, prev, x);
      pair(FEATURE_KINDS.semanticUnit, x, next);
      for (let i = 0; i < prevLex.length; i++) pair(FEATURE_KINDS.semanticPair, prevLex[i] as number, x);
    }
    if (negators.has(token.norm)) negatedUntil = k + 4;
    if (k === 0) {
      pair(FEATURE_KINDS.bigram, bos, unit);
      continue;
    }
    const prevClass = c[k - 1] as number;
    pair(FEATURE_KINDS.bigram, prev, unit);
    pair(FEATURE_KINDS.classPair, prevClass, cls);
    pair(FEATURE_KINDS.unitClass, prev, cls);
    pair(FEATURE_KINDS.classUnit, prevClass, unit);
    if (k > 1) pair(FEATURE_KINDS.skip, u[k - 2] as number, unit);
  }
  pair(FEATURE_KINDS.bigram, u[n - 1] as number, eos);
}
