import type { RecoveryView } from '@kintsugi/core';
import type { ReactNode } from 'react';
import { changeRange, percent, period, signed, VERDICT_WORDS, whole } from './recovery-format';

type Pulse = RecoveryView['pulse'];

/** The answer to "is trust recovering, and how sure are we?", in plain words first and figures second. */
function headline(pulse: Pulse): { title: string; body: string } {
  const { points, threshold } = pulse;
  const first = points[0];
  const last = points.at(-1);
  const change = pulse.change.overall;
  if (!first || !last)
    return {
      title: 'No trust reading yet.',
      body: `Nothing is shown until at least ${threshold} people have answered a pulse, so that nobody can be singled out.`,
    };
  if (!change || first === last)
    return {
      title: 'Only the baseline so far.',
      body: `The first reading is ${whole(first.overall.mean)} out of 100. A change can be read once another pulse has at least ${threshold} answers.`,
    };
  const moved = `The trust index went from ${whole(first.overall.mean)} at the baseline to ${whole(last.overall.mean)} now`;
  const range = `The change, ${signed(change.difference)} points, has a 95% interval from ${changeRange(change)}`;
  switch (change.verdict) {
    case 'improvement':
      return {
        title: 'Trust is recovering.',
        body: `${moved}. ${range}: the whole range is above zero, so the rise is clear even allowing for the uncertainty of a small team.`,
      };
    case 'decline':
      return {
        title: 'Trust has fallen since the baseline.',
        body: `${moved}. ${range}: the whole range is below zero, so the fall is clear even allowing for the uncertainty of a small team.`,
      };
    case 'no_clear_change':
      return {
        title: 'No clear change yet.',
        body: `${moved}. ${range}: the range includes zero, so these readings cannot yet tell a real change from chance.`,
      };
  }
}

function Figure({ term, value, notes }: { term: string; value: ReactNode; notes: readonly string[] }) {
  return (
    <div className="recovery-figure">
      <dt>{term}</dt>
      <dd>
        <span className="recovery-figure__value">{value}</span>
        {notes.map((note) => (
          <span key={note} className="recovery-figure__note">
            {note}
          </span>
        ))}
      </dd>
    </div>
  );
}

export function RecoverySummary({ view }: { view: RecoveryView }) {
  const { pulse } = view;
  const { title, body } = headline(pulse);
  const latest = pulse.points.at(-1);
  const change = pulse.change.overall;
  const record = view.commitments.record;
  const { themes, coverage } = view.commitments.coverage;
  const answered = themes.filter((t) => t.state !== 'unanswered').length;
  const verdict = change?.verdict ?? null;

  return (
    <section aria-labelledby="summary-heading" className="recovery-section recovery-summary panel">
      <h2 id="summary-heading">Is trust recovering?</h2>
      <p className={`recovery-summary__headline recovery-summary__headline--${verdict ?? 'none'}`}>{title}</p>
      <p className="recovery-summary__body">{body}</p>
      {pulse.relapses.includes('overall') ? (
        <p className="recovery-relapse">
          <strong>Relapse:</strong> the latest reading is clearly below the ones just before it.
        </p>
      ) : null}
      <dl className="recovery-figures">
        <Figure
          term="Trust index now"
          value={latest ? whole(latest.overall.mean) : '—'}
          notes={
            latest
              ? [
                  `95% interval ${whole(latest.overall.low)}–${whole(latest.overall.high)}`,
                  `${period(latest.from, latest.to)} · ${latest.answers} answers`,
                  ...(latest.open ? ['still open: this reading may change'] : []),
                ]
              : [`fewer than ${pulse.threshold} answered so far`]
          }
        />
        <Figure
          term="Change from the baseline"
          value={change ? signed(change.difference) : '—'}
          notes={
            change
              ? [VERDICT_WORDS[change.verdict], `interval ${changeRange(change)}`]
              : ['needs two readings']
          }
        />
        <Figure
          term="Commitments kept"
          value={record.due === 0 ? '—' : `${record.kept} of ${record.due}`}
          notes={
            record.due === 0
              ? ['nothing due yet']
              : [`${percent(record.keptShare)} kept`, `${record.currentStreak} in a row now`]
          }
        />
        <Figure
          term="Themes answered"
          value={themes.length === 0 ? '—' : `${answered} of ${themes.length}`}
          notes={themes.length === 0 ? ['no themes yet'] : [`${percent(coverage)} coverage`]}
        />
      </dl>
    </section>
  );
}
