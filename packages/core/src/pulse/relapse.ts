// Relapse signals: early warnings that repaired trust is slipping again.

export type CommitmentState = 'kept' | 'missed' | 'pending';

/**
 * True when the last two settled (kept or missed) occurrences of a commitment were both missed; pending ones are
 * skipped because they are not yet due. One miss is owned and moved past; two in a row is a pattern worth an alert.
 */
export function missedTwiceInARow(states: readonly CommitmentState[]): boolean {
  let missedSeen = 0;
  for (let i = states.length - 1; i >= 0; i--) {
    const state = states[i];
    if (state === 'pending') continue;
    if (state !== 'missed') return false;
    missedSeen += 1;
    if (missedSeen === 2) return true;
  }
  return false;
}
