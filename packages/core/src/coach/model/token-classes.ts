/**
 * Part-of-speech-like classes of English words, from closed word lists and suffixes: enough for the model to
 * see "I + past verb" (ownership), "modal + verb" (promises) or "only + number" (minimising) without a tagger.
 * A real tagger (wink-nlp) was measured and costs more than the coach's whole budget; see ARCHITECTURE.md.
 */
const CLOSED: Readonly<Record<string, readonly string[]>> = {
  i: ['i', 'me', 'my', 'mine', 'myself'],
  we: ['we', 'us', 'our', 'ours', 'ourselves'],
  you: ['you', 'your', 'yours', 'yourself', 'yourselves', 'u', 'ur', 'ya'],
  they: ['he', 'she', 'they', 'them', 'their', 'theirs', 'his', 'her', 'him', 'themselves', 'people'],
  it: ['it', 'its', 'itself', 'this', 'that', 'these', 'those'],
  modal: ['will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must'],
  aux: ['am', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'have', 'has', 'had', 'do', 'does', 'did'],
  neg: ['not', 'never', 'no', 'nor', 'neither', 'nobody', 'nothing', 'none', 'without'],
  wh: ['how', 'what', 'which', 'why', 'where', 'when', 'who', 'whom', 'whose'],
  det: ['the', 'a', 'an', 'some', 'any', 'every', 'each', 'all', 'both', 'another'],
  prep: [
    ...[
      'to',
      'of',
      'in',
      'on',
      'at',
      'for',
      'with',
      'from',
      'by',
      'about',
      'into',
      'over',
      'after',
      'before',
    ],
    ...['during', 'under', 'between', 'through', 'against', 'around'],
  ],
  conj: [
    'and',
    'or',
    'but',
    'so',
    'because',
    'if',
    'although',
    'though',
    'while',
    'since',
    'unless',
    'until',
  ],
  degree: [
    ...['very', 'really', 'too', 'quite', 'just', 'only', 'simply', 'merely', 'fairly', 'pretty', 'slightly'],
    ...['little', 'bit', 'minor', 'small', 'tiny', 'few', 'couple', 'barely', 'hardly', 'mostly'],
  ],
};

export const TOKEN_CLASSES = [...Object.keys(CLOSED), ...['num', 'ed', 'ing', 'ly', 's', 'word']] as const;

const CLASS_OF = new Map<string, string>();
for (const [name, words] of Object.entries(CLOSED)) for (const word of words) CLASS_OF.set(word, name);

/** The class of a lower-cased word (a contraction already expanded). */
export function tokenClass(norm: string): string {
  const closed = CLASS_OF.get(norm);
  if (closed) return closed;
  const code = norm.charCodeAt(0);
  if (code >= 48 && code <= 57) return 'num';
  const n = norm.length;
  if (n > 4 && norm.endsWith('ed')) return 'ed';
  if (n > 4 && norm.endsWith('ing')) return 'ing';
  if (n > 4 && norm.endsWith('ly')) return 'ly';
  if (n > 3 && norm.endsWith('s') && !norm.endsWith('ss')) return 's';
  return 'word';
}
