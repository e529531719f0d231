import { type CompiledLanguage, findIn } from '../compile.js';
import type { Hit } from '../rule-engine.js';
import type { Sentence, Token, Tokenized } from '../tokenize.js';
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
  compiled: CompiledLanguage,
  tokenized: Tokenized,
  hits: readonly Hit[],
  markers: Uint8Array,
  context: CoachContext,
): SentenceSignals[] {
  const { tokens, sentences } = tokenized;
  const signals = sentences.map((sentence, s) =>
    signalsOf(compiled, tokens, sentence, positionOf(s, sentences.length), context, [], markers[s] === 1),
  );
  for (const hit of hits) {
    const signal = signals[hit.sentence];
    if (signal) signal.rules |= CATEGORY_BIT.get(hit.category) ?? 0;
  }
  return signals;
}

/** The signals of one sentence, from its own rule hits. */
export function signalsOf(
  compiled: CompiledLanguage,
  tokens: readonly Token[],
  sentence: Sentence,
  position: SentencePosition,
  context: CoachContext,
  hits: readonly Hit[],
  marker: boolean,
): SentenceSignals {
  let rules = 0;
  for (const hit of hits) rules |= CATEGORY_BIT.get(hit.category) ?? 0;
  return {
    position,
    context,
    rules,
    // The parts of a promise, looked for only where a commitment marker is (four more passes otherwise).
    commitment: marker
      ? 1 |
        (findIn(compiled.actions, tokens, sentence) ? 2 : 0) |
        (findIn(compiled.timing, tokens, sentence) ? 4 : 0) |
        (findIn(compiled.vague, tokens, sentence) ? 8 : 0) |
        (findIn(compiled.observers, tokens, sentence) ? 16 : 0)
      : 0,
  };
}
