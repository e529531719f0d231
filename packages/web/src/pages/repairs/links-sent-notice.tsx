import type { LinkDelivery, LinksSent } from '@kintsugi/core';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { StatusWords } from '../../components/status-words';
import { namesList } from '../../names';
import { Link } from '../../router/router';
import { useSession } from '../../session/session-context';

/** "A personal link was emailed to Max." / "Personal links were emailed to 3 people: Max, Mia and Noor." */
export function emailedWords(sent: LinksSent): string {
  const names = namesList(sent.sent.map((p) => p.name));
  if (sent.sent.length === 1) return `A personal link was emailed to ${names}.`;
  return `Personal links were emailed to ${sent.sent.length} people: ${names}.`;
}

/** Without SMTP: where the links wait, who hands them out, and what that means. */
export function byHandWords(sent: LinksSent): string {
  const one = sent.sent.length === 1;
  const admins = handedOutBy(sent.delivery);
  return `Email is not set up, so ${one ? 'the link waits' : 'the links wait'} in the admin’s outbox (Organisation → Outbox) for ${admins} to hand out to ${namesList(sent.sent.map((p) => p.name))}. Whoever hands ${one ? 'it' : 'them'} out could use ${one ? 'it' : 'them'}; set up SMTP so links go straight to each person.`;
}

function handedOutBy(delivery: LinkDelivery): string {
  return delivery.handedOutBy.length > 0 ? namesList(delivery.handedOutBy, 'or') : 'an admin';
}

/** What the sender of personal links is told, in one sentence or two: never the links. */
export function linksSentWords(sent: LinksSent): string {
  if (sent.sent.length === 0) return 'Nobody is affected by this repair, so no link was sent.';
  return sent.delivery.method === 'email' ? emailedWords(sent) : byHandWords(sent);
}

interface LinksSentNoticeProps {
  sent: LinksSent;
  heading: string;
  /** 2 where the note stands on its own in the page, 3 inside another section. */
  level: 2 | 3;
  onDone: () => void;
  /** A sentence after the first: what the links are for, what happens to older ones. */
  children?: ReactNode;
  className?: string;
}

/**
 * Says to whom personal links went and how — by email, or waiting in the admins' outbox to be handed out — and
 * never shows a link: whoever holds one could answer in its owner's place. Takes focus when it appears, so
 * keyboard and screen-reader users hear it.
 */
export function LinksSentNotice({ sent, heading, level, onDone, children, className }: LinksSentNoticeProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const session = useSession();
  // After this frame: a dialog that closes in the same update hands focus back to its opener first.
  useEffect(() => {
    const frame = requestAnimationFrame(() => headingRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  const Heading = level === 2 ? 'h2' : 'h3';
  const byHand = sent.delivery.method === 'by_hand' && sent.sent.length > 0;

  return (
    <section
      className={`panel notice links-sent ${byHand ? 'links-sent--by-hand' : ''} ${className ?? ''}`.trim()}
      aria-labelledby={headingId}
      data-transient
    >
      <Heading id={headingId} ref={headingRef} tabIndex={-1}>
        {heading}
      </Heading>
      <p className="links-sent__what">
        <StatusWords text={linksSentWords(sent)} />
      </p>
      {children}
      {byHand && session.abilities.manageOrganization ? (
        <p>
          <Link to="/organization">Open the outbox</Link> on the Organisation page to hand each link to its
          person, and only to them.
        </p>
      ) : null}
      <button type="button" className="button button--quiet button--small" onClick={onDone}>
        Close this note
      </button>
    </section>
  );
}
