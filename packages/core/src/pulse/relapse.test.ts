import { describe, expect, it } from 'vitest';
import { missedTwiceInARow } from './relapse.js';

describe('missedTwiceInARow', () => {
  it('is true when the last two settled occurrences were missed', () => {
    expect(missedTwiceInARow(['kept', 'missed', 'missed'])).toBe(true);
    expect(missedTwiceInARow(['missed', 'missed'])).toBe(true);
  });

  it('skips pending occurrences, which are not yet due', () => {
    expect(missedTwiceInARow(['kept', 'missed', 'pending', 'missed', 'pending'])).toBe(true);
    expect(missedTwiceInARow(['missed', 'pending', 'pending'])).toBe(false);
  });

  it('is false after a single miss, or when a keep came last', () => {
    expect(missedTwiceInARow([])).toBe(false);
    expect(missedTwiceInARow(['missed'])).toBe(false);
    expect(missedTwiceInARow(['missed', 'kept', 'missed'])).toBe(false);
    expect(missedTwiceInARow(['missed', 'missed', 'kept'])).toBe(false);
    expect(missedTwiceInARow(['pending', 'pending'])).toBe(false);
  });
});
