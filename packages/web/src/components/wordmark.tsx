/** The Kintsugi wordmark: a bowl with a gold seam, then the name. */
export function Wordmark() {
  return (
    <span className="wordmark">
      <svg className="wordmark__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <circle cx="16" cy="16" r="14" fill="currentColor" />
        <circle cx="16" cy="16" r="14" fill="none" stroke="var(--gold-bright)" strokeWidth="1.5" />
        <path
          d="M9 8l6 7-3 4 8 6"
          stroke="var(--gold-bright)"
          strokeWidth="2.5"
          fill="none"
          strokeLinecap="round"
        />
      </svg>
      <span className="wordmark__text">Kintsugi</span>
    </span>
  );
}
