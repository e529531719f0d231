import { type BreachKind, type CoachContext, coachCategoryLabel } from '@kintsugi/core';
import { useCoachAnalysis } from '../../components/coach/use-coach-analysis';

/**
 * A short reading by the coach under a text area where the leader writes: each defensive or repair move it
 * notices, in words. (The full coach, with the apology checklist, is for messages to the team.)
 */
export function CoachNotes({
  text,
  breachKinds = [],
  context = 'response',
}: {
  text: string;
  breachKinds?: readonly BreachKind[];
  /** What the text is: a forecast, a follow-up question… (default: a message to the team). */
  context?: CoachContext;
}) {
  const { findings, summary } = useCoachAnalysis(text, breachKinds, context);
  if (!summary.supported || summary.wordCount === 0) return null;
  return (
    <div className="coach-notes">
      <p className="coach-notes__count small" aria-live="polite" aria-atomic="true">
        <strong>Coach:</strong>{' '}
        {findings.length === 0
          ? 'nothing to flag.'
          : `${summary.defensiveCount} defensive, ${summary.repairCount} repair ${summary.repairCount === 1 ? 'move' : 'moves'}.`}
      </p>
      {findings.length > 0 ? (
        <ul className="coach-notes__list small">
          {findings.map((f) => (
            <li key={`${f.category}-${f.start}`} className={`coach-notes__item coach-notes__item--${f.kind}`}>
              <span className={`coach-tag coach-tag--${f.kind}`}>
                {f.kind === 'defensive' ? 'Defensive' : 'Repair'}: {coachCategoryLabel(f.category)}
              </span>{' '}
              <q>{f.text}</q> — {f.message}
              {f.suggestion ? <span className="muted"> Try instead: {f.suggestion}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
