import type { LinkDelivery } from '@kintsugi/core';
import { namesList } from '../names';

/** Who could have opened a link before its owner, in words: those who handed it out. */
export function handedOutByWords(delivery: LinkDelivery): string {
  return delivery.handedOutBy.length > 0 ? namesList(delivery.handedOutBy, 'or') : 'an administrator';
}

/**
 * Said plainly on an answering page when links were handed out by hand (no SMTP): whoever handed them out could
 * have opened them first. Nothing when links went by email, straight to each person.
 */
export function ByHandNote({ delivery, used = false }: { delivery: LinkDelivery; used?: boolean }) {
  if (delivery.method !== 'by_hand') return null;
  return (
    <div className="by-hand-note">
      <h2 className="by-hand-note__title">How your link reached you</h2>
      <p>
        Your link was handed to you by {handedOutByWords(delivery)}. Email is not set up in this Kintsugi, so
        they could have opened it before you.{' '}
        {used
          ? 'If this page says your link was already used and you did not use it, tell us below.'
          : 'If this page ever says your link was already used and you did not use it, you can say so here.'}
      </p>
    </div>
  );
}
