import type { ReliabilityView } from '@kintsugi/core';
import { formatDay } from '../../../dates';
import { share } from './commit-api';

const STATE_WORDS = { kept: 'Kept', missed: 'Missed', pending: 'Not recorded yet' } as const;
const STATE_MARKS = { kept: '✓', missed: '✗', pending: '?' } as const;

function confirmations(c: ReliabilityView['strip'][number]['confirmations']): string {
  if (c === 'fewer than k') return 'too few answers to show';
  return `${c.saw} saw it, ${c.didNotSee} did not`;
}

/** Kept vs due, on time, confirmed, streaks, and a strip of squares over time (with a table beside it). */
export function ReliabilityRecord({ record, label }: { record: ReliabilityView; label: string }) {
  return (
    <div className="record">
      <dl className="record__figures">
        <div>
          <dt>Kept</dt>
          <dd>
            <span className="record__number">
              {record.kept} of {record.due}
            </span>{' '}
            kept{record.keptShare !== null ? ` (${share(record.keptShare)})` : ''}
          </dd>
        </div>
        <div>
          <dt>On time</dt>
          <dd>{share(record.onTimeShare)}</dd>
        </div>
        <div>
          <dt>Confirmed by the team</dt>
          <dd>{share(record.confirmedShare)}</dd>
        </div>
        <div>
          <dt>Streak</dt>
          <dd>
            {record.currentStreak} in a row now · longest {record.longestStreak}
          </dd>
        </div>
      </dl>
      {record.strip.length > 0 ? (
        <>
          <ol className="strip" aria-hidden="true">
            {record.strip.map((cell) => (
              <li
                key={cell.dueAt}
                className={`strip__cell strip__cell--${cell.state}`}
                title={`${formatDay(cell.localDate)}: ${STATE_WORDS[cell.state]}`}
              >
                {STATE_MARKS[cell.state]}
              </li>
            ))}
          </ol>
          <p className="strip__legend small muted" aria-hidden="true">
            <span className="strip__cell strip__cell--kept">✓</span> kept{' '}
            <span className="strip__cell strip__cell--missed">✗</span> missed{' '}
            <span className="strip__cell strip__cell--pending">?</span> not recorded yet
          </p>
          <div className="visually-hidden">
            <table>
              <caption>{label}: each due occurrence</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Result</th>
                  <th scope="col">The team’s confirmations</th>
                </tr>
              </thead>
              <tbody>
                {record.strip.map((cell) => (
                  <tr key={cell.dueAt}>
                    <td>{formatDay(cell.localDate)}</td>
                    <td>{STATE_WORDS[cell.state]}</td>
                    <td>{confirmations(cell.confirmations)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="small muted">Nothing due yet.</p>
      )}
    </div>
  );
}
