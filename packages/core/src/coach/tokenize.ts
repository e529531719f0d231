/**
 * A single left-to-right pass over the text: words (lower-cased, curly apostrophes made straight, contractions
 * expanded), sentences, clause breaks and quotations. Linear in the length of the input.
 */

export interface Token {
  /** Lower-cased word, or the expansion of one part of a contraction ("n't" → "not"). */
  norm: string;
  /** A second reading of an ambiguous contraction ("'d" → would / had). */
  alt: string | undefined;
  start: number;
  end: number;
  sentence: number;
  /** A comma, semicolon, colon, dash or bracket (or a sentence start) comes before this word. */
  brk: boolean;
  /** Inside quotation marks. */
  quoted: boolean;
}

export interface Sentence {
  start: number;
  /** Offset just past the sentence's last word, or its closing punctuation. */
  end: number;
  /** Index of its first token; `last` is exclusive. */
  first: number;
  last: number;
  question: boolean;
}

export interface ContractionRules {
  /** Bases of "n't" contractions that change ("wo" in won't → will). */
  notBases: Readonly<Record<string, string>>;
  /** Suffix after the apostrophe → its reading and an alternative ("d" → would / had). */
  suffixes: Readonly<Record<string, readonly [string, string?]>>;
  /** Words whose "'s" means "is"/"has" rather than a possessive. */
  sIsBases: ReadonlySet<string>;
  /** Whole words read as several ("let's" → let us, "gonna" → going to); the parts share the word's span. */
  words: Readonly<Record<string, readonly string[]>>;
}

export interface Tokenized {
  tokens: Token[];
  sentences: Sentence[];
  /** Letters outside the Latin script, for language detection. */
  otherScriptLetters: number;
  letters: number;
}

const LETTER_OR_NUMBER = /[\p{L}\p{M}\p{N}]/u;
const LATIN = /\p{Script=Latin}/u;

function isWordCode(code: number, text: string, i: number): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  return LETTER_OR_NUMBER.test(text.charAt(i));
}

const APOSTROPHES = new Set([0x27, 0x2019, 0x2bc]);
const CLAUSE_BREAKS = new Set([0x2c, 0x3b, 0x3a, 0x28, 0x29, 0x2013, 0x2014, 0x2026]);

export function tokenize(text: string, rules: ContractionRules): Tokenized {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let sentenceBreak = true;
  let clauseBreak = true;
  let doubleQuote = false;
  let singleQuote = false;
  let otherScriptLetters = 0;
  let letters = 0;
  const n = text.length;
  const table = tableOf(rules);

  const push = (norm: string, alt: string | undefined, start: number, end: number) => {
    if (sentenceBreak || sentences.length === 0) {
      sentences.push({ start, end, first: tokens.length, last: tokens.length, question: false });
      sentenceBreak = false;
      clauseBreak = true;
    }
    const sentence = sentences[sentences.length - 1] as Sentence;
    tokens.push({
      norm,
      alt,
      start,
      end,
      sentence: sentences.length - 1,
      brk: clauseBreak,
      quoted: doubleQuote || singleQuote,
    });
    sentence.last = tokens.length;
    sentence.end = end;
    clauseBreak = false;
  };

  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (isWordCode(code, text, i)) {
      const start = i;
      let ascii = code < 128;
      // Plain: ASCII letters, digits and hyphens only (no contraction to read); upper: some need lower-casing.
      let plain = ascii;
      let upper = code >= 65 && code <= 90;
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (isWordCode(c, text, i)) {
          if (c >= 128) {
            ascii = false;
            plain = false;
          } else if (c <= 90 && c >= 65) upper = true;
          i++;
          continue;
        }
        const joins = (APOSTROPHES.has(c) || c === 0x2d) && i + 1 < n;
        const after = joins ? text.charCodeAt(i + 1) : 0;
        if (joins && isWordCode(after, text, i + 1)) {
          if (c !== 0x2d || after >= 128) plain = false;
          else if (after <= 90 && after >= 65) upper = true;
          i += 2;
          continue;
        }
        break;
      }
      if (ascii) letters += i - start;
      else countLetters(text, start, i);
      if (plain) {
        const raw = text.slice(start, i);
        const word = upper ? raw.toLowerCase() : raw;
        const whole = table.words.get(word);
        if (whole) for (const part of whole) push(part, undefined, start, i);
        else push(word, undefined, start, i);
      } else emitWord(text, start, i, table, push);
      continue;
    }
    handlePunctuation(code, i);
    i++;
  }
  return { tokens, sentences, otherScriptLetters, letters };

  function countLetters(source: string, start: number, end: number): void {
    for (let k = start; k < end; k++) {
      const c = source.charCodeAt(k);
      if (c < 128) {
        letters++;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = source.charAt(k);
      if (!LETTER_OR_NUMBER.test(ch)) continue;
      letters++;
      if (!LATIN.test(ch)) otherScriptLetters++;
    }
  }

  function handlePunctuation(code: number, at: number): void {
    const current = sentences[sentences.length - 1];
    if (code === 0x2e || code === 0x21 || code === 0x3f) {
      const next = at + 1 < n ? text.charCodeAt(at + 1) : 32;
      if (next === 0x2e || next === 0x21 || next === 0x3f || !isWordCode(next, text, at + 1)) {
        if (current && !sentenceBreak) {
          if (code === 0x3f) current.question = true;
          current.end = at + 1;
        }
        if (next !== 0x2e && next !== 0x21 && next !== 0x3f) sentenceBreak = true;
      }
      return;
    }
    if (code === 0x0a || code === 0x2022) {
      sentenceBreak = true;
      if (code === 0x0a) {
        doubleQuote = false;
        singleQuote = false;
      }
      return;
    }
    if (code === 0x22) {
      doubleQuote = !doubleQuote;
      clauseBreak = true;
      return;
    }
    if (code === 0x201c || code === 0x201e || code === 0xab) {
      doubleQuote = true;
      clauseBreak = true;
      return;
    }
    if (code === 0x201d || code === 0xbb) {
      doubleQuote = false;
      clauseBreak = true;
      return;
    }
    if (code === 0x2018) {
      singleQuote = true;
      return;
    }
    if (code === 0x2019 || code === 0x27) {
      const before = at > 0 ? text.charCodeAt(at - 1) : 32;
      const after = at + 1 < n ? text.charCodeAt(at + 1) : 32;
      const opens = !isWordCode(before, text, at - 1) && isWordCode(after, text, at + 1);
      if (opens && !singleQuote) singleQuote = true;
      else if (singleQuote && !isWordCode(after, text, at + 1)) singleQuote = false;
      return;
    }
    if (CLAUSE_BREAKS.has(code)) {
      clauseBreak = true;
      return;
    }
    if (code === 0x2d && at > 0 && text.charCodeAt(at - 1) === 32) clauseBreak = true;
  }
}

/** The contraction rules as maps, so that words like "constructor" are not read as inherited properties. */
interface ContractionTable {
  notBases: ReadonlyMap<string, string>;
  suffixes: ReadonlyMap<string, readonly [string, string?]>;
  sIsBases: ReadonlySet<string>;
  words: ReadonlyMap<string, readonly string[]>;
}

const tables = new WeakMap<ContractionRules, ContractionTable>();

function tableOf(rules: ContractionRules): ContractionTable {
  let table = tables.get(rules);
  if (!table) {
    table = {
      notBases: new Map(Object.entries(rules.notBases)),
      suffixes: new Map(Object.entries(rules.suffixes)),
      sIsBases: rules.sIsBases,
      words: new Map(Object.entries(rules.words)),
    };
    tables.set(rules, table);
  }
  return table;
}

function emitWord(
  text: string,
  start: number,
  end: number,
  rules: ContractionTable,
  push: (norm: string, alt: string | undefined, start: number, end: number) => void,
): void {
  const raw = text.slice(start, end).toLowerCase();
  const word = raw.includes('\u2019') || raw.includes('\u02bc') ? raw.replace(/[\u2019\u02bc]/g, "'") : raw;
  const whole = rules.words.get(word);
  if (whole) {
    for (const part of whole) push(part, undefined, start, end);
    return;
  }
  const apostrophe = word.lastIndexOf("'");
  if (apostrophe <= 0) {
    push(word, undefined, start, end);
    return;
  }
  if (word.endsWith("n't") && apostrophe === word.length - 2) {
    const base = word.slice(0, -3);
    push(rules.notBases.get(base) ?? base, undefined, start, end - 3);
    push('not', undefined, end - 3, end);
    return;
  }
  const suffix = word.slice(apostrophe + 1);
  const base = word.slice(0, apostrophe);
  const reading = rules.suffixes.get(suffix);
  if (!reading) {
    push(word, undefined, start, end);
    return;
  }
  push(base, undefined, start, start + apostrophe);
  if (suffix === 's' && !rules.sIsBases.has(base)) push("'s", 'is', start + apostrophe, end);
  else push(reading[0], reading[1], start + apostrophe, end);
}
