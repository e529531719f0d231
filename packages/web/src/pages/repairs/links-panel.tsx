import { useEffect, useRef, useState } from 'react';

export interface InvitationLink {
  personId: string;
  name: string;
  email: string;
  url: string;
}

/** The personal links, shown once: only their hashes are kept, so they cannot be shown again. */
export function LinksPanel({ links, onDone }: { links: InvitationLink[]; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="secret links-panel" aria-labelledby="links-heading">
      <h2 id="links-heading" ref={headingRef} tabIndex={-1}>
        The round is out: personal links
      </h2>
      <p className="secret__warning">
        <strong>These links are shown only once.</strong> Each one is personal: it lets one person answer.
        They have also been emailed; copy them now only if you want to share them by hand (a chat message, in
        person). You can make a fresh link for someone later, which stops their old one working.
      </p>
      <ul className="links-panel__list">
        {links.map((link) => (
          <LinkRow key={link.personId} link={link} />
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
