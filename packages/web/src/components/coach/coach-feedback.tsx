import { type CoachAnalysis, coachCategoryLabel } from '@kintsugi/core';

const PART_LABELS: Record<string, string> = {
  regret: 'Regret',
  explanation: 'Explanation',
  responsibility: 'Responsibility',
  repentance: 'Repentance',
  repair: 'Offer of repair',
  forgiveness: 'Request for forgiveness',
};

function countLine({ summary }: CoachAnalysis): string {
  if (!summary.supported) return 'Not analysed: the coach reads English only.';
  if (summary.wordCount === 0) return 'Start typing to see the coach’s notes.';
  const d = summary.defensiveCount;
  const r = summary.repairCount;
  return `${d} defensive ${d === 1 ? 'move' : 'moves'}, ${r} repair ${r === 1 ? 'move' : 'moves'}.`;
}

/** The coach's notes on a draft: counts (announced politely), each finding in words, and the next steps. */
export function CoachFeedback({
  analysis,
  headingLevel = 2,
}: {
  analysis: CoachAnalysis;
  headingLevel?: 2 | 3;
}) {
  const { findings, summary } = analysis;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <section className="coach-feedback" aria-label="Coach">
      <Heading className="coach-feedback__title">Coach</Heading>
      <p className="coach-feedback__count" aria-live="polite" aria-atomic="true">
        {countLine(analysis)}
      </p>
      {summary.notice ? <p className="muted">{summary.notice}</p> : null}

      {summary.nextSteps.length > 0 ? (
        <>
          <Sub>Next steps</Sub>
          <ol className="coach-steps">
            {summary.nextSteps.map((step) => (
              <li key={step.priority}>{step.text}</li>
            ))}
          </ol>
        </>
      ) : null}

      {findings.length > 0 ? (
        <>
          <Sub>What the coach noticed</Sub>
          <ul className="coach-findings">
            {findings.map((f) => (
              <li key={`${f.category}-${f.start}`} className={`coach-finding coach-finding--${f.kind}`}>
                <p className="coach-finding__head">
                  <span className={`coach-tag coach-tag--${f.kind}`}>
                    {f.kind === 'defensive' ? 'Defensive' : 'Repair'}: {coachCategoryLabel(f.category)}
                  </span>{' '}
                  <q className="coach-finding__quote">{f.text}</q>
                </p>
                <p className="coach-finding__message">{f.message}</p>
                {f.suggestion ? (
                  <p className="coach-finding__suggestion">Try instead: {f.suggestion}</p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {summary.supported && summary.wordCount > 0 ? (
        <>
          <Sub>The apology and the balance</Sub>
          <ul className="coach-parts">
            {Object.entries(PART_LABELS).map(([part, label]) => {
              const present = (summary.apology.present as string[]).includes(part);
              return (
                <li key={part} className={present ? 'coach-part coach-part--present' : 'coach-part'}>
                  <span aria-hidden="true">{present ? '✓' : '○'}</span> {label}
                  <span className="visually-hidden">{present ? ': present' : ': missing'}</span>
                </li>
              );
            })}
          </ul>
          <p className="muted small">
            Explaining {Math.round(summary.explainShare * 100)}% · listening{' '}
            {Math.round(summary.listenShare * 100)}% of the message. Responsibility and an offer of repair
            matter most.
          </p>
        </>
      ) : null}
    </section>
  );
}
