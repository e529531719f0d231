import type { RecoveryEvent, RecoveryView } from '@kintsugi/core';
import { useId } from 'react';
import {
  COLORS,
  type Frame,
  HatchPattern,
  IntervalBand,
  MeanLine,
  type Scales,
  scales,
  XAxis,
  YGrid,
} from './chart-parts';
import { EventLane, laneHeight } from './events-axis';
import {
  changeRange,
  dayNumber,
  period,
  pointDay,
  segments,
  shortDate,
  signed,
  type TimeDomain,
  type TrendPoint,
  VERDICT_WORDS,
  type Withheld,
  whole,
} from './recovery-format';
import { TrendLegend } from './trend-legend';
import { useWidth } from './use-width';

type Pulse = RecoveryView['pulse'];

/** One sentence or three for the chart's <desc>: what the picture shows, for those who cannot see it. */
export function describeTrend(pulse: Pulse, events: readonly RecoveryEvent[]): string {
  const { points, withheld, threshold } = pulse;
  const first = points[0];
  const last = points.at(-1);
  const parts: string[] = [];
  if (!first || !last)
    parts.push(`No trust readings yet: every pulse so far had fewer than ${threshold} answers.`);
  else if (first === last)
    parts.push(
      `One reading so far: ${whole(first.overall.mean)} on 0–100 (${period(first.from, first.to)}).`,
    );
  else
    parts.push(
      `The trust index went from ${whole(first.overall.mean)} at the baseline (${period(first.from, first.to)}) ` +
        `to ${whole(last.overall.mean)} (${period(last.from, last.to)}) over ${points.length} readings.`,
    );
  const change = pulse.change.overall;
  if (change)
    parts.push(
      `Change ${signed(change.difference)} points, 95% interval ${changeRange(change)}: ${VERDICT_WORDS[change.verdict].toLowerCase()}.`,
    );
  if (withheld.length > 0)
    parts.push(
      `${withheld.length} ${withheld.length === 1 ? 'pulse' : 'pulses'} with fewer than ${threshold} answers ${withheld.length === 1 ? 'is' : 'are'} shown as a gap.`,
    );
  if (events.length > 0) parts.push(`${events.length} events of the repair are marked below the axis.`);
  return parts.join(' ');
}

const Y_VALUES = [0, 25, 50, 75, 100] as const;

/** The trust index over time with its 95% interval, the baseline, withheld pulses and the repair's events. */
export function TrendChart({
  pulse,
  events,
  domain,
}: {
  pulse: Pulse;
  events: readonly RecoveryEvent[];
  domain: TimeDomain;
}) {
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const id = `trend${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const narrow = width < 520;
  const frame: Frame = {
    left: 38,
    top: 28,
    width: Math.max(120, width - 38 - 14),
    height: narrow ? 190 : 240,
  };
  const s = scales(frame, domain);
  const laneTop = frame.top + frame.height + 6;
  const lane = laneHeight(events, s);
  const axisLabelY = laneTop + lane + 14;
  const height = axisLabelY + 20;
  const { points, withheld, threshold } = pulse;
  const baseline = points[0];
  const latest = points.at(-1);

  return (
    <div className="recovery-chart" ref={ref}>
      <svg
        className="recovery-chart__svg"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        fontFamily="inherit"
      >
        <title id={`${id}-title`}>Trust index over time</title>
        <desc id={`${id}-desc`}>{describeTrend(pulse, events)}</desc>
        <HatchPattern id={`${id}-hatch`} />
        <text x={0} y={12} fontSize={11} fontWeight={600} fill={COLORS.inkSoft}>
          Trust index (0–100)
        </text>
        <YGrid frame={frame} s={s} values={Y_VALUES} />
        {events.length > 0 ? (
          <>
            <rect x={frame.left} y={laneTop} width={frame.width} height={lane} fill="#f6f2ea" />
            <text x={frame.left - 6} y={laneTop + 11} textAnchor="end" fontSize={10} fill={COLORS.inkSoft}>
              Events
            </text>
          </>
        ) : null}
        <EventLane events={events} frame={frame} s={s} laneTop={laneTop} />
        {withheld.map((w) => (
          <WithheldGap
            key={`${w.from}-${w.to}`}
            w={w}
            frame={frame}
            s={s}
            threshold={threshold}
            hatch={`${id}-hatch`}
          />
        ))}
        {segments(points, withheld).map((seg) => {
          const placed = seg.map((p) => ({ x: s.x(pointDay(p)), e: p.overall }));
          return (
            <g key={seg[0]?.from}>
              <IntervalBand placed={placed} s={s} />
              <MeanLine placed={placed} s={s} />
            </g>
          );
        })}
        {baseline && points.length > 1 ? (
          <BaselineLine
            value={baseline.overall.mean}
            latest={latest?.overall.mean ?? 0}
            labelX={baselineLabelX(s.x(pointDay(baseline)), withheld, frame, s)}
            frame={frame}
            s={s}
          />
        ) : null}
        {points.map((p) => (
          <PointMark key={`${p.from}-${p.to}`} p={p} s={s} latest={p === latest} />
        ))}
        <XAxis frame={frame} s={s} domain={domain} y={axisLabelY} />
      </svg>
      <TrendLegend pulse={pulse} events={events} />
    </div>
  );
}

function WithheldGap({
  w,
  frame,
  s,
  threshold,
  hatch,
}: {
  w: Withheld;
  frame: Frame;
  s: Scales;
  threshold: number;
  hatch: string;
}) {
  // The words sit inside the hatched gap, on a white strip, so they never collide with the line or labels.
  const x1 = s.x(dayNumber(w.from)) - 8;
  const x2 = s.x(dayNumber(w.to)) + 8;
  const cx = (x1 + x2) / 2;
  const cy = frame.top + frame.height / 2;
  const words = `fewer than ${threshold} answered`;
  const long = Math.min(frame.height - 12, words.length * 6.2);
  return (
    <g>
      <title>{`${period(w.from, w.to)}: fewer than ${threshold} answered${w.open ? ` so far (open until ${shortDate(w.closesOn)})` : ''}, so nothing is shown`}</title>
      <rect
        x={x1}
        y={frame.top}
        width={x2 - x1}
        height={frame.height}
        fill={`url(#${hatch})`}
        stroke={COLORS.hatch}
        strokeWidth={1}
      />
      <rect x={cx - 7} y={cy - long / 2} width={14} height={long} fill="#ffffff" />
      <text
        x={cx}
        y={cy}
        transform={`rotate(-90 ${cx} ${cy})`}
        textAnchor="middle"
        dominantBaseline="central"
        fontSize={11}
        fill={COLORS.ink}
      >
        {words}
      </text>
    </g>
  );
}

const BASELINE_LABEL_WIDTH = 78;

/** Beside the first reading if the words fit there, else at the right end, else nowhere (the legend says it). */
function baselineLabelX(
  startX: number,
  withheld: readonly Withheld[],
  frame: Frame,
  s: Scales,
): number | null {
  const gaps = withheld.map((w) => [s.x(dayNumber(w.from)) - 10, s.x(dayNumber(w.to)) + 10] as const);
  const fits = (x: number) =>
    x + BASELINE_LABEL_WIDTH <= frame.left + frame.width &&
    gaps.every(([a, b]) => b < x || a > x + BASELINE_LABEL_WIDTH);
  const right = frame.left + frame.width - BASELINE_LABEL_WIDTH - 4;
  return [startX + 8, right].find(fits) ?? null;
}

function BaselineLine({
  value,
  latest,
  labelX,
  frame,
  s,
}: {
  value: number;
  latest: number;
  labelX: number | null;
  frame: Frame;
  s: Scales;
}) {
  const y = s.y(value);
  // On the side of the line away from where the trend went.
  const dy = latest > value ? 15 : -7;
  return (
    <g>
      <line
        x1={frame.left}
        x2={frame.left + frame.width}
        y1={y}
        y2={y}
        stroke={COLORS.inkSoft}
        strokeWidth={1.5}
        strokeDasharray="6 4"
      />
      {labelX !== null ? (
        <text x={labelX} y={y + dy} fontSize={11} fontWeight={600} fill={COLORS.ink}>
          Baseline {whole(value)}
        </text>
      ) : null}
    </g>
  );
}

function PointMark({ p, s, latest }: { p: TrendPoint; s: Scales; latest: boolean }) {
  const x = s.x(pointDay(p));
  const y = s.y(p.overall.mean);
  const tip = `${period(p.from, p.to)}: ${whole(p.overall.mean)} (95% interval ${whole(p.overall.low)}–${whole(p.overall.high)}), ${p.answers} answers${p.pooled ? ', pulses pooled' : ''}`;
  return (
    <g>
      <title>{tip}</title>
      {p.pooled ? (
        <>
          <line
            x1={s.x(dayNumber(p.from))}
            x2={s.x(dayNumber(p.to))}
            y1={y}
            y2={y}
            stroke={COLORS.line}
            strokeWidth={1.5}
          />
          <polygon
            points={`${x},${y - 6} ${x + 6},${y} ${x},${y + 6} ${x - 6},${y}`}
            fill={COLORS.line}
            stroke="#fff"
          />
          <text x={x} y={s.y(p.overall.high) - 6} textAnchor="middle" fontSize={10} fill={COLORS.inkSoft}>
            pooled
          </text>
        </>
      ) : (
        <circle cx={x} cy={y} r={latest ? 4.5 : 3.5} fill={COLORS.line} stroke="#fff" strokeWidth={1.5} />
      )}
      {latest ? (
        <text x={x} y={y - 10} textAnchor="end" dx={-4} fontSize={13} fontWeight={700} fill={COLORS.ink}>
          {whole(p.overall.mean)}
        </text>
      ) : null}
    </g>
  );
}
