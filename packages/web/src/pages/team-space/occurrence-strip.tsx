import { useContext } from 'react';
import { confirmationWords, formatDay, formatOccurrenceDay, STATUS_GLYPHS, STATUS_WORDS } from './format';
import type { SpaceOccurrence, SpaceRecord } from './team-space-api';
import { ThresholdContext } from './threshold-context';

interface OccurrenceStripProps {
  action: string;
  occurrences: SpaceOccurrence[];
  strip: SpaceRecord['strip'];
}

/**
 * Recent occurrences as a row of marked squares. The row is for the eye only: each square carries its status
 * as a mark and a word-bearing legend, and a visually hidden table tells a screen reader the same thing.
 */
export function OccurrenceStrip({ action, occurrences, strip }: OccurrenceStripProps) {
  const threshold = useContext(ThresholdContext);
  if (occurrences.length === 0) return null;
  const confirmations = new Map(strip.map((s) => [s.dueAt, s.confirmations]));
  return (
    <div className="occurrence-strip">
      <ol className="occurrence-strip__cells" aria-hidden="true">
        {occurrences.map((o) => (
          <li
            key={o.dueAt}
            className={`occurrence-strip__cell occurrence-strip__cell--${o.status}`}
            title={`${formatDay(o.localDate)}: ${STATUS_WORDS[o.status]}`}
          >
            <span className="occurrence-strip__mark">{STATUS_GLYPHS[o.status]}</span>
            <span className="occurrence-strip__date">{shortDay(o.localDate)}</span>
          </li>
        ))}
      </ol>
      <p className="occurrence-strip__legend small muted" aria-hidden="true">
        ✓ kept · ✕ missed · … due, not recorded yet
      </p>
      {/* A table ignores width and overflow, so the hiding is done by a wrapper. */}
      <div className="visually-hidden">
        <table>
          <caption>Recent occurrences of “{action}”</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Status</th>
              <th scope="col">What the team saw</th>
            </tr>
          </thead>
          <tbody>
            {occurrences.map((o) => (
              <tr key={o.dueAt}>
                <th scope="row">{formatOccurrenceDay(o.localDate)}</th>
                <td>{STATUS_WORDS[o.status]}</td>
                <td>
                  {confirmationWords(
                    confirmations.get(o.dueAt),
                    threshold,
                    o.status === 'kept' || o.status === 'missed',
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function shortDay(localDate: string): string {
  const [year, month, day] = localDate.split('-').map(Number);
  if (!year || !month || !day) return localDate;
  return new Date(year, month - 1, day).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}
