import type { BreachKind, CoachContext } from '@kintsugi/core';
import { useId } from 'react';
import { CoachFeedback } from './coach-feedback';
import { HighlightedTextarea } from './highlighted-textarea';
import { useCoachAnalysis } from './use-coach-analysis';

interface LiveCoachProps {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: string;
  breachKinds?: readonly BreachKind[];
  /** What the text is: a message to the team (default), a theme's acknowledgement, a missed note… */
  context?: CoachContext;
  rows?: number;
  /** Heading level of the coach panel, to fit the page's outline. */
  headingLevel?: 2 | 3;
}

/**
 * A text field the coach reads as the leader types, offline, in the browser: findings are marked in the text
 * and explained beside it. Use it wherever a leader writes to the team.
 */
export function LiveCoach({
  label,
  value,
  onValueChange,
  hint,
  breachKinds = [],
  context = 'response',
  rows = 12,
  headingLevel,
}: LiveCoachProps) {
  const id = useId();
  const analysis = useCoachAnalysis(value, breachKinds, context);
  return (
    <div className="live-coach">
      <div className="field live-coach__field">
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <p className="field__hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        <HighlightedTextarea
          id={id}
          rows={rows}
          value={value}
          onValueChange={onValueChange}
          findings={analysis.findings}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <p className="muted small live-coach__legend">
          <span className="coach-mark coach-mark--defensive">Wavy underline</span>: defensive move.{' '}
          <span className="coach-mark coach-mark--repair">Solid underline</span>: repair move.
        </p>
      </div>
      <CoachFeedback analysis={analysis} {...(headingLevel ? { headingLevel } : {})} />
    </div>
  );
}
