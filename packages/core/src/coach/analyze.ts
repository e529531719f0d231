import {
  anyMatch,
  type CompiledLanguage,
  type CompiledRule,
  compileLanguage,
  findIn,
  forEachCandidate,
  type PatternRef,
} from './compile.js';
import { detectLanguage } from './detect.js';
import type { LanguageRules } from './language.js';
import { matchAt } from './match.js';
import { ENGLISH } from './rules/en/index.js';
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

interface Hit {
  category: CoachCategory;
  start: number;
  end: number;
}

/**
 * Reads a draft message and returns what in it widens or mends the crack: findings with offsets into `text`,
 * and a summary with the apology's parts and the next steps. Pure, offline and linear in the text's length.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): CoachAnalysis {
  const language = LANGUAGES[options.language ?? 'en'];
  const tokenized = tokenize(text, language.contractions);
  if (!options.language && !detectLanguage(tokenized, language.stopwords)) {
    return { findings: [], summary: unsupportedSummary(tokenized, language) };
  }
  const compiled = compileLanguage(language);
  const { tokens, sentences } = tokenized;
  const hits: Hit[] = [];
  for (const sentence of sentences) {
    const markers = matchSentence(compiled, language, tokens, sentence, hits);
    if (markers && !anyMatch(compiled.commitmentMarkers.unless, tokens, sentence))
      classifyCommitment(compiled, tokens, sentence, hits);
  }
  const findings = removeOverlaps(hits).map((hit) => toFinding(text, hit, language));
  return { findings, summary: summarize(findings, tokenized, compiled, language, options.breachKinds ?? []) };
}

/** Runs every rule over one sentence; returns whether a commitment marker matched. */
function matchSentence(
  compiled: CompiledLanguage,
  language: LanguageRules,
  tokens: readonly Token[],
  sentence: Sentence,
  hits: Hit[],
): boolean {
  let commitment = false;
  let done: Set<CompiledRule> | null = null;
  let i = sentence.first;
  // One visitor per sentence (not per word); `i` is the word being tried.
  const visit = (ref: PatternRef) => {
    const { rule } = ref;
    if (rule === compiled.commitmentMarkers && commitment) return;
    const end = matchAt(ref.pattern.elements, tokens, i, sentence.first, sentence.last);
    if (end <= i) return;
    if (!accept(rule, language, tokens, sentence, i, end)) return;
    if (rule === compiled.commitmentMarkers) {
      commitment = true;
      return;
    }
    if (rule.rule.span === 'sentence') {
      done ??= new Set();
      if (done.has(rule)) return;
      done.add(rule);
      hits.push({ category: rule.rule.category, start: sentence.start, end: sentence.end });
    } else {
      const start = (tokens[i] as Token).start;
      hits.push({ category: rule.rule.category, start, end: (tokens[end - 1] as Token).end });
    }
  };
  for (; i < sentence.last; i++) forEachCandidate(compiled.index, tokens, i, sentence.last, visit);
  return commitment;
}

function accept(
  rule: CompiledRule,
  language: LanguageRules,
  tokens: readonly Token[],
  sentence: Sentence,
  start: number,
  end: number,
): boolean {
  const { mood, negatable = true } = rule.rule;
  const reportable = rule.rule.reportable ?? DEFENSIVE.has(rule.rule.category);
  if (mood === 'question' && !sentence.question) return false;
  if (mood === 'statement' && sentence.question) return false;
  for (let k = start; k < end; k++) if ((tokens[k] as Token).quoted) return false;
  if (reportable && isReported(language, tokens, sentence, start)) return false;
  if (negatable && isNegated(language, tokens, sentence, start)) return false;
  if (rule.unless.length > 0 && anyMatch(rule.unless, tokens, sentence)) return false;
  if (rule.requires.length > 0 && !anyMatch(rule.requires, tokens, sentence)) return false;
  return true;
}

/** A negation shortly before the match, in the same clause. */
function isNegated(language: LanguageRules, tokens: readonly Token[], sentence: Sentence, start: number) {
  const stop = Math.max(sentence.first, start - language.negationWindow);
  for (let k = start - 1; k >= stop; k--) {
    if ((tokens[k + 1] as Token).brk) return false;
    if (language.negators.has((tokens[k] as Token).norm)) return true;
  }
  return false;
}

/**
 * Someone other than the writer said or felt it: "you said it was …", "some of you felt it was …", or
 * "… it was a small change, they told us".
 */
function isReported(language: LanguageRules, tokens: readonly Token[], sentence: Sentence, start: number) {
  const stop = Math.max(sentence.first + 1, start - 8);
  for (let k = start - 1; k >= stop; k--) {
    if ((tokens[k + 1] as Token).brk) break;
    if (reportedAt(language, tokens, sentence, k)) return true;
  }
  // A trailing reporting clause: ", they told us."
  for (let k = Math.max(start + 1, sentence.last - 3); k < sentence.last; k++) {
    if (!(tokens[k] as Token).brk) continue;
    for (let v = k + 1; v < Math.min(k + 4, sentence.last); v++)
      if (reportedAt(language, tokens, sentence, v)) return true;
  }
  return false;
}

function reportedAt(
  language: LanguageRules,
  tokens: readonly Token[],
  sentence: Sentence,
  k: number,
): boolean {
  if (k <= sentence.first || !language.reportingVerbs.has((tokens[k] as Token).norm)) return false;
  let subject = tokens[k - 1] as Token;
  if (language.lexicon.reportingAdverbs?.includes(subject.norm) && k - 2 >= sentence.first)
    subject = tokens[k - 2] as Token;
  return !language.selfSubjects.has(subject.norm) && !language.negators.has(subject.norm);
}

function classifyCommitment(
  compiled: CompiledLanguage,
  tokens: readonly Token[],
  sentence: Sentence,
  hits: Hit[],
) {
  const action = findIn(compiled.actions, tokens, sentence);
  const timing = findIn(compiled.timing, tokens, sentence);
  const vague = findIn(compiled.vague, tokens, sentence);
  const category: CoachCategory = action && timing && !vague ? 'specific_commitment' : 'vague_commitment';
  if (category === 'vague_commitment' && !vague && !action) return;
  hits.push({ category, start: sentence.start, end: sentence.end });
}

/** Keeps, per category, the earliest (then longest) of overlapping hits. */
function removeOverlaps(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const lastEnd = new Map<CoachCategory, number>();
  const kept: Hit[] = [];
  for (const hit of sorted) {
    if ((lastEnd.get(hit.category) ?? -1) > hit.start) continue;
    lastEnd.set(hit.category, hit.end);
    kept.push(hit);
  }
  return kept;
}

function toFinding(text: string, hit: Hit, language: LanguageRules): CoachFinding {
  const copy = language.categories[hit.category];
  const defensive = DEFENSIVE.has(hit.category);
  return {
    category: hit.category,
    start: hit.start,
    end: hit.end,
    text: text.slice(hit.start, hit.end),
    message: copy.message,
    ...(defensive && copy.suggestion ? { suggestion: copy.suggestion } : {}),
    kind: defensive ? 'defensive' : 'repair',
  };
}
