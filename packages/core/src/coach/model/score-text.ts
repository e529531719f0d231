import { compileLanguage } from '../compile.js';
import type { LanguageRules } from '../language.js';
import { type Hit, sentenceRules } from '../rule-engine.js';
import { ENGLISH } from '../rules/en/index.js';
import { type Sentence, tokenize } from '../tokenize.js';
import type { CoachContext } from '../types.js';
import type { CoachModel } from './coach-model.js';
import { positionOf, signalsOf } from './sentence-signals.js';

/**
 * Per sentence of the text, the model's scores (log-odds minus its thresholds: the categories, then the gate)
 * and which rules fired (bit k: COACH_CATEGORIES[k]), as analyze() computes them: for choosing thresholds.
 */
export function scoreText(
  text: string,
  model: CoachModel,
  context: CoachContext = 'response',
  language: LanguageRules = ENGLISH,
): { margins: Float64Array; rules: number }[] {
  const compiled = compileLanguage(language);
  const { tokens, sentences } = tokenize(text, language.contractions);
  return sentences.map((sentence: Sentence, s) => {
    const margins = new Float64Array(model.width);
    const hits: Hit[] = [];
    const commitment = sentenceRules(compiled, language, tokens, sentence, s, hits);
    const position = positionOf(s, sentences.length);
    const signals = signalsOf(position, context, hits, commitment);
    model.score(tokens, sentence, language.negators, signals, margins);
    return { margins, rules: signals.rules };
  });
}
