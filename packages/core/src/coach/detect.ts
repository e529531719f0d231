import type { Tokenized } from './tokenize.js';

/**
 * Frequent function words of other languages written in the Latin script. A text in which they outnumber the
 * supported language's own function words is in another language.
 */
const OTHER_LANGUAGES = new Set(
  (
    'der die das und ist nicht ich sie wir ein eine zu mit auf für von dem den es war sind auch sich ' + // de
    'le la les et est je nous vous une des du pas que qui pour dans sur au avec ce cette mais été ' + // fr
    'el los las y es yo nosotros una del que por para con pero lo se fue está como muy ' + // es
    'il di che non sono per una della con gli ho è anche ma stato senza perché questo questa abbiamo tutti ' + // it
    'o os e um uma não que para com foi mas está você ' + // pt
    'de het een en ik wij niet dat van op voor met zijn maar ook ' + // nl
    'och att det som är jag vi inte för med på av har'
  ) // sv
    .split(' '),
);

/** Short words that are function words in English and in other languages too ("a", "i" in Italian). */
const SHARED = new Set(['a', 'i', 'in', 'me', 'no', 'do', 'so', 'an', 'die', 'o', 'e']);

/**
 * Whether the text is in the language whose frequent words are `stopwords`. Short texts get the benefit of the
 * doubt unless they are mostly in another script or other languages' function words outnumber this one's.
 */
export function detectLanguage(tokenized: Tokenized, stopwords: ReadonlySet<string>): boolean {
  const { tokens, letters, otherScriptLetters } = tokenized;
  if (letters > 0 && otherScriptLetters / letters > 0.3) return false;
  const sample = Math.min(tokens.length, 4000);
  let own = 0;
  let other = 0;
  for (let i = 0; i < sample; i++) {
    const word = (tokens[i] as { norm: string }).norm;
    if (SHARED.has(word)) continue;
    if (stopwords.has(word)) own++;
    else if (OTHER_LANGUAGES.has(word)) other++;
  }
  if (sample < 6) return other <= own;
  // English prose runs at 40–50% function words; other languages share only a few of them ("a", "in", "de").
  return own >= other && own / sample >= 0.1;
}
