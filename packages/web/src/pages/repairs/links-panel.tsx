import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

export interface InvitationLink {
  personId: string;
  name: string;
  email: string;
  url: string;
}

/** The personal links, shown once: only their hashes are kept, so they cannot be shown again. */
export function LinksPanel({ links, onDone }: { links: InvitationLink[]; onDone: () => void }) {
  return (
    <OneTimeLinks
      links={links}
      onDone={onDone}
      level={2}
      heading="The round is out: personal links"
      warning={
        <>
          <strong>These links are shown only once.</strong> Each one is personal: it lets one person answer.
          They have also been emailed; copy them now only if you want to share them by hand (a chat message,
          in person). You can make a fresh link for someone later, which stops their old one working.
        </>
      }
    />
  );
}

export interface OneTimeLinksProps {
  links: InvitationLink[];
  onDone: () => void;
  heading: string;
  /** 2 where the box stands on its own in the page, 3 inside another section. */
  level: 2 | 3;
  /** Says the links are shown only once, and what each one is for. */
  warning: ReactNode;
  /** Extra classes for where the box stands. */
  className?: string;
}

/**
 * Links just made, shown this once with copy buttons (only their hashes are kept). The box takes focus when it
 * appears, so keyboard and screen-reader users land on the links.
 */
export function OneTimeLinks({ links, onDone, heading, level, warning, className }: OneTimeLinksProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const Heading = level === 2 ? 'h2' : 'h3';

  return (
    <section className={`secret links-panel ${className ?? ''}`.trim()} aria-labelledby={headingId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1}>
        {heading}
      </Heading>
      <p className="secret__warning">{warning}</p>
      <ul className="links-panel__list">
        {links.map((link) => (
          <LinkRow key={link.url} link={link} />
        ))}
      </ul>
      <button type="button" className="button button--quiet" onClick={onDone}>
        I have what I need
      </button>
    </section>
  );
}

export function LinkRow({ link }: { link: InvitationLink }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied('Copied.');
    } catch {
      inputRef.current?.select();
      setCopied('Selected: press Ctrl+C (or ⌘C) to copy.');
    }
  };
  return (
    <li className="links-panel__item">
      <span className="links-panel__who">
        <strong>{link.name}</strong> <span className="muted small break">{link.email}</span>
      </span>
      <span className="secret__row">
        <input
          ref={inputRef}
          className="secret__value"
          readOnly
          value={link.url}
          aria-label={`Personal link for ${link.name}`}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
        <button type="button" className="button button--secondary button--small" onClick={copy}>
          Copy<span className="visually-hidden"> the link for {link.name}</span>
        </button>
      </span>
      <span role="status" className="small">
        {copied}
      </span>
    </li>
  );
}
