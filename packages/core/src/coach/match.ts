import type { Element } from './pattern.js';
import type { Token } from './tokenize.js';

function wordMatches(element: Element, token: Token): boolean {
  switch (element.kind) {
    case 'word':
      return token.norm === element.word || token.alt === element.word;
    case 'prefix':
      return token.norm.startsWith(element.prefix);
    case 'set':
      return element.words.has(token.norm) || (token.alt !== undefined && element.words.has(token.alt));
    default:
      return false;
  }
}

/** What is left to match after the current sequence: the rest of the enclosing sequences. */
interface Continuation {
  elements: readonly Element[];
  index: number;
  next: Continuation | null;
}

/**
 * The reference matcher: interprets the elements directly. The coach uses compile-matcher.ts, which must
 * find the same matches (a test compares the two on every pattern). Matches `elements` from token `at`, not beyond `limit` (the sentence's end, exclusive), with `first` the
 * sentence's first token. Returns the index just past the match, or -1. Backtracks fully (into groups and
 * gaps), which is bounded because patterns are short and gaps are at most 8 words.
 */
export function matchAt(
  elements: readonly Element[],
  tokens: readonly Token[],
  at: number,
  first: number,
  limit: number,
): number {
  scope.tokens = tokens;
  scope.first = first;
  scope.limit = limit;
  return step(elements, 0, null, scope, at);
}

interface Scope {
  tokens: readonly Token[];
  first: number;
  limit: number;
}

/** Reused by every match: matching is synchronous and never re-entered, so one scope object is enough. */
const scope: Scope = { tokens: [], first: 0, limit: 0 };

function step(
  elements: readonly Element[],
  index: number,
  next: Continuation | null,
  scope: Scope,
  at: number,
): number {
  if (index === elements.length) return next ? step(next.elements, next.index, next.next, scope, at) : at;
  const element = elements[index] as Element;
  const { tokens, limit } = scope;
  let result = -1;
  switch (element.kind) {
    case 'start':
      return at === scope.first ? step(elements, index + 1, next, scope, at) : -1;
    case 'clause':
      return at < limit && (tokens[at] as Token).brk ? step(elements, index + 1, next, scope, at) : -1;
    case 'end':
      return at === limit ? step(elements, index + 1, next, scope, at) : -1;
    case 'gap':
      for (let k = 0; k <= element.max && at + k <= limit; k++) {
        result = step(elements, index + 1, next, scope, at + k);
        if (result >= 0) return result;
      }
      return -1;
    case 'alt': {
      const token = at < limit ? (tokens[at] as Token) : undefined;
      if (token === undefined || token.alt === undefined) {
        // Only the options that can start with this word (or with nothing, at the end), in order.
        const list = token ? (element.dispatch.get(token.norm) ?? element.open) : element.open;
        if (list.length === 0) break;
        const rest = index + 1 === elements.length ? next : { elements, index: index + 1, next };
        for (let j = 0; j < list.length; j++) {
          result = step(element.options[list[j] as number] as Element[], 0, rest, scope, at);
          if (result >= 0) return result;
        }
        break;
      }
      const rest = index + 1 === elements.length ? next : { elements, index: index + 1, next };
      for (let k = 0; k < element.options.length; k++) {
        const firsts = element.firsts[k];
        // Skip the options that cannot start with this word (or with nothing, at the end).
        if (
          firsts &&
          !(token && (firsts.has(token.norm) || (token.alt !== undefined && firsts.has(token.alt))))
        )
          continue;
        result = step(element.options[k] as Element[], 0, rest, scope, at);
        if (result >= 0) return result;
      }
      break;
    }
    default:
      if (at < limit && wordMatches(element, tokens[at] as Token)) {
        result = step(elements, index + 1, next, scope, at + 1);
        if (result >= 0) return result;
      }
  }
  return element.optional ? step(elements, index + 1, next, scope, at) : -1;
}
