import { useEffect, useRef } from 'react';
import { type BallotSender, checkSaved } from './send-ballot';

/** How often an open page asks whether a pending submission has been stored. */
export const PENDING_CHECK_MS = 20_000;

/** Whether the submission this browser holds for `sender` is stored now (sending it again if the server lost it). */
export async function isStoredNow<A>(sender: BallotSender<A>): Promise<boolean> {
  const result = await checkSaved(sender);
  // Nothing held any more (another tab of this browser finished it): as good as stored.
  return !result || result.state === 'stored';
}

/**
 * While a submission is pending, runs `check` every ~20 s (see isStoredNow) and calls `onStored` once it says the
 * submission is stored. A failed check (offline for a moment) waits for the next one. Pass null to stop.
 */
export function usePendingCheck(check: (() => Promise<boolean>) | null, onStored: () => void): void {
  const stored = useRef(onStored);
  stored.current = onStored;

  useEffect(() => {
    if (!check) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        if (await check()) {
          if (!cancelled) stored.current();
          return;
        }
      } catch {
        // The next check tries again.
      }
      if (!cancelled) timer = setTimeout(run, PENDING_CHECK_MS);
    };
    timer = setTimeout(run, PENDING_CHECK_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [check]);
}
