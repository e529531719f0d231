import { BREACH_KIND_LABELS, type RecoveryView } from '@kintsugi/core';
import { formatDay } from '../../dates';
import { ReliabilityRecord } from '../repairs/commit/reliability-record';
import { shortBreachLabel } from '../repairs/labels';
import { percent, period } from './recovery-format';

// The parts of the story before the pulse: the breach, what was heard, what was committed and kept.

export function WhatHappened({ repair }: { repair: RecoveryView['repair'] }) {
  return (
    <section aria-labelledby="breach-heading" className="recovery-section">
      <h2 id="breach-heading">What happened</h2>
      <p className="small muted">Opened on {formatDay(repair.createdAt.slice(0, 10))}</p>
      <p className="prewrap recovery-prose">{repair.description}</p>
      <p className="repair-list__kinds">
        <span className="visually-hidden">Kinds of breach: </span>
        {repair.breachKinds.map((kind) => (
          <span key={kind} className="badge" title={BREACH_KIND_LABELS[kind]}>
            {shortBreachLabel(BREACH_KIND_LABELS[kind])}
          </span>
        ))}
      </p>
    </section>
  );
}

export function HeardSection({ heard, threshold }: { heard: RecoveryView['heard']; threshold: number }) {
  const mayReadWords = heard.questions.some((q) => q.forecast !== null);
  return (
    <section aria-labelledby="heard-heading" className="recovery-section">
      <h2 id="heard-heading">What was heard, beside the forecast</h2>
      {heard.responseCount === null ? (
        <p className="panel notice">
          Fewer than {threshold} people have answered the listening round yet. What was heard appears once at
          least {threshold} have, so that nobody can be singled out.
        </p>
      ) : (
        <div className="gap-summary">
          <p className="gap-summary__figure">
            <span className="gap-summary__number">{percent(heard.perspectiveGap)}</span>
            <span>perspective gap</span>
          </p>
          <p className="gap-summary__text">
            {heard.responseCount} people answered. The perspective gap is how much of what they said the
            leader’s forecast did not anticipate: not a score, but where listening started.
          </p>
        </div>
      )}
      {!mayReadWords && heard.responseCount !== null ? (
        <p className="small muted">
          The forecast and the words people used are shown only to those who run this repair.
        </p>
      ) : null}
      <ol className="recovery-questions">
        {heard.questions.map((q) => (
          <li key={q.text} className="recovery-question">
            <h3 className="recovery-question__text">{q.text}</h3>
            {q.gap !== null ? (
              <p className="recovery-gapbar">
                <span className="recovery-gapbar__track" aria-hidden="true">
                  <span className="recovery-gapbar__fill" style={{ width: percent(q.gap) }} />
                </span>
                <span className="small">
                  <strong>Gap {percent(q.gap)}</strong>
                </span>
              </p>
            ) : null}
            {q.forecast !== null ? (
              <p className="recovery-question__forecast small">
                <span className="muted">Forecast: </span>
                {q.forecast || <span className="muted">none written</span>}
              </p>
            ) : null}
            {q.missed && q.missed.length > 0 ? (
              <div className="small">
                <p className="missed__title">Words people used that the forecast did not:</p>
                <ul className="missed">
                  {q.missed.map((word) => (
                    <li key={word} className="badge">
                      {word}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

const STATE_WORDS = {
  committed: 'Answered by a commitment',
  reasoned: 'Reason given',
  unanswered: 'Not answered yet',
} as const;

export function ThemesAndCommitments({ commitments }: { commitments: RecoveryView['commitments'] }) {
  const { themes, coverage } = commitments.coverage;
  const answered = themes.filter((t) => t.state !== 'unanswered').length;
  const themeIds = new Set(themes.map((t) => t.themeId));
  const loose = commitments.commitments.filter((c) => !c.themeIds.some((id) => themeIds.has(id)));
  return (
    <section aria-labelledby="themes-heading" className="recovery-section">
      <h2 id="themes-heading">Themes and the commitments answering them</h2>
      <p className="muted">
        {themes.length === 0
          ? 'No themes have been named yet.'
          : `${answered} of ${themes.length} ${themes.length === 1 ? 'theme is' : 'themes are'} answered by a commitment or a stated reason (${percent(coverage)} coverage).`}
      </p>
      <ul className="recovery-themes">
        {themes.map((theme) => {
          const answering = commitments.commitments.filter((c) => c.themeIds.includes(theme.themeId));
          return (
            <li key={theme.themeId} className="recovery-theme">
              <div className="coverage__row">
                <h3 className="recovery-theme__name">{theme.name}</h3>
                <span className={`coverage__state coverage__state--${theme.state}`}>
                  <span aria-hidden="true">{theme.state === 'unanswered' ? '○ ' : '✓ '}</span>
                  {STATE_WORDS[theme.state]}
                </span>
              </div>
              {theme.state === 'reasoned' && theme.reason ? (
                <p className="coverage__reason small">
                  <span className="muted">Why no commitment: </span>
                  {theme.reason}
                </p>
              ) : null}
              {answering.length > 0 ? (
                <ul className="recovery-theme__commitments">
                  {answering.map((c) => (
                    <CommitmentLine key={c.id} commitment={c} />
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
      {loose.length > 0 ? (
        <>
          <h3>Other commitments</h3>
          <ul className="recovery-theme__commitments">
            {loose.map((c) => (
              <CommitmentLine key={c.id} commitment={c} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function CommitmentLine({
  commitment: c,
}: {
  commitment: RecoveryView['commitments']['commitments'][number];
}) {
  return (
    <li className="recovery-commitment">
      <p className="recovery-commitment__action">{c.action}</p>
      <p className="small muted">
        {c.scheduleText} · since {formatDay(c.startsOn)}
        {c.record.due > 0 ? ` · kept ${c.record.kept} of ${c.record.due}` : ''}
        {c.retired ? ` · retired on ${formatDay(c.retired.at.slice(0, 10))}` : ''}
      </p>
    </li>
  );
}

export function ReliabilitySection({ commitments }: { commitments: RecoveryView['commitments'] }) {
  return (
    <section aria-labelledby="record-heading" className="recovery-section">
      <h2 id="record-heading">The reliability record</h2>
      <p className="muted">
        Every due occurrence of every commitment, kept or missed, and how often the team confirmed seeing it.
        Consistency over time, not one grand gesture.
      </p>
      {commitments.commitments.length === 0 ? (
        <p>No commitments yet: the record starts when the first one falls due.</p>
      ) : (
        <ReliabilityRecord record={commitments.record} label="The whole repair" />
      )}
    </section>
  );
}

export function CommentsSection({ comments }: { comments: NonNullable<RecoveryView['pulse']['comments']> }) {
  return (
    <section aria-labelledby="comments-heading" className="recovery-section recovery-comments">
      <h2 id="comments-heading">What people wrote in the pulses</h2>
      <p className="small muted">
        In random order, dated only by the pulse they came with, and only from pulses that enough people
        answered.
      </p>
      {comments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ul className="recovery-comments__list">
          {comments.map((c, i) => (
            // Comments have no id by design; their order is random but fixed for this page load.
            // biome-ignore lint/suspicious/noArrayIndexKey: no stable key exists for anonymous text
            <li key={i} className="recovery-comment">
              <p className="recovery-comment__text">{c.text}</p>
              <p className="recovery-comment__period small muted">Pulse of {period(c.from, c.to)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
