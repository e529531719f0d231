/**
 * Word patterns, the rules' little language. A pattern is a sequence of elements separated by spaces:
 *
 * - `word` matches one word (either reading of a contraction: `would` matches the "'d" of "I'd");
 * - `decid*` matches a word starting with "decid";
 * - `(a|b c|@set)` matches one of several sequences; `@name` is a list from the language's lexicon;
 * - a trailing `?` makes an element optional: `really?`, `(so|very)?`;
 * - `~3` skips up to three words;
 * - `<` anchors the match at the start of a sentence, `$` at its end, `#` at the start of a clause (after a
 *   comma, a colon, a dash or the sentence start).
 *
 * Patterns never cross a sentence. Matching tries a bounded number of paths per start word, so analysing
 * a text is linear in its length whatever the patterns are.
 */
import { compileMatcher, type Matcher } from './compile-matcher.js';
import { requirementOf } from './signature.js';

export type Element =
  | { kind: 'word'; word: string; optional: boolean }
  | { kind: 'prefix'; prefix: string; optional: boolean }
  | { kind: 'set'; words: ReadonlySet<string>; optional: boolean }
  | {
      kind: 'alt';
      options: Element[][];
      firsts: (ReadonlySet<string> | null)[];
      /** Per first word, the options (in order) that may start with it; `open`: those that may start anywhere. */
      dispatch: ReadonlyMap<string, readonly number[]>;
      open: readonly number[];
      optional: boolean;
    }
  | { kind: 'gap'; max: number; optional: boolean }
  | { kind: 'start'; optional: boolean }
  | { kind: 'clause'; optional: boolean }
  | { kind: 'end'; optional: boolean };

export interface CompiledPattern {
  source: string;
  elements: Element[];
  /** Words a match can start with; null when it may start anywhere. */
  firstWords: ReadonlySet<string> | null;
  /** "first second" word pairs a match must start with; null when not enumerable or a match may be one word. */
  firstPairs: ReadonlySet<string> | null;
  /** Words a match needs, as a signature test (see signature.ts); null when none. */
  required: Uint32Array | null;
  /** The elements compiled into functions (see compile-matcher.ts). */
  match: Matcher;
}

export type Lexicon = Readonly<Record<string, readonly string[]>>;

export function compilePattern(source: string, lexicon: Lexicon): CompiledPattern {
  const parser = { text: source.trim(), at: 0 };
  const elements = parseSequence(parser, lexicon, new Set(), false);
  if (parser.at < parser.text.length) throw new Error(`Unexpected "${parser.text[parser.at]}" in ${source}`);
  if (elements.length === 0) throw new Error(`Empty pattern: ${source}`);
  const pairs = prefixes(elements, 2, 4000);
  const firstPairs = pairs?.every((p) => p.length === 2) ? new Set(pairs.map((p) => p.join(' '))) : null;
  return {
    source,
    elements,
    firstWords: firstWordsOf(elements),
    firstPairs,
    required: requirementOf(elements),
    match: compileMatcher(elements),
  };
}

interface Parser {
  text: string;
  at: number;
}

function parseSequence(p: Parser, lexicon: Lexicon, seen: Set<string>, inGroup: boolean): Element[] {
  const out: Element[] = [];
  while (p.at < p.text.length) {
    const ch = p.text[p.at];
    if (ch === ' ') {
      p.at++;
      continue;
    }
    if (inGroup && (ch === '|' || ch === ')')) break;
    out.push(parseElement(p, lexicon, seen));
  }
  return out;
}

function parseElement(p: Parser, lexicon: Lexicon, seen: Set<string>): Element {
  let element: Element;
  if (p.text[p.at] === '(') {
    p.at++;
    const options: Element[][] = [];
    for (;;) {
      const seq = parseSequence(p, lexicon, seen, true);
      if (seq.length === 0) throw new Error(`Empty alternative in ${p.text}`);
      options.push(seq);
      const ch = p.text[p.at];
      p.at++;
      if (ch === ')') break;
      if (ch !== '|') throw new Error(`Unclosed group in ${p.text}`);
    }
    element = simplify(options);
  } else {
    let end = p.at;
    while (end < p.text.length && !' |()'.includes(p.text[end] as string)) end++;
    let atom = p.text.slice(p.at, end);
    p.at = end;
    const optional = atom.endsWith('?') && atom.length > 1;
    if (optional) atom = atom.slice(0, -1);
    element = atomElement(atom, lexicon, seen, p.text);
    if (optional) element.optional = true;
    return element;
  }
  if (p.text[p.at] === '?') {
    element.optional = true;
    p.at++;
  }
  return element;
}

function atomElement(atom: string, lexicon: Lexicon, seen: Set<string>, source: string): Element {
  if (atom === '<') return { kind: 'start', optional: false };
  if (atom === '$') return { kind: 'end', optional: false };
  if (atom === '#') return { kind: 'clause', optional: false };
  if (atom.startsWith('~')) {
    const max = Number(atom.slice(1));
    if (!Number.isInteger(max) || max < 1 || max > 8) throw new Error(`Bad gap ${atom} in ${source}`);
    return { kind: 'gap', max, optional: false };
  }
  if (atom.startsWith('@')) {
    const name = atom.slice(1);
    const entries = lexicon[name];
    if (!entries) throw new Error(`Unknown lexicon list @${name} in ${source}`);
    if (seen.has(name)) throw new Error(`Lexicon list @${name} refers to itself`);
    const inner = new Set(seen).add(name);
    const options = entries.map((entry) => {
      const seq = parseSequence({ text: entry, at: 0 }, lexicon, inner, false);
      if (seq.length === 0) throw new Error(`Empty entry in @${name}`);
      return seq;
    });
    return simplify(options);
  }
  if (atom.includes("'") && atom !== "'s")
    throw new Error(`Write "${atom}" in full (contractions are expanded): ${source}`);
  if (atom.endsWith('*') && atom.length > 1)
    return { kind: 'prefix', prefix: atom.slice(0, -1), optional: false };
  return { kind: 'word', word: atom.toLowerCase(), optional: false };
}

/** A group of single plain words becomes a set lookup. */
function simplify(options: Element[][]): Element {
  const allWords = options.every((seq) => seq.length === 1 && seq[0]?.kind === 'word' && !seq[0].optional);
  if (allWords) {
    const words = new Set(options.map((seq) => (seq[0] as { word: string }).word));
    return { kind: 'set', words, optional: false };
  }
  const firsts = options.map(firstWordsOf);
  const open: number[] = [];
  const dispatch = new Map<string, number[]>();
  firsts.forEach((set, k) => {
    if (!set) open.push(k);
    for (const word of set ?? []) dispatch.set(word, [...(dispatch.get(word) ?? []), k]);
  });
  for (const [word, list] of dispatch)
    dispatch.set(
      word,
      [...new Set([...list, ...open])].sort((a, b) => a - b),
    );
  return { kind: 'alt', options, firsts, dispatch, open, optional: false };
}

function firstWordsOf(elements: readonly Element[]): Set<string> | null {
  const out = new Set<string>();
  for (const element of elements) {
    if (element.kind === 'start' || element.kind === 'clause') continue;
    let words: Set<string> | null;
    if (element.kind === 'word') words = new Set([element.word]);
    else if (element.kind === 'set') words = new Set(element.words);
    else if (element.kind === 'alt') {
      words = new Set();
      for (const option of element.options) {
        const inner = firstWordsOf(option);
        if (!inner) return null;
        for (const w of inner) words.add(w);
      }
    } else return null;
    for (const w of words) out.add(w);
    if (!element.optional) return out;
  }
  return null;
}

/**
 * The word sequences of length up to `n` a match can start with (shorter when the pattern can end sooner), or
 * null when they cannot be listed (gaps, prefixes) or exceed `cap`.
 */
function prefixes(elements: readonly Element[], n: number, cap: number): string[][] | null {
  let out: string[][] = [[]];
  const done: string[][] = [];
  for (const element of elements) {
    if (out.length === 0) break;
    if (element.kind === 'start' || element.kind === 'clause') continue;
    let options: string[][];
    if (element.kind === 'word') options = [[element.word]];
    else if (element.kind === 'set') options = [...element.words].map((w) => [w]);
    else if (element.kind === 'alt') {
      options = [];
      for (const option of element.options) {
        const inner = prefixes(option, n, cap);
        if (!inner) return null;
        options.push(...inner);
      }
    } else if (element.kind === 'end') options = [[]];
    else return null;
    if (element.optional) options.push([]);
    const next: string[][] = [];
    for (const head of out)
      for (const tail of options) {
        const joined = [...head, ...tail].slice(0, n);
        (joined.length >= n ? done : next).push(joined);
      }
    out = next;
    if (done.length + out.length > cap) return null;
  }
  const all = [...done, ...out];
  const seen = new Set<string>();
  return all.filter((p) => {
    const key = p.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
