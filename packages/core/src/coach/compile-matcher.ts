import type { Element } from './pattern.js';
import type { Token } from './tokenize.js';

/** A compiled pattern: from token `at`, the index just past its match, or -1. Reads the tokens from `scope`. */
export type Matcher = (at: number) => number;

/** What every matcher reads: set by matchPattern before each match (matching is synchronous, never re-entered). */
export const scope: { tokens: readonly Token[]; first: number; limit: number } = {
  tokens: [],
  first: 0,
  limit: 0,
};

const end: Matcher = (at) => at;

/**
 * Compiles a pattern's elements into one function per element, each calling the rest of the pattern as its
 * continuation: the same search as matchAt (same order, so the same match), without interpreting elements and
 * without allocating while matching. Continuations are shared, so the functions grow linearly with the pattern.
 */
export function compileMatcher(elements: readonly Element[]): Matcher {
  return sequence(elements, 0, end);
}

function sequence(elements: readonly Element[], index: number, then: Matcher): Matcher {
  if (index === elements.length) return then;
  const rest = sequence(elements, index + 1, then);
  const element = elements[index] as Element;
  const mandatory = one(element, rest);
  if (!element.optional) return mandatory;
  return (at) => {
    const result = mandatory(at);
    return result >= 0 ? result : rest(at);
  };
}

function one(element: Element, rest: Matcher): Matcher {
  switch (element.kind) {
    case 'start':
      return (at) => (at === scope.first ? rest(at) : -1);
    case 'clause':
      return (at) => (at < scope.limit && (scope.tokens[at] as Token).brk ? rest(at) : -1);
    case 'end':
      return (at) => (at === scope.limit ? rest(at) : -1);
    case 'gap': {
      const max = element.max;
      return (at) => {
        const limit = scope.limit;
        for (let k = 0; k <= max && at + k <= limit; k++) {
          const result = rest(at + k);
          if (result >= 0) return result;
        }
        return -1;
      };
    }
    case 'word': {
      const word = element.word;
      return (at) => {
        if (at >= scope.limit) return -1;
        const token = scope.tokens[at] as Token;
        return token.norm === word || token.alt === word ? rest(at + 1) : -1;
      };
    }
    case 'prefix': {
      const prefix = element.prefix;
      return (at) =>
        at < scope.limit && (scope.tokens[at] as Token).norm.startsWith(prefix) ? rest(at + 1) : -1;
    }
    case 'set': {
      const words = element.words;
      return (at) => {
        if (at >= scope.limit) return -1;
        const token = scope.tokens[at] as Token;
        return words.has(token.norm) || (token.alt !== undefined && words.has(token.alt)) ? rest(at + 1) : -1;
      };
    }
    case 'alt': {
      const options = element.options.map((option) => sequence(option, 0, rest));
      const { dispatch, open, firsts } = element;
      return (at) => {
        const token = at < scope.limit ? (scope.tokens[at] as Token) : undefined;
        if (token === undefined || token.alt === undefined) {
          // Only the options that can start with this word (or with nothing, at the end), in order.
          const list = token ? (dispatch.get(token.norm) ?? open) : open;
          for (let j = 0; j < list.length; j++) {
            const result = (options[list[j] as number] as Matcher)(at);
            if (result >= 0) return result;
          }
          return -1;
        }
        for (let k = 0; k < options.length; k++) {
          const starts = firsts[k];
          // Skip the options that cannot start with either reading of the word.
          if (starts && !(starts.has(token.norm) || starts.has(token.alt))) continue;
          const result = (options[k] as Matcher)(at);
          if (result >= 0) return result;
        }
        return -1;
      };
    }
  }
}

/** Matches a compiled pattern from token `at`, not beyond `limit`, with `first` the sentence's first token. */
export function matchPattern(
  matcher: Matcher,
  tokens: readonly Token[],
  at: number,
  first: number,
  limit: number,
): number {
  scope.tokens = tokens;
  scope.first = first;
  scope.limit = limit;
  return matcher(at);
}
