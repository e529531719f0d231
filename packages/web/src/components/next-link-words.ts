import type { LinkDelivery } from '@kintsugi/core';
import { handedOutByWords } from './by-hand-note';

/** How the next personal link will arrive, in words: by email only where this Kintsugi sends email. */
export function nextLinkWords(delivery: LinkDelivery): string {
  return delivery.method === 'by_hand'
    ? `The next pulse will come with a new personal link, handed to you by ${handedOutByWords(delivery)} like this one.`
    : 'The next pulse will come by email, with a new personal link.';
}
