import type { Element } from './pattern.js';
import type { Sentence, Token } from './tokenize.js';

/**
 * A sentence's word signature: a 128-bit set (four 32-bit words) with one bit per word it contains, by hash.
 * A pattern knows which words it cannot match without (one of each group); where the sentence has none of a
 * group's bits, the pattern is not tried. Most tries of most patterns fail, so this skips most of the
 * matching, and it can never skip a match: a word in the sentence always has its bit set.
 */
export const SIGNATURE_WORDS = 4;
const BITS = SIGNATURE_WORDS * 32;
/** A group that sets more bits than this rules out too little to be worth checking. */
const MAX_GROUP_BITS = 40;

/** The bit of a word (FNV-1a). */
export function wordBit(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return (h >>> 0) % BITS;
}

function addBit(mask: Uint32Array, offset: number, bit: number): void {
  const at = offset + (bit >>> 5);
  mask[at] = (mask[at] as number) | (1 << (bit & 31));
}

/** The words one of which any match of the element must contain, or null when there is no such list. */
function anchorWords(element: Element): string[] | null {
  if (element.optional) return null;
  if (element.kind === 'word') return [element.word];
  if (element.kind === 'set') return [...element.words];
  if (element.kind !== 'alt') return null;
  const words: string[] = [];
  for (const option of element.options) {
    let found: string[] | null = null;
    for (const inner of option) {
      found = anchorWords(inner);
      if (found) break;
    }
    if (!found) return null;
    words.push(...found);
  }
  return words;
}

/**
 * A pattern's requirement: per group, SIGNATURE_WORDS masks in a row (a sentence must share a bit with every
 * group), or null when nothing is required beyond the first word (which the index already looked up).
 */
export function requirementOf(elements: readonly Element[]): Uint32Array | null {
  const groups: Uint32Array[] = [];
  for (const element of elements) {
    const words = anchorWords(element);
    if (!words) continue;
    const mask = new Uint32Array(SIGNATURE_WORDS);
    const bits = new Set(words.map(wordBit));
    if (bits.size > MAX_GROUP_BITS) continue;
    for (const bit of bits) addBit(mask, 0, bit);
    groups.push(mask);
  }
  if (groups.length === 0) return null;
  const out = new Uint32Array(groups.length * SIGNATURE_WORDS);
  groups.forEach((mask, g) => {
    out.set(mask, g * SIGNATURE_WORDS);
  });
  return out;
}

/** Whether a sentence with `signature` may match a pattern requiring `required`. */
export function mayMatch(required: Uint32Array | null, signature: Uint32Array): boolean {
  if (required === null) return true;
  for (let g = 0; g < required.length; g += SIGNATURE_WORDS) {
    if (
      ((required[g] as number) & (signature[0] as number)) === 0 &&
      ((required[g + 1] as number) & (signature[1] as number)) === 0 &&
      ((required[g + 2] as number) & (signature[2] as number)) === 0 &&
      ((required[g + 3] as number) & (signature[3] as number)) === 0
    )
      return false;
  }
  return true;
}

// The last sentence signed: the rules, the commitment's parts and the summary each ask for the same sentence in
// turn, so it is computed once per sentence.
const scratch = new Uint32Array(SIGNATURE_WORDS);
let lastTokens: readonly Token[] | null = null;
let lastFirst = -1;
let lastLast = -1;

/** The signature of the sentence's words (both readings of a contraction). Valid until the next call. */
export function sentenceSignature(tokens: readonly Token[], sentence: Sentence): Uint32Array {
  if (tokens === lastTokens && sentence.first === lastFirst && sentence.last === lastLast) return scratch;
  scratch.fill(0);
  for (let i = sentence.first; i < sentence.last; i++) {
    const token = tokens[i] as Token;
    addBit(scratch, 0, wordBit(token.norm));
    if (token.alt !== undefined) addBit(scratch, 0, wordBit(token.alt));
  }
  lastTokens = tokens;
  lastFirst = sentence.first;
  lastLast = sentence.last;
  return scratch;
}
