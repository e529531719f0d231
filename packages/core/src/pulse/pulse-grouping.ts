// Which pulses become points of a trend, and which are withheld (SPEC §5: counts below k are never shown).

import { FEWER_THAN_K } from '../commitments/reliability.js';
import { MIN_ANONYMITY_THRESHOLD } from '../listening/questions.js';

export type SeriesMode = 'per_pulse' | 'pooled';

export interface Withheld {
  pulseIds: string[];
  answers: typeof FEWER_THAN_K;
}

export interface TrendOptions {
  /** The organisation's anonymity threshold; never taken below 3. */
  k: number;
  /** People invited to the team's pulses. */
  teamSize: number;
}

export interface Grouping<T> {
  k: number;
  mode: SeriesMode;
  /** Each group becomes one point; its members are in date order. */
  groups: T[][];
  withheld: Withheld[];
}

interface Countable {
  id: string;
  opensOn: string;
  answers: number;
}

export function effectiveK(k: number): number {
  if (!Number.isFinite(k)) throw new RangeError('k must be a finite number');
  return Math.max(MIN_ANONYMITY_THRESHOLD, Math.ceil(k));
}

export function byDateThenId<T extends Countable>(pulses: readonly T[]): T[] {
  return [...pulses].sort((a, b) =>
    a.opensOn < b.opensOn ? -1 : a.opensOn > b.opensOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/**
 * Groups pulses into points. With room for at least two people beyond k (teamSize ≥ k + 2), each pulse that
 * reached k is its own point. In smaller teams one pulse would too often fall short, so consecutive pulses are
 * pooled until together they reach k. `countable` is the number of answers a pulse contributes (0 when it has
 * no item answers at all).
 */
export function groupPulses<T extends Countable>(
  pulses: readonly T[],
  options: TrendOptions,
  countable: (pulse: T) => number,
): Grouping<T> {
  const k = effectiveK(options.k);
  if (!Number.isFinite(options.teamSize) || options.teamSize < 0) {
    throw new RangeError('teamSize must be a finite, non-negative number');
  }
  for (const pulse of pulses) {
    if (!Number.isFinite(pulse.answers) || pulse.answers < 0) {
      throw new RangeError(`Pulse ${pulse.id}: answers must be a finite, non-negative number`);
    }
  }
  const sorted = byDateThenId(pulses);
  const mode: SeriesMode = options.teamSize >= k + 2 ? 'per_pulse' : 'pooled';
  const groups: T[][] = [];
  const withheld: Withheld[] = [];

  if (mode === 'per_pulse') {
    for (const pulse of sorted) {
      if (countable(pulse) >= k) groups.push([pulse]);
      else withheld.push({ pulseIds: [pulse.id], answers: FEWER_THAN_K });
    }
    return { k, mode, groups, withheld };
  }

  let current: T[] = [];
  let answers = 0;
  for (const pulse of sorted) {
    current.push(pulse);
    answers += countable(pulse);
    if (answers >= k) {
      groups.push(current);
      current = [];
      answers = 0;
    }
  }
  if (current.length > 0) withheld.push({ pulseIds: current.map((p) => p.id), answers: FEWER_THAN_K });
  return { k, mode, groups, withheld };
}
