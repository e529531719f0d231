import type { AnswersView, RevealedAnswer } from '@kintsugi/core';
import { useRef } from 'react';
import { FormAlert } from '../../components/form-alert';
import { Loading } from '../../components/loading';
import { useApiResource } from '../../hooks/use-api-resource';
import { AnswerItem } from './answer-item';
import { repairPath } from './repair-api';
import { ThemesSection } from './themes-section';

const percent = (value: number) => `${Math.round(value * 100)}%`;

export const GAP_EXPLANATION = 'how much of what people said your forecast did not anticipate';

/** What people said, beside what the leader expected them to say. */
export function AnswersSection({ repairId }: { repairId: string }) {
  const view = useApiResource<AnswersView>(repairPath(repairId, '/answers'));
  const data = view.data;

  return (
    <>
      <section aria-labelledby="answers-heading" className="section">
        <div className="section-title-row">
          <h2 id="answers-heading">What people said</h2>
          <button type="button" className="button button--small button--quiet" onClick={view.reload}>
            Refresh
          </button>
        </div>
        {view.loading && !data ? <Loading label="Loading answers…" /> : null}
        <FormAlert message={view.error} />
        {data && data.responseCount === null ? (
          <p className="panel notice">
            Fewer than {data.threshold} people have answered yet. Answers appear here once at least{' '}
            {data.threshold} have, so that nobody can be singled out.
          </p>
        ) : null}
        {data && data.responseCount !== null ? (
          <RevealedAnswers view={data} repairId={repairId} onChanged={view.reload} />
        ) : null}
      </section>
      {data && data.responseCount !== null ? <ThemesSection repairId={repairId} /> : null}
    </>
  );
}

/** The server shuffles answers on every read; keep the first order seen so nothing jumps after a reload. */
function useStableOrder() {
  const seen = useRef(new Map<string, number>());
  return (answers: RevealedAnswer[]) => {
    for (const a of answers) if (!seen.current.has(a.id)) seen.current.set(a.id, seen.current.size);
    return [...answers].sort((a, b) => (seen.current.get(a.id) ?? 0) - (seen.current.get(b.id) ?? 0));
  };
}

function RevealedAnswers({
  view,
  repairId,
  onChanged,
}: {
  view: AnswersView;
  repairId: string;
  onChanged: () => void;
}) {
  const stable = useStableOrder();
  return (
    <>
      <p className="muted">
        {view.responseCount} people answered. Answers are shown in random order, dated by day only; a name
        appears only where someone chose to give it.
      </p>
      {view.perspectiveGap !== null ? (
        <div className="gap-summary">
          <p className="gap-summary__figure">
            <span className="gap-summary__number">{percent(view.perspectiveGap)}</span>
            <span>perspective gap</span>
          </p>
          <p className="gap-summary__text">
            The perspective gap is {GAP_EXPLANATION}. It is not a score: it shows where listening can start.
          </p>
        </div>
      ) : null}
      {view.questions.map((question) => (
        <article key={question.id} className="panel question-answers" aria-labelledby={`q-${question.id}`}>
          <h3 id={`q-${question.id}`}>{question.text}</h3>
          <div className="forecast-vs">
            <div className="forecast-vs__forecast">
              <h4>Your forecast</h4>
              <p className="prewrap">{question.forecast || <span className="muted">No forecast.</span>}</p>
              {question.gap !== null ? (
                <p className="small">
                  <strong>Gap: {percent(question.gap)}</strong>{' '}
                  <span className="muted">— {GAP_EXPLANATION}.</span>
                </p>
              ) : null}
              {question.missed.length > 0 ? (
                <div className="small">
                  <p className="missed__title">Words people used that your forecast did not:</p>
                  <ul className="missed">
                    {question.missed.map((word) => (
                      <li key={word} className="badge">
                        {word}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </div>
            <div className="forecast-vs__answers">
              <h4>What people said</h4>
              {question.answers === null ? (
                <p className="muted">Fewer than {view.threshold} people have answered this question yet.</p>
              ) : (
                <ul className="answer-list">
                  {stable(question.answers).map((answer) => (
                    <AnswerItem key={answer.id} answer={answer} repairId={repairId} onChanged={onChanged} />
                  ))}
                </ul>
              )}
            </div>
          </div>
        </article>
      ))}
    </>
  );
}
