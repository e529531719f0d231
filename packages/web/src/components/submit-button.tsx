import type { ReactNode } from 'react';

interface SubmitButtonProps {
  busy: boolean;
  busyLabel: string;
  children: ReactNode;
  className?: string;
}

/**
 * While a request runs the button says so but stays focusable: a truly disabled button would drop
 * keyboard focus to the top of the page. Forms must ignore submits while `busy`.
 */
export function SubmitButton({ busy, busyLabel, children, className = 'button' }: SubmitButtonProps) {
  return (
    <button type="submit" className={className} aria-disabled={busy || undefined}>
      {busy ? busyLabel : children}
    </button>
  );
}
