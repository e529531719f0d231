import type { LanguageRules } from '../language.js';
import { unitOf } from './units.js';

/** The unit of a semantic class: "§x:" + its name. */
export const semanticUnit = (name: string) => `§x:${name}`;

const cache = new WeakMap<LanguageRules, ReadonlyMap<string, readonly string[]>>();

/**
 * Per word stem, the names of the semantic classes it belongs to: the language's model classes and the
 * rules' single-word lexicon entries ("the board" counts as "board"; patterns and phrases are left out).
 */
export function semanticClasses(language: LanguageRules): ReadonlyMap<string, readonly string[]> {
  const cached = cache.get(language);
  if (cached) return cached;
  const out = new Map<string, string[]>();
  const add = (name: string, entry: string) => {
    let word = entry.trim().toLowerCase();
    const parts = word.split(' ');
    if (parts.length === 2 && ['the', 'my', 'our', 'a'].includes(parts[0] as string))
      word = parts[1] as string;
    if (word.endsWith('*')) word = word.slice(0, -1);
    if (!/^[a-z][a-z-]*$/.test(word)) return;
    const stem = unitOf(word);
    const names = out.get(stem) ?? [];
    if (!names.includes(name)) names.push(name);
    out.set(stem, names);
  };
  for (const [name, entries] of Object.entries(language.semanticClasses))
    for (const entry of entries) add(name, entry);
  for (const [name, entries] of Object.entries(language.lexicon))
    for (const entry of entries) add(`lex-${name}`, entry);
  cache.set(language, out);
  return out;
}
