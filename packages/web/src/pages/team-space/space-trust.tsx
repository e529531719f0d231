import type { TeamSpace } from '@kintsugi/core';
import { NumbersDetails, TrendTable } from '../recovery/chart-tables';
import {
  changeRange,
  dayNumber,
  estimateWords,
  type TimeDomain,
  VERDICT_WORDS,
} from '../recovery/recovery-format';
import { TrendChart } from '../recovery/trend-chart';

/** The axis runs over the team's pulses since the repair opened, at least six weeks wide. */
function domainOf(pulse: TeamSpace['pulse']): TimeDomain {
  const days = [...pulse.points, ...pulse.withheld].flatMap((p) => [dayNumber(p.from), dayNumber(p.to)]);
  const start = Math.min(...days);
  return { start, end: Math.max(...days, start + 42) };
}

/**
 * The team's own trust pulse, as the team sees it: the index with its 95% interval, never the comments. The
 * same chart as the leader's recovery view, without the leader's events.
 */
export function SpaceTrust({ pulse, leader }: { pulse: TeamSpace['pulse']; leader: string }) {
  const latest = pulse.points.at(-1);
  const change = pulse.change.overall;
  if (!latest)
    return (
      <p className="empty-state">
        Nothing to show yet. The team’s answers to the trust pulse appear here once at least {pulse.threshold}{' '}
        people have answered one, so that nobody can be singled out.
      </p>
    );
  return (
    <>
      <p>
        The team’s trust in {leader} now: <strong>{estimateWords(latest.overall)}</strong> on a scale of 0 to
        100.{' '}
        {change
          ? `${VERDICT_WORDS[change.verdict]} since the first reading (${changeRange(change)} points, 95% interval).`
          : 'This is the first reading; a change can be read after the next pulse.'}
        {latest.open ? ' The latest pulse is still open, so this may change.' : ''}
      </p>
      {pulse.points.length + pulse.withheld.length > 0 ? (
        <TrendChart pulse={pulse} events={[]} domain={domainOf(pulse)} />
      ) : null}
      <NumbersDetails label="the team's trust index">
        <TrendTable pulse={pulse} />
      </NumbersDetails>
    </>
  );
}
