import {
  anyMatch,
  type CompiledLanguage,
  type CompiledRule,
  findIn,
  forEachCandidate,
  type PatternRef,
} from './compile.js';
import { matchPattern } from './compile-matcher.js';
import type { LanguageRules } from './language.js';
import { mayMatch, sentenceSignature } from './signature.js';
import type { Sentence, Token, Tokenized } from './tokenize.js';
import { type CoachCategory, DEFENSIVE_CATEGORIES } from './types.js';

const DEFENSIVE = new Set<CoachCategory>(DEFENSIVE_CATEGORIES);

/** One rule's finding before findings are made: a category and a span, in the sentence `sentence`. */
export interface Hit {
  category: CoachCategory;
  start: number;
  end: number;
  sentence: number;
}

/**
 * Runs the hand-written rules over every sentence: the hits, in sentence order, and per sentence the parts of
 * a commitment it has (see sentenceRules). Linear in the number of words.
 */
export function runRules(
  compiled: CompiledLanguage,
  language: LanguageRules,
  { tokens, sentences }: Tokenized,
): { hits: Hit[]; markers: Uint8Array } {
  const hits: Hit[] = [];
  const markers = new Uint8Array(sentences.length);
  for (let s = 0; s < sentences.length; s++)
    markers[s] = sentenceRules(compiled, language, tokens, sentences[s] as Sentence, s, hits);
  return { hits, markers };
}

/** A commitment's parts, as bits: a marker ("I will", "from now on"), an action, a time or trigger, a hedge, an
 * observer. */
export const COMMITMENT_PARTS = { marker: 1, action: 2, timing: 4, vague: 8, observer: 16 } as const;

/**
 * Runs the rules over sentence number `s`, adding its hits; returns the commitment's parts the sentence has
 * (COMMITMENT_PARTS; 0 without a marker: the other parts are looked for only where a marker is).
 */
export function sentenceRules(
  compiled: CompiledLanguage,
  language: LanguageRules,
  tokens: readonly Token[],
  sentence: Sentence,
  s: number,
  hits: Hit[],
): number {
  const marker = matchSentence(compiled, language, tokens, sentence, s, hits);
  if (!marker || anyMatch(compiled.commitmentMarkers.unless, tokens, sentence)) return 0;
  return classifyCommitment(compiled, tokens, sentence, s, hits);
}

/** Runs every rule over one sentence; returns whether a commitment marker matched. */
function matchSentence(
  compiled: CompiledLanguage,
  language: LanguageRules,
  tokens: readonly Token[],
  sentence: Sentence,
  s: number,
  hits: Hit[],
): boolean {
  let commitment = false;
  let done: Set<CompiledRule> | null = null;
  let i = sentence.first;
  const signature = sentenceSignature(tokens, sentence);
  // One visitor per sentence (not per word); `i` is the word being tried.
  const visit = (ref: PatternRef) => {
    const { rule } = ref;
    if (rule === compiled.commitmentMarkers && commitment) return;
    if (!mayMatch(ref.pattern.required, signature)) return;
    const end = matchPattern(ref.pattern.match, tokens, i, sentence.first, sentence.last);
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
      hits.push({ category: rule.rule.category, start: sentence.start, end: sentence.end, sentence: s });
    } else {
      const start = (tokens[i] as Token).start;
      hits.push({ category: rule.rule.category, start, end: (tokens[end - 1] as Token).end, sentence: s });
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
  s: number,
  hits: Hit[],
): number {
  const action = findIn(compiled.actions, tokens, sentence) !== null;
  const timing = findIn(compiled.timing, tokens, sentence) !== null;
  const vague = findIn(compiled.vague, tokens, sentence) !== null;
  const observer = findIn(compiled.observers, tokens, sentence) !== null;
  const category: CoachCategory = action && timing && !vague ? 'specific_commitment' : 'vague_commitment';
  if (category === 'specific_commitment' || vague || action)
    hits.push({ category, start: sentence.start, end: sentence.end, sentence: s });
  const P = COMMITMENT_PARTS;
  return (
    P.marker |
    (action ? P.action : 0) |
    (timing ? P.timing : 0) |
    (vague ? P.vague : 0) |
    (observer ? P.observer : 0)
  );
}

/** Keeps, per category, the earliest (then longest) of overlapping hits. */
export function removeOverlaps<T extends { category: CoachCategory; start: number; end: number }>(
  hits: readonly T[],
): T[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const lastEnd = new Map<CoachCategory, number>();
  const kept: T[] = [];
  for (const hit of sorted) {
    if ((lastEnd.get(hit.category) ?? -1) > hit.start) continue;
    lastEnd.set(hit.category, hit.end);
    kept.push(hit);
  }
  return kept;
}
