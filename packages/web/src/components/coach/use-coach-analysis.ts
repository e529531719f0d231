import {
  type BreachKind,
  COACH_CATEGORIES,
  type CoachAnalysis,
  type CoachCategory,
  type CoachContext,
} from '@kintsugi/core';
import { useEffect, useRef, useState } from 'react';

const DELAY_MS = 120;

type CoachEngine = typeof import('./coach-engine');
type CoachSession = ReturnType<CoachEngine['createCoachSession']>;

let engine: Promise<CoachEngine> | null = null;

/** The coach's code and model are a separate chunk of the app, fetched the first time a draft is read. */
export function loadCoach(): Promise<CoachEngine> {
  engine ??= import('./coach-engine');
  return engine;
}

/** What the coach shows until it has read the text. */
function notYetRead(): CoachAnalysis {
  return {
    findings: [],
    summary: {
      language: 'en',
      supported: true,
      counts: Object.fromEntries(COACH_CATEGORIES.map((c) => [c, 0])) as Record<CoachCategory, number>,
      defensiveCount: 0,
      repairCount: 0,
      apology: { present: [], missing: [], score: 0 },
      explainShare: 0,
      listenShare: 0,
      sentenceCount: 0,
      wordCount: 0,
      nextSteps: [],
    },
  };
}

/**
 * Analyses `text` in the browser, a moment after the writer pauses. One coach session per text field keeps the
 * results of the sentences that did not change, so a keystroke re-reads only the sentence being typed.
 */
export function useCoachAnalysis(
  text: string,
  breachKinds: readonly BreachKind[] = [],
  context: CoachContext = 'response',
): CoachAnalysis {
  const kinds = breachKinds.join(',');
  const [result, setResult] = useState<CoachAnalysis>(notYetRead);
  const session = useRef<CoachSession | null>(null);
  const first = useRef(true);
  useEffect(() => {
    let current = true;
    const run = () =>
      loadCoach().then((coach) => {
        if (!current) return;
        session.current ??= coach.createCoachSession();
        const list = kinds ? (kinds.split(',') as BreachKind[]) : [];
        setResult(session.current.analyze(text, { breachKinds: list, context }));
      });
    // The first reading (an existing draft) at once; later ones when the writer pauses.
    const timer = window.setTimeout(run, first.current ? 0 : DELAY_MS);
    first.current = false;
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [text, kinds, context]);
  return result;
}
