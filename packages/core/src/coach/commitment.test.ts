import { describe, expect, it } from 'vitest';
import { checkCommitment } from './commitment.js';

describe('checkCommitment', () => {
  it('accepts an observable action with an observer and a trigger', () => {
    const result = checkCommitment(
      'From Monday I will share the draft roadmap with you two days before it is decided.',
    );
    expect(result).toMatchObject({
      ok: true,
      hasAction: true,
      hasObserver: true,
      hasTiming: true,
      missing: [],
    });
  });

  it('names what is missing from a vague promise', () => {
    const result = checkCommitment('I’ll try to communicate better.');
    expect(result.ok).toBe(false);
    expect(result.vague).toBe(true);
    expect(result.missing).toEqual(['action', 'observer', 'timing']);
    expect(result.suggestion).toMatch(/try/);
  });

  it('asks for a time when only the time is missing', () => {
    const result = checkCommitment('I will publish the promotion criteria for the team.');
    expect(result.missing).toEqual(['timing']);
    expect(result.suggestion).toMatch(/every Monday/);
  });
});
