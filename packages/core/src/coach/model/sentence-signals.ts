import type { Hit } from '../rule-engine.js';
import type { Tokenized } from '../tokenize.js';
import { COACH_CATEGORIES, type CoachContext } from '../types.js';
import type { SentencePosition, SentenceSignals } from './features.js';

const CATEGORY_BIT = new Map(COACH_CATEGORIES.map((c, i) => [c, 1 << i]));

export function positionOf(index: number, count: number): SentencePosition {
  if (count <= 1) return 'only';
  if (index === 0) return 'first';
  return index === count - 1 ? 'last' : 'mid';
}

/**
 * Per sentence, what the rules found (as bits of COACH_CATEGORIES) and which parts of a commitment it has: the
 * model reads the rules' verdicts as features, so it learns when to trust them.
 */
export function sentenceSignals(
  tokenized: Tokenized,
  hits: readonly Hit[],
  markers: Uint8Array,
  context: CoachContext,
): SentenceSignals[] {
  const { sentences } = tokenized;
  const signals = sentences.map((_, s) =>
    signalsOf(positionOf(s, sentences.length), context, [], markers[s] ?? 0),
  );
  for (const hit of hits) {
    const signal = signals[hit.sentence];
    if (signal) signal.rules |= CATEGORY_BIT.get(hit.category) ?? 0;
  }
  return signals;
}

/** The signals of one sentence, from its own rule hits and its commitment's parts (see sentenceRules). */
export function signalsOf(
  position: SentencePosition,
  context: CoachContext,
  hits: readonly Hit[],
  commitment: number,
): SentenceSignals {
  let rules = 0;
  for (const hit of hits) rules |= CATEGORY_BIT.get(hit.category) ?? 0;
  return { position, context, rules, commitment };
}
