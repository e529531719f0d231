import { compileLanguage } from './compile.js';
import { detectLanguage } from './detect.js';
import type { LanguageRules } from './language.js';
import { modelFor } from './model/english-model.js';
import { positionOf } from './model/sentence-signals.js';
import { removeOverlaps } from './rule-engine.js';
import { ENGLISH } from './rules/en/index.js';
import { analyzeSentence, type SentenceAnalyzer, type SentenceResult } from './sentence-analysis.js';
import { summarize, unsupportedSummary } from './summary.js';
import { type Sentence, type Token, tokenize } from './tokenize.js';
import {
  type AnalyzeOptions,
  type CoachAnalysis,
  type CoachCategory,
  type CoachFinding,
  DEFENSIVE_CATEGORIES,
} from './types.js';

const LANGUAGES: Record<'en', LanguageRules> = { en: ENGLISH };
const DEFENSIVE = new Set<CoachCategory>(DEFENSIVE_CATEGORIES);
const analyzers = new WeakMap<LanguageRules, SentenceAnalyzer>();

function analyzerFor(language: LanguageRules): SentenceAnalyzer {
  let analyzer = analyzers.get(language);
  if (!analyzer) {
    const model = modelFor(language);
    analyzer = {
      compiled: compileLanguage(language),
      language,
      model,
      margins: new Float64Array(model.width),
    };
    analyzers.set(language, analyzer);
  }
  return analyzer;
}

/** Per-sentence results kept between analyses of a draft being typed; see createCoachSession(). */
export type SentenceCache = Map<string, SentenceResult>;

/**
 * Reads a draft message and returns what in it widens or mends the crack: findings with offsets into `text`,
 * and a summary with the apology's parts and the next steps. Pure, offline and linear in the text's length.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): CoachAnalysis {
  return analyzeCached(text, options, null).analysis;
}

/**
 * A coach for one draft being typed: each analysis reuses the results of the sentences that did not change
 * since the previous one (a sentence's result depends only on its words, its position and the context), so a
 * keystroke costs the tokenising of the text and the reading of one or two sentences.
 */
export function createCoachSession(): { analyze(text: string, options?: AnalyzeOptions): CoachAnalysis } {
  let cache: SentenceCache = new Map();
  return {
    analyze(text, options = {}) {
      const result = analyzeCached(text, options, cache);
      // Only the sentences of the latest text are kept: the cache never outgrows the draft.
      cache = result.used;
      return result.analysis;
    },
  };
}

function analyzeCached(
  text: string,
  options: AnalyzeOptions,
  cache: SentenceCache | null,
): { analysis: CoachAnalysis; used: SentenceCache } {
  const used: SentenceCache = new Map();
  const language = LANGUAGES[options.language ?? 'en'];
  const tokenized = tokenize(text, language.contractions);
  if (!options.language && !detectLanguage(tokenized, language.stopwords))
    return { analysis: { findings: [], summary: unsupportedSummary(tokenized, language) }, used };
  const analyzer = analyzerFor(language);
  const context = options.context ?? 'response';
  const { tokens, sentences } = tokenized;
  const findings: CoachFinding[] = [];
  const scans: SentenceResult['scan'][] = [];
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s] as Sentence;
    const position = positionOf(s, sentences.length);
    let result: SentenceResult | undefined;
    let key = '';
    if (cache) {
      key = cacheKey(text, tokens, sentence, position, context);
      result = cache.get(key) ?? used.get(key);
    }
    result ??= analyzeSentence(analyzer, tokens, sentence, position, context);
    if (cache) used.set(key, result);
    scans.push(result.scan);
    if (result.findings.length === 0) continue;
    const sentenceFindings = result.findings.map((f) =>
      toFinding(text, f.category, sentence.start + f.start, sentence.start + f.end, language),
    );
    if (sentenceFindings.length === 1) findings.push(sentenceFindings[0] as CoachFinding);
    else findings.push(...removeOverlaps(sentenceFindings));
  }
  const summary = summarize(findings, tokenized, scans, language, options.breachKinds ?? [], context);
  return { analysis: { findings, summary }, used };
}

/** A sentence's words and what the tokenizer decided about them (quotation marks opened earlier). */
function cacheKey(
  text: string,
  tokens: readonly Token[],
  sentence: Sentence,
  position: string,
  context: string,
): string {
  let quoted = '';
  for (let i = sentence.first; i < sentence.last; i++) quoted += (tokens[i] as Token).quoted ? '1' : '0';
  return `${context}|${position}|${quoted}|${text.slice(sentence.start, sentence.end)}`;
}

function toFinding(
  text: string,
  category: CoachCategory,
  start: number,
  end: number,
  language: LanguageRules,
): CoachFinding {
  const copy = language.categories[category];
  const defensive = DEFENSIVE.has(category);
  return {
    category,
    start,
    end,
    text: text.slice(start, end),
    message: copy.message,
    ...(defensive && copy.suggestion ? { suggestion: copy.suggestion } : {}),
    kind: defensive ? 'defensive' : 'repair',
  };
}
