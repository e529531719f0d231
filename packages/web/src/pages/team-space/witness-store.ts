/**
 * Which occurrences this browser has already witnessed, so the buttons do not come back. Only the fact and
 * the answer are kept, on this device; storage may be unavailable (private mode), and then nothing is kept.
 */
export type WitnessAnswer = 'saw' | 'did-not-see';

const key = (occurrenceId: string) => `kintsugi.witnessed.${occurrenceId}`;

export function readWitnessed(occurrenceId: string): WitnessAnswer | null {
  try {
    const value = window.localStorage.getItem(key(occurrenceId));
    return value === 'saw' || value === 'did-not-see' ? value : null;
  } catch {
    return null;
  }
}

export function rememberWitnessed(occurrenceId: string, answer: WitnessAnswer): void {
  try {
    window.localStorage.setItem(key(occurrenceId), answer);
  } catch {
    // Nothing to do: the server still refuses a second answer.
  }
}
