import { matchPattern } from './compile-matcher.js';
import type { CoachRule, LanguageRules } from './language.js';
import { type CompiledPattern, compilePattern } from './pattern.js';
import { mayMatch, sentenceSignature } from './signature.js';
import type { Sentence, Token } from './tokenize.js';

export interface CompiledRule {
  rule: CoachRule;
  /** -1 for the commitment markers, which are classified by the engine. */
  index: number;
  /** For the summary's patterns: the apology part or "explaining". */
  tag?: string;
  patterns: CompiledPattern[];
  unless: CompiledPattern[];
  requires: CompiledPattern[];
}

export interface PatternRef {
  rule: CompiledRule;
  pattern: CompiledPattern;
}

export interface PatternIndex {
  /** Patterns by the two words they start with: first word → second word → patterns. */
  byPair: Map<string, Map<string, PatternRef[]>>;
  byWord: Map<string, PatternRef[]>;
  /** Patterns starting with a word prefix (`decid*`), by the prefix's first three letters. */
  byPrefix: Map<string, PatternRef[]>;
  anywhere: PatternRef[];
  /** `byWord` and `byPair` together, so that each word is looked up once. */
  heads: Map<string, Head>;
}

interface Head {
  words: PatternRef[] | undefined;
  pairs: Map<string, PatternRef[]> | undefined;
}

export interface CompiledLanguage {
  rules: CompiledRule[];
  index: PatternIndex;
  commitmentMarkers: CompiledRule;
  actions: PatternIndex;
  vague: PatternIndex;
  timing: PatternIndex;
  observers: PatternIndex;
  /** Apology parts and explaining, tagged, for one pass over the text. */
  summary: PatternIndex;
}

const cache = new WeakMap<LanguageRules, CompiledLanguage>();

/** Compiles a language's rules once; the result is cached per rules object. */
export function compileLanguage(language: LanguageRules): CompiledLanguage {
  const cached = cache.get(language);
  if (cached) return cached;
  const compile = (source: string) => compilePattern(source, language.lexicon);
  const rules = language.rules.map((rule, index) => ({
    rule,
    index,
    patterns: rule.patterns.map(compile),
    unless: (rule.unless ?? []).map(compile),
    requires: (rule.requires ?? []).map(compile),
  }));
  const commitmentMarkers: CompiledRule = {
    rule: {
      category: 'specific_commitment',
      patterns: language.commitment.markers,
      mood: 'statement',
      reportable: true,
      negatable: false,
    },
    index: -1,
    patterns: language.commitment.markers.map(compile),
    unless: language.commitment.exclude.map(compile),
    requires: [],
  };
  const indexOf = (sources: readonly string[]) =>
    buildIndex([
      { rule: commitmentMarkers.rule, index: -1, patterns: sources.map(compile), unless: [], requires: [] },
    ]);
  const tagged = (tag: string, sources: readonly string[]): CompiledRule => ({
    rule: commitmentMarkers.rule,
    index: -1,
    tag,
    patterns: sources.map(compile),
    unless: [],
    requires: [],
  });
  const summaryRules = Object.entries(language.apologyParts).map(([part, sources]) =>
    tagged(part, sources ?? []),
  );
  summaryRules.push(tagged('explaining', language.explaining));
  const compiled: CompiledLanguage = {
    rules,
    index: buildIndex([...rules, commitmentMarkers]),
    commitmentMarkers,
    actions: indexOf(language.commitment.actions),
    vague: indexOf(language.commitment.vague),
    timing: indexOf(language.commitment.timing),
    observers: indexOf(language.commitment.observers),
    summary: buildIndex(summaryRules),
  };
  cache.set(language, compiled);
  return compiled;
}

function buildIndex(rules: readonly CompiledRule[]): PatternIndex {
  const byPair = new Map<string, Map<string, PatternRef[]>>();
  const byWord = new Map<string, PatternRef[]>();
  const byPrefix = new Map<string, PatternRef[]>();
  const anywhere: PatternRef[] = [];
  const add = (map: Map<string, PatternRef[]>, key: string, ref: PatternRef) => {
    const list = map.get(key);
    if (list) list.push(ref);
    else map.set(key, [ref]);
  };
  for (const rule of rules) {
    for (const pattern of rule.patterns) {
      const ref = { rule, pattern };
      if (pattern.firstPairs) {
        for (const pair of pattern.firstPairs) {
          const [first = '', second = ''] = pair.split(' ');
          let inner = byPair.get(first);
          if (!inner) {
            inner = new Map();
            byPair.set(first, inner);
          }
          add(inner, second, ref);
        }
        continue;
      }
      const head = pattern.elements[0];
      if (!pattern.firstWords && head?.kind === 'prefix' && !head.optional && head.prefix.length >= 3) {
        add(byPrefix, head.prefix.slice(0, 3), ref);
        continue;
      }
      if (!pattern.firstWords) {
        anywhere.push(ref);
        continue;
      }
      for (const word of pattern.firstWords) add(byWord, word, ref);
    }
  }
  const heads = new Map<string, Head>();
  for (const word of new Set([...byWord.keys(), ...byPair.keys()]))
    heads.set(word, { words: byWord.get(word), pairs: byPair.get(word) });
  return { byPair, byWord, byPrefix, anywhere, heads };
}

/**
 * Calls `visit` with each pattern that may match at token `at` (`limit`: the sentence's end), found by its first
 * one or two words, until `visit` returns true. Allocates nothing: it runs for every word of the text.
 */
export function forEachCandidate(
  index: PatternIndex,
  tokens: readonly Token[],
  at: number,
  limit: number,
  visit: (ref: PatternRef) => unknown,
): void {
  const token = tokens[at] as Token;
  const next = at + 1 < limit ? (tokens[at + 1] as Token) : undefined;
  if (visitAll(index.anywhere, visit)) return;
  for (let k = 0; k < 2; k++) {
    const first = k === 0 ? token.norm : token.alt;
    if (first === undefined) continue;
    const head = index.heads.get(first);
    if (head && visitAll(head.words, visit)) return;
    if (
      index.byPrefix.size > 0 &&
      first.length >= 3 &&
      visitAll(index.byPrefix.get(first.slice(0, 3)), visit)
    )
      return;
    const pairs = next ? head?.pairs : undefined;
    if (pairs && next) {
      if (visitAll(pairs.get(next.norm), visit)) return;
      if (next.alt !== undefined && visitAll(pairs.get(next.alt), visit)) return;
    }
  }
}

function visitAll(list: readonly PatternRef[] | undefined, visit: (ref: PatternRef) => unknown) {
  if (list) for (const ref of list) if (visit(ref)) return true;
  return false;
}

/** The first match of any pattern of the index in the token range, skipping quoted words. */
export function findIn(
  index: PatternIndex,
  tokens: readonly Token[],
  sentence: Sentence,
  from = sentence.first,
  to = sentence.last,
): { start: number; end: number } | null {
  const signature = sentenceSignature(tokens, sentence);
  for (let i = from; i < to; i++) {
    if ((tokens[i] as Token).quoted) continue;
    let found: { start: number; end: number } | null = null;
    forEachCandidate(index, tokens, i, to, (ref) => {
      if (!mayMatch(ref.pattern.required, signature)) return false;
      const end = matchPattern(ref.pattern.match, tokens, i, sentence.first, to);
      if (end > i) found = { start: i, end };
      return found !== null;
    });
    if (found) return found;
  }
  return null;
}

/** Whether any of the patterns matches somewhere in the sentence. */
export function anyMatch(patterns: readonly CompiledPattern[], tokens: readonly Token[], sentence: Sentence) {
  const signature = sentenceSignature(tokens, sentence);
  const possible = patterns.filter((pattern) => mayMatch(pattern.required, signature));
  if (possible.length === 0) return false;
  for (let i = sentence.first; i < sentence.last; i++) {
    const token = tokens[i] as Token;
    for (const pattern of possible) {
      const first = pattern.firstWords;
      if (first && !first.has(token.norm) && !(token.alt !== undefined && first.has(token.alt))) continue;
      if (matchPattern(pattern.match, tokens, i, sentence.first, sentence.last) > i) return true;
    }
  }
  return false;
}
