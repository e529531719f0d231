import { RECORDING_GRACE_HOURS, RECORDING_WARNING_HOURS, type Repair } from '@kintsugi/core';
import { useId, useState } from 'react';
import { ApiError } from '../../../api/api-error';
import { api } from '../../../api/client';
import { FormAlert } from '../../../components/form-alert';
import { formatDay } from '../../../dates';
import { repairPath } from '../repair-api';
import { type CommitmentsView, type CommitmentView, reached } from './commit-api';
import { themeNames } from './commitment-list';
import { RecordForm } from './record-form';
import { ReliabilityRecord } from './reliability-record';

type Occurrence = CommitmentView['occurrences'][number];

/** How many of the latest due occurrences show before the rest fold away. */
const RECENT_SHOWN = 4;

const STATUS_WORDS: Record<Occurrence['status'], string> = {
  kept: 'Kept',
  missed: 'Missed',
  pending: 'Due — not recorded yet',
  upcoming: 'Upcoming',
};

/** The button that moves the repair on, refused (with the reason) while a theme is unanswered. */
export function MoveToDemonstrating({
  repair,
  view,
  onMoved,
}: {
  repair: Repair;
  view: CommitmentsView;
  onMoved: (repair: Repair) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const explanationId = useId();
  const unanswered = view.coverage.themes.filter((t) => t.state === 'unanswered');
  const live = view.commitments.filter((c) => !c.retired);
  const blocked = unanswered.length > 0 || live.length === 0 || !view.coverage.canDemonstrate;

  const move = async () => {
    if (busy || blocked) return;
    setBusy(true);
    setError(null);
    setDetails([]);
    try {
      onMoved(await api.post<Repair>(repairPath(repair.id, '/demonstrate')));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      if (err instanceof ApiError) setDetails(Object.values(err.fieldErrors));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel panel--wide demonstrate-move">
      <h3>Ready to demonstrate?</h3>
      <p id={explanationId} className={blocked ? 'demonstrate-move__why' : 'muted'}>
        {unanswered.length > 0
          ? `Answer every theme first, with a commitment or a reason why not. Still unanswered: ${unanswered
              .map((t) => `“${t.name}”`)
              .join(', ')}.`
          : live.length === 0
            ? 'Make at least one commitment first: the team needs something they can see you do.'
            : blocked
              ? 'Not yet: Kintsugi says something is still missing.'
              : live.length === 1
                ? 'Every theme is answered. From now on, record your commitment as kept or missed each time it falls due.'
                : `Every theme is answered. From now on, record each of your ${live.length} commitments as kept or missed as they fall due.`}
      </p>
      <button
        type="button"
        className="button"
        disabled={blocked || busy}
        aria-describedby={explanationId}
        onClick={move}
      >
        {busy ? 'Moving…' : 'Move to demonstrating'}
      </button>
      <FormAlert message={error}>
        {details.length > 0 ? (
          <ul>
            {details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : null}
      </FormAlert>
    </div>
  );
}

/** Demonstrate: each commitment's due occurrences, recorded as kept or missed, and the reliability record. */
export function DemonstrateSection({
  repair,
  view,
  onChanged,
  onMoved,
}: {
  repair: Repair;
  view: CommitmentsView;
  onChanged: () => void;
  onMoved: (repair: Repair) => void;
}) {
  const demonstrating = reached(repair, 'demonstrating');
  const live = view.commitments.filter((c) => !c.retired);
  return (
    <section aria-labelledby="demonstrate-heading" className="section commit-section">
      <h2 id="demonstrate-heading">Demonstrate: keep it, and be seen keeping it</h2>
      {!demonstrating ? (
        repair.abilities.manage ? (
          <MoveToDemonstrating repair={repair} view={view} onMoved={onMoved} />
        ) : (
          <p className="muted">The repair’s leader moves it on once every theme is answered.</p>
        )
      ) : (
        <>
          <div className="panel panel--wide">
            <h3>The repair’s reliability record</h3>
            <p className="small muted">
              Across all commitments, including retired ones. The team sees this too.
            </p>
            <ReliabilityRecord record={view.record} label="The whole repair" />
            <p className="small">
              Record each occurrence as kept or missed within {RECORDING_GRACE_HOURS} hours of its due time:
              after that, it counts as missed in the record the team sees. If one is still unrecorded{' '}
              {RECORDING_WARNING_HOURS} hours before then, Kintsugi emails you.
            </p>
          </div>
          <ul className="ledger">
            {live.map((c) => (
              <Ledger key={c.id} repair={repair} view={view} commitment={c} onChanged={onChanged} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Ledger({
  repair,
  view,
  commitment: c,
  onChanged,
}: {
  repair: Repair;
  view: CommitmentsView;
  commitment: CommitmentView;
  onChanged: () => void;
}) {
  const [recording, setRecording] = useState<string | null>(null);
  const headingId = useId();
  const isEvent = c.schedule.kind === 'event';
  const upcoming = c.occurrences.filter((o) => o.status === 'upcoming').slice(0, 3);
  const past = c.occurrences.filter((o) => o.status !== 'upcoming').reverse();
  // A year of weekly occurrences would make the page endless: the latest few (and anything still to record) show,
  // the rest fold away; the record above already sums them all up.
  const recent = past.filter((o, i) => i < RECENT_SHOWN || o.status === 'pending');
  const earlier = past.filter((o, i) => !(i < RECENT_SHOWN || o.status === 'pending'));
  // The server takes a record up to a day ahead (a meeting held early), not further.
  const nextUp = upcoming[0];
  const earlyOk = nextUp !== undefined && Date.parse(nextUp.dueAt) <= Date.now() + 86_400_000;

  const saved = () => {
    setRecording(null);
    onChanged();
  };

  const occurrenceRow = (o: Occurrence, canRecord: boolean, recordLabel: string) => (
    <li key={o.dueAt} className={`occurrence occurrence--${o.status}`}>
      <div className="occurrence__row">
        <span className="occurrence__date">{formatDay(o.localDate)}</span>
        <span className={`occurrence__status occurrence__status--${o.status}`}>{STATUS_WORDS[o.status]}</span>
        {canRecord && repair.abilities.manage && recording !== o.dueAt ? (
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => setRecording(o.dueAt)}
          >
            {recordLabel}
            <span className="visually-hidden"> for {formatDay(o.localDate)}</span>
          </button>
        ) : null}
      </div>
      {o.note ? <p className="occurrence__note prewrap small">{o.note}</p> : null}
      {o.link ? (
        <p className="small">
          <a href={o.link} rel="noreferrer noopener" target="_blank" className="break">
            {o.link}
          </a>
        </p>
      ) : null}
      {recording === o.dueAt ? (
        <RecordForm
          repairId={repair.id}
          commitmentId={c.id}
          dueAt={o.dueAt}
          title={`Record ${formatDay(o.localDate)}`}
          breachKinds={repair.breachKinds}
          onSaved={saved}
          onCancel={() => setRecording(null)}
        />
      ) : null}
    </li>
  );

  return (
    <li className="panel ledger__item" aria-labelledby={headingId}>
      <h3 id={headingId} className="commitment__action">
        {c.action}
        {c.vague ? <span className="badge badge--vague">Vague</span> : null}
      </h3>
      <p className="small">
        <strong>{c.scheduleText}</strong>{' '}
        <span className="muted">· answers {themeNames(view, c.themeIds)}</span>
      </p>
      <ReliabilityRecord record={c.record} label={c.action} />
      {isEvent && repair.abilities.manage ? (
        recording === 'now' ? (
          <RecordForm
            repairId={repair.id}
            commitmentId={c.id}
            title="Log it now"
            breachKinds={repair.breachKinds}
            onSaved={saved}
            onCancel={() => setRecording(null)}
          />
        ) : (
          <div className="button-row">
            <button type="button" className="button button--small" onClick={() => setRecording('now')}>
              Log it now<span className="visually-hidden">: {c.action}</span>
            </button>
          </div>
        )
      ) : null}
      <div className="ledger__columns">
        <div>
          <h4>{isEvent ? 'Logged' : 'Due so far'}</h4>
          {past.length === 0 ? (
            <p className="small muted">Nothing yet.</p>
          ) : (
            <>
              <ul className="occurrence-list">
                {recent.map((o) => occurrenceRow(o, o.status === 'pending', 'Record'))}
              </ul>
              {earlier.length > 0 ? (
                <details className="details-box ledger__earlier">
                  <summary>
                    Show {earlier.length} earlier {earlier.length === 1 ? 'occurrence' : 'occurrences'}
                    <span className="visually-hidden"> of {c.action}</span>
                  </summary>
                  <ul className="occurrence-list">{earlier.map((o) => occurrenceRow(o, false, 'Record'))}</ul>
                </details>
              ) : null}
            </>
          )}
        </div>
        {!isEvent ? (
          <div>
            <h4>Next due</h4>
            {upcoming.length === 0 ? (
              <p className="small muted">Nothing more is scheduled.</p>
            ) : (
              <ul className="occurrence-list">
                {upcoming.map((o) => occurrenceRow(o, earlyOk && o.dueAt === nextUp?.dueAt, 'Record early'))}
              </ul>
            )}
          </div>
        ) : null}
      </div>
    </li>
  );
}
