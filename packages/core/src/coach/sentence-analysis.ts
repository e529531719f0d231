import type { CompiledLanguage } from './compile.js';
import type { LanguageRules } from './language.js';
import type { CoachModel } from './model/coach-model.js';
import type { SentencePosition } from './model/features.js';
import { signalsOf } from './model/sentence-signals.js';
import { type Hit, sentenceRules } from './rule-engine.js';
import { type SentenceScan, scanSentence } from './summary.js';
import type { Sentence, Token } from './tokenize.js';
import type { CoachCategory, CoachContext } from './types.js';

/** A finding's category and span, relative to its sentence's start (so a result can be reused when the
 * sentence moves in the text). */
export interface SentenceFinding {
  category: CoachCategory;
  start: number;
  end: number;
}

export interface SentenceResult {
  findings: SentenceFinding[];
  scan: SentenceScan;
}

/** What a context never shows: a forecast of the team's answers promises nothing. */
const EXCLUDED: Record<CoachContext, ReadonlySet<CoachCategory>> = {
  response: new Set(),
  forecast: new Set(['specific_commitment', 'vague_commitment']),
  acknowledgement: new Set(),
  follow_up: new Set(),
  commitment: new Set(),
  missed_note: new Set(),
};

export interface SentenceAnalyzer {
  compiled: CompiledLanguage;
  language: LanguageRules;
  model: CoachModel;
  /** Scratch for the model's scores, one entry per category. */
  margins: Float64Array;
}

/**
 * Reads one sentence: the rules, then the model (which weighs the rules' hits with everything else it knows
 * about the sentence). A category is found where the model says so; its span is the rule's where a rule
 * fired, otherwise the sentence.
 */
export function analyzeSentence(
  analyzer: SentenceAnalyzer,
  tokens: readonly Token[],
  sentence: Sentence,
  position: SentencePosition,
  context: CoachContext,
): SentenceResult {
  const { compiled, language, model, margins } = analyzer;
  const hits: Hit[] = [];
  const commitment = sentenceRules(compiled, language, tokens, sentence, 0, hits);
  const signals = signalsOf(position, context, hits, commitment);
  model.score(tokens, sentence, language.negators, signals, margins);
  const { categories } = model;
  const scan = scanSentence(tokens, sentence, compiled);
  const gateOpen = model.gate < 0 || (margins[model.gate] as number) > 0;
  // A category a rule marked needs less evidence and passes the gate; so does one with strong evidence.
  const { ruleBits, thresholds, ruleTrust, gateOverride } = model;
  for (let c = 0; c < categories.length; c++) {
    if (signals.rules & (ruleBits[c] as number)) margins[c] = (margins[c] as number) + ruleTrust;
    else if (!gateOpen && (margins[c] as number) + (thresholds[c] as number) <= gateOverride) margins[c] = -1;
  }
  const { specific, vague } = model;
  // One reading of a promise: the likelier of specific and vague.
  if ((margins[specific] as number) > 0 && (margins[vague] as number) > 0) {
    if ((margins[specific] as number) >= (margins[vague] as number)) margins[vague] = -1;
    else margins[specific] = -1;
  }
  const excluded = EXCLUDED[context];
  const findings: SentenceFinding[] = [];
  for (let c = 0; c < categories.length; c++) {
    const category = categories[c] as CoachCategory;
    if ((margins[c] as number) <= 0 || excluded.has(category)) continue;
    let spanned = false;
    for (const hit of hits)
      if (hit.category === category) {
        findings.push({ category, start: hit.start - sentence.start, end: hit.end - sentence.start });
        spanned = true;
      }
    if (!spanned) findings.push({ category, start: 0, end: sentence.end - sentence.start });
  }
  return { findings, scan };
}
