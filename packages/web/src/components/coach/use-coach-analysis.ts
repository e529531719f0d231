import { analyze, type BreachKind, type CoachAnalysis } from '@kintsugi/core';
import { useEffect, useState } from 'react';

const DELAY_MS = 120;

/** Analyses `text` in the browser, a moment after the writer pauses. */
export function useCoachAnalysis(text: string, breachKinds: readonly BreachKind[] = []): CoachAnalysis {
  const kinds = breachKinds.join(',');
  const [result, setResult] = useState<CoachAnalysis>(() => analyze(text, { breachKinds }));
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const list = kinds ? (kinds.split(',') as BreachKind[]) : [];
      setResult(analyze(text, { breachKinds: list }));
    }, DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, kinds]);
  return result;
}
