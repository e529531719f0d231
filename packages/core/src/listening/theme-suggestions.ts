import { WordForms } from './text-terms.js';

export interface ThemeSuggestion {
  /** The most shared terms, as a starting name the leader will rewrite. */
  label: string;
  terms: string[];
  answerIds: string[];
}

/**
 * Suggests themes by grouping answers that share meaningful words (Jaccard similarity of their term sets,
 * single-link clustering). Only groups of two or more answers are suggested; the leader names the need.
 */
export function suggestThemes(
  answers: readonly { id: string; text: string }[],
  options: { threshold?: number } = {},
): ThemeSuggestion[] {
  const threshold = options.threshold ?? 0.12;
  const words = new WordForms();
  const sets = answers.map((a) => new Set(words.add(a.text).keys()));
  const parent = answers.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    return root;
  };
  for (let i = 0; i < answers.length; i++) {
    for (let j = i + 1; j < answers.length; j++) {
      if (jaccard(sets[i] ?? new Set(), sets[j] ?? new Set()) >= threshold) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  answers.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  const suggestions: ThemeSuggestion[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const counts = new Map<string, number>();
    for (const i of members) for (const t of sets[i] ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
    const shared = [...counts]
      .filter(([, n]) => n >= 2)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 4)
      .map(([t]) => words.wordFor(t));
    suggestions.push({
      label: shared.slice(0, 3).join(', '),
      terms: shared,
      answerIds: members.map((i) => answers[i]?.id ?? '').filter(Boolean),
    });
  }
  return suggestions.sort((a, b) => b.answerIds.length - a.answerIds.length);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
