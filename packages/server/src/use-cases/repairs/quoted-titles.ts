/** Titles named in a message; the rest are counted. */
const TITLES_NAMED = 3;

/** “A”, “B”, “C” and 2 more: repairs named in a refusal, in the order given. */
export function quotedTitles(titles: readonly string[]): string {
  const named = titles.slice(0, TITLES_NAMED).map((t) => `“${t}”`);
  const more = titles.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  if (named.length <= 1) return named.join('');
  return `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}
