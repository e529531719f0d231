import type { ReactNode } from 'react';

/** A form-level error, announced as soon as it appears. */
export function FormAlert({
  message,
  children,
}: {
  message: string | null | undefined;
  children?: ReactNode;
}) {
  // The live region stays mounted so screen readers reliably announce text placed into it.
  return (
    <div role="alert" className={message ? 'alert alert--error' : 'alert alert--empty'}>
      {message ? <p>{message}</p> : null}
      {message ? children : null}
    </div>
  );
}

/** A polite confirmation that something worked. */
export function StatusMessage({ message }: { message: string | null | undefined }) {
  return (
    <div role="status" className={message ? 'alert alert--success' : 'alert alert--empty'}>
      {message ? <p>{message}</p> : null}
    </div>
  );
}

/** A load that failed, with a way to try again. */
export function RetryAlert({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <FormAlert message={message}>
      <button type="button" className="button button--secondary button--small" onClick={onRetry}>
        Try again
      </button>
    </FormAlert>
  );
}
