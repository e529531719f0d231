import { describe, expect, it } from 'vitest';
import { nextLinkWords } from './next-link-words';

describe('nextLinkWords', () => {
  it('promises email only where links go by email', () => {
    expect(nextLinkWords({ method: 'email', handedOutBy: [] })).toContain('by email');
    const byHand = nextLinkWords({ method: 'by_hand', handedOutBy: ['Ada Admin'] });
    expect(byHand).not.toContain('email');
    expect(byHand).toContain('Ada Admin');
  });
});
