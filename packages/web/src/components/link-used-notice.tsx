import { type ReactNode, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { reportLinkUsed } from '../ballot/ballot-api';
import { FormAlert, StatusMessage } from './form-alert';

export const REPORTED =
  'Thank you. Your leader sees that a link was used by someone other than its owner, never whose.';

interface LinkUsedNoticeProps {
  link: string;
  /** What to do if it was them, on another device or browser. */
  children: ReactNode;
}

/**
 * "This link has already been used to answer", with a way to say it was not them: counted for the leader, never
 * whose. Shown when the link (or another link of the same person) took its token and this browser holds nothing.
 */
export function LinkUsedNotice({ link, children }: LinkUsedNoticeProps) {
  const [state, setState] = useState<'ask' | 'busy' | 'reported'>('ask');
  const [error, setError] = useState<string | null>(null);
  const subheading = useRef<HTMLHeadingElement>(null);

  const report = async () => {
    if (state !== 'ask') return;
    setState('busy');
    setError(null);
    try {
      await reportLinkUsed(link);
      setState('reported');
      // The button is gone: keep keyboard focus in this section, where the confirmation is read.
      subheading.current?.focus();
    } catch (failed) {
      setState('ask');
      setError(errorMessage(failed));
    }
  };

  return (
    <section className="notice panel link-used" aria-labelledby="link-used-heading">
      <h2 id="link-used-heading">This link has already been used to answer.</h2>
      {children}
      <h3 className="link-used__subheading" ref={subheading} tabIndex={-1}>
        It wasn’t you?
      </h3>
      <p>
        Then someone else opened your link and answered in your place. Say so, and your leader is told that a
        link was used by someone other than its owner — never whose, and nothing about your answers.
      </p>
      {state === 'reported' ? null : (
        <button
          type="button"
          className="button button--secondary"
          onClick={report}
          aria-disabled={state === 'busy' || undefined}
        >
          {state === 'busy' ? 'Sending…' : 'It wasn’t me'}
        </button>
      )}
      <StatusMessage message={state === 'reported' ? REPORTED : null} />
      <FormAlert message={error} />
    </section>
  );
}
