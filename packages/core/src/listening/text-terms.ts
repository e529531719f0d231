import { stemmer } from 'stemmer';

// A small English stop-word list: enough to keep "the", "and", "I" out of the terms that carry meaning.
const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves also us get got really much many one thing things like feel felt ' +
    'know think make made way even still back want wanted need needed would dont didnt wasnt werent im ive id youre'
  ).split(' '),
);

/**
 * Words that fill a sentence without saying what it is about. Leaders were once shown "bit, else, everyone,
 * nothing, someone, done, actually" as what their forecast missed; none of them is a concern.
 */
const FILLER_WORDS = new Set(
  (
    'bit else everyone everybody anyone anybody someone somebody nobody nothing something anything everything ' +
    'done actually basically literally honestly maybe perhaps probably quite rather pretty lot lots kind sort ' +
    'okay yeah yes well sure though although ever never always around seem seems seemed going gonna getting ' +
    'lets let say says come came comes goes went take took put see saw look looked anyway etc able yet already ' +
    'almost enough every another others whole bunch stuff sometimes often usually anymore instead ' +
    'isnt arent doesnt hasnt havent hadnt wont wouldnt couldnt shouldnt cant thats theres theyre weve youve'
  ).split(' '),
);

/** The Porter stem of a word: "processes" meets "process", "comments" meets "comment" but not "comes". */
export function stem(word: string): string {
  return stemmer(word);
}

/** The meaningful words of a text: each stem (lower-case, no stop words) with the word as written. */
export function termForms(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOP_WORDS.has(raw) || FILLER_WORDS.has(raw) || /^\d+$/.test(raw)) continue;
    const key = stem(raw);
    if (!out.has(key)) out.set(key, raw);
  }
  return out;
}

/** The distinct meaningful terms (stemmed, lower-case, no stop words) of a text. */
export function terms(text: string): Set<string> {
  return new Set(termForms(text).keys());
}

/** Remembers how people wrote each stem, so what is shown is a real word ("cancelled"), not a stem ("cancell"). */
export class WordForms {
  private readonly counts = new Map<string, Map<string, number>>();

  add(text: string): Map<string, string> {
    const forms = termForms(text);
    for (const [key, word] of forms) {
      const seen = this.counts.get(key) ?? new Map<string, number>();
      seen.set(word, (seen.get(word) ?? 0) + 1);
      this.counts.set(key, seen);
    }
    return forms;
  }

  /** The most used spelling of a stem (the shortest on a tie). */
  wordFor(key: string): string {
    const seen = this.counts.get(key);
    if (!seen) return key;
    return (
      [...seen].sort(
        (a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]),
      )[0]?.[0] ?? key
    );
  }
}
