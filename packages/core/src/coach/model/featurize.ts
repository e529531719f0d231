import { compileLanguage } from '../compile.js';
import type { LanguageRules } from '../language.js';
import { runRules } from '../rule-engine.js';
import { ENGLISH } from '../rules/en/index.js';
import { tokenize } from '../tokenize.js';
import type { CoachContext } from '../types.js';
import { sentenceFeatures, type UnitResolver } from './features.js';
import { sentenceSignals } from './sentence-signals.js';

export interface SentenceFeatures {
  start: number;
  end: number;
  /** Distinct feature keys, in first-seen order. */
  keys: number[];
}

/**
 * The features of each sentence of a text, exactly as the coach computes them when it analyses the text (the
 * rules' hits included). For training and for tests; analyze() scores without building these lists.
 */
export function featurize(
  text: string,
  units: UnitResolver,
  language: LanguageRules = ENGLISH,
  context: CoachContext = 'response',
): SentenceFeatures[] {
  const compiled = compileLanguage(language);
  const tokenized = tokenize(text, language.contractions);
  const { hits, markers } = runRules(compiled, language, tokenized);
  const signals = sentenceSignals(tokenized, hits, markers, context);
  return tokenized.sentences.map((sentence, s) => {
    const keys = new Set<number>();
    const signal = signals[s];
    if (signal) sentenceFeatures(tokenized.tokens, sentence, language.negators, units, signal, keys);
    return { start: sentence.start, end: sentence.end, keys: [...keys] };
  });
}
