import type { ApiTokenCreated } from '@kintsugi/core';
import { useEffect, useId, useRef, useState } from 'react';

/** Shows a new token's secret the one time it exists in the clear. */
export function NewTokenSecret({ created, onDone }: { created: ApiTokenCreated; onDone: () => void }) {
  const id = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    // Bring the secret to the user's attention (and the screen reader's) as soon as it appears.
    headingRef.current?.focus();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('Copied to the clipboard.');
    } catch {
      inputRef.current?.select();
      setCopied('Copying is blocked here: the token is selected, press Ctrl+C (or ⌘C) to copy it.');
    }
  };

  return (
    <section className="secret" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        Your new token “{created.token.name}”
      </h3>
      <p className="secret__warning">
        <strong>Copy it now.</strong> For your safety it will not be shown again.
      </p>
      <label htmlFor={id} className="visually-hidden">
        Token secret
      </label>
      <div className="secret__row">
        <textarea
          ref={inputRef}
          id={id}
          className="secret__value"
          readOnly
          rows={2}
          spellCheck={false}
          value={created.secret}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button button--secondary" onClick={copy}>
          Copy
        </button>
      </div>
      <p role="status" className="small">
        {copied}
      </p>
      <button type="button" className="button button--quiet" onClick={onDone}>
        I have copied it
      </button>
    </section>
  );
}
