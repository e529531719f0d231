import {
  DIMENSION_DESCRIPTIONS,
  DIMENSION_LABELS,
  type RecoveryView,
  TRUST_DIMENSIONS,
  type TrustDimension,
} from '@kintsugi/core';
import { useId } from 'react';
import {
  COLORS,
  type Frame,
  HatchPattern,
  IntervalBand,
  MeanLine,
  scales,
  XAxis,
  YGrid,
} from './chart-parts';
import { DimensionTable, NumbersDetails } from './chart-tables';
import {
  changeRange,
  dayNumber,
  type Estimate,
  estimateWords,
  pointDay,
  segments,
  signed,
  type TimeDomain,
  VERDICT_WORDS,
} from './recovery-format';
import { useWidth } from './use-width';

type Pulse = RecoveryView['pulse'];

/** Small multiples: one chart per dimension of trust, all on the main chart's time axis. */
export function DimensionCharts({ pulse, domain }: { pulse: Pulse; domain: TimeDomain }) {
  return (
    <ul className="recovery-multiples">
      {TRUST_DIMENSIONS.map((d) => (
        <li key={d} className="recovery-multiple">
          <DimensionChart pulse={pulse} dimension={d} domain={domain} />
        </li>
      ))}
    </ul>
  );
}

/** The dimension in words; `withVerdict` for the chart's description, where no pill stands beside it. */
function summaryOf(pulse: Pulse, dimension: TrustDimension, withVerdict: boolean): string {
  const shown = pulse.points.filter((p) => p.dimensions[dimension] !== null);
  const latest = shown.at(-1)?.dimensions[dimension];
  if (!latest) return `No reading yet: fewer than ${pulse.threshold} people answered these statements.`;
  const change = pulse.change.dimensions[dimension];
  const now = `Latest ${estimateWords(latest)}.`;
  if (!change) return now;
  const verdict = withVerdict ? `: ${VERDICT_WORDS[change.verdict].toLowerCase()}` : '';
  return `${now} Change from the baseline ${signed(change.difference)} (interval ${changeRange(change)})${verdict}.`;
}

function DimensionChart({
  pulse,
  dimension,
  domain,
}: {
  pulse: Pulse;
  dimension: TrustDimension;
  domain: TimeDomain;
}) {
  const [ref, width] = useWidth<HTMLDivElement>(320);
  const id = `dim${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const label = DIMENSION_LABELS[dimension];
  const frame: Frame = { left: 30, top: 16, width: Math.max(100, width - 30 - 10), height: 96 };
  const s = scales(frame, domain);
  const height = frame.top + frame.height + 24;
  const value = (p: Pulse['points'][number]) => p.dimensions[dimension];
  const change = pulse.change.dimensions[dimension];
  const relapse = pulse.relapses.includes(dimension);
  const summary = summaryOf(pulse, dimension, false);
  const baseline = pulse.points[0]?.dimensions[dimension] ?? null;

  return (
    <>
      <h4 className="recovery-multiple__title">{label}</h4>
      <p className="recovery-multiple__about small muted">{DIMENSION_DESCRIPTIONS[dimension]}</p>
      <p className="recovery-multiple__summary small">
        {change ? (
          <span className={`recovery-verdict recovery-verdict--${change.verdict}`}>
            {VERDICT_WORDS[change.verdict]}
          </span>
        ) : null}{' '}
        {summary}
      </p>
      {relapse ? (
        <p className="recovery-relapse small">
          <strong>Relapse:</strong> the latest reading is clearly below the ones before it.
        </p>
      ) : null}
      <div className="recovery-multiple__chart" ref={ref}>
        <svg
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-desc`}
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          preserveAspectRatio="xMinYMin meet"
          fontFamily="inherit"
        >
          <title id={`${id}-title`}>{`${label} over time`}</title>
          <desc id={`${id}-desc`}>{summaryOf(pulse, dimension, true)}</desc>
          <HatchPattern id={`${id}-hatch`} />
          {pulse.withheld.map((w) => {
            const x1 = s.x(dayNumber(w.from)) - 5;
            const x2 = s.x(dayNumber(w.to)) + 5;
            return (
              <rect
                key={`${w.from}-${w.to}`}
                x={x1}
                y={frame.top}
                width={x2 - x1}
                height={frame.height}
                fill={`url(#${id}-hatch)`}
                stroke={COLORS.hatch}
              />
            );
          })}
          <YGrid frame={frame} s={s} values={[0, 50, 100]} />
          {baseline && pulse.points.length > 1 ? (
            <line
              x1={frame.left}
              x2={frame.left + frame.width}
              y1={s.y(baseline.mean)}
              y2={s.y(baseline.mean)}
              stroke={COLORS.inkSoft}
              strokeWidth={1.25}
              strokeDasharray="5 4"
            />
          ) : null}
          {segments(pulse.points, pulse.withheld, (p) => value(p) !== null).map((seg) => {
            const placed = seg.map((p) => ({ x: s.x(pointDay(p)), e: value(p) as Estimate }));
            return (
              <g key={seg[0]?.from}>
                <IntervalBand placed={placed} s={s} />
                <MeanLine placed={placed} s={s} width={2} />
                {placed.length === 1 && placed[0] ? (
                  <circle cx={placed[0].x} cy={s.y(placed[0].e.mean)} r={3} fill={COLORS.line} />
                ) : null}
              </g>
            );
          })}
          {pulse.points
            .filter((p) => p.wordingChanged.includes(dimension))
            .map((p) => {
              const x = s.x(pointDay(p));
              return (
                <g key={`w-${p.from}`}>
                  <line
                    x1={x}
                    x2={x}
                    y1={frame.top}
                    y2={frame.top + frame.height}
                    stroke={COLORS.ink}
                    strokeDasharray="2 2"
                  />
                  <text x={x + 3} y={frame.top - 4} fontSize={10} fill={COLORS.ink}>
                    wording changed
                  </text>
                </g>
              );
            })}
          <XAxis frame={frame} s={s} domain={domain} y={frame.top + frame.height + 16} compact />
        </svg>
      </div>
      {pulse.points.length > 0 ? (
        <NumbersDetails label={label}>
          <DimensionTable pulse={pulse} dimension={dimension} />
        </NumbersDetails>
      ) : null}
    </>
  );
}
