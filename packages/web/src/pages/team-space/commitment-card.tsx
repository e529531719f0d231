import {
  formatOccurrenceDay,
  formatTimestampDay,
  recordLine,
  STATUS_WORDS,
  splitOccurrences,
  streakLine,
} from './format';
import { OccurrenceStrip } from './occurrence-strip';
import type { SpaceCommitment } from './team-space-api';
import { WitnessPanel } from './witness-panel';

/** One commitment as the team sees it: what, when, how they will know, and what was done so far. */
export function CommitmentCard({
  commitment,
  leaderName,
  link,
}: {
  commitment: SpaceCommitment;
  leaderName: string;
  /** The personal team-space link: it asks for witness tokens, never sends the answers. */
  link: string;
}) {
  const { past, next } = splitOccurrences(commitment);
  const streak = streakLine(commitment.record);
  const confirmations = new Map(commitment.record.strip.map((s) => [s.dueAt, s.confirmations]));
  const notes = past.filter((o) => o.note || o.status !== 'pending').reverse();
  return (
    <li className={`panel space-commitment${commitment.retired ? ' space-commitment--retired' : ''}`}>
      <h3 className="space-commitment__action">{commitment.action}</h3>
      {commitment.retired ? (
        <div className="space-commitment__retired">
          <p>
            <strong>Retired on {formatTimestampDay(commitment.retired.at)}.</strong> {leaderName} explained:
          </p>
          <p className="space-commitment__reason">{commitment.retired.reason}</p>
        </div>
      ) : null}
      <dl className="space-facts">
        <div>
          <dt>When</dt>
          <dd>{commitment.scheduleText}</dd>
        </div>
        <div>
          <dt>What you will see</dt>
          <dd>{commitment.evidence}</dd>
        </div>
        {commitment.themeNames.length > 0 ? (
          <div>
            <dt>Answers</dt>
            <dd>{commitment.themeNames.join(', ')}</dd>
          </div>
        ) : null}
        {next && !commitment.retired ? (
          <div>
            <dt>Next</dt>
            <dd>{formatOccurrenceDay(next.localDate)}</dd>
          </div>
        ) : null}
      </dl>
      <p className="space-commitment__record">
        <strong>{recordLine(commitment.record)}</strong>
        {streak ? <span className="muted"> {streak}</span> : null}
      </p>
      <OccurrenceStrip action={commitment.action} occurrences={past} strip={commitment.record.strip} />
      {notes.length > 0 ? (
        <>
          <h4 className="space-commitment__subheading">What was done</h4>
          <ul className="space-occurrences">
            {notes.map((o) => (
              <li key={o.dueAt} className="space-occurrence">
                <p className="space-occurrence__head">
                  <span className={`space-status space-status--${o.status}`}>{STATUS_WORDS[o.status]}</span>{' '}
                  <span className="muted">{formatOccurrenceDay(o.localDate)}</span>
                </p>
                {o.note ? (
                  <p className="space-occurrence__note">
                    {o.status === 'missed' ? (
                      <span className="visually-hidden">How it was owned: </span>
                    ) : null}
                    {o.note}
                  </p>
                ) : null}
                {o.link ? (
                  <p className="space-occurrence__link small">
                    <a href={o.link} target="_blank" rel="noopener noreferrer" className="break">
                      See it <span className="visually-hidden">(opens in a new tab)</span>
                    </a>
                  </p>
                ) : null}
                {o.id && (o.status === 'kept' || o.status === 'missed') ? (
                  <WitnessPanel
                    link={link}
                    occurrenceId={o.id}
                    day={formatOccurrenceDay(o.localDate)}
                    confirmations={confirmations.get(o.dueAt)}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : past.length === 0 && !commitment.retired ? (
        <p className="muted">Nothing has fallen due yet.</p>
      ) : null}
    </li>
  );
}
