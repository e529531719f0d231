import { type Estimate, monthTicks, type TimeDomain } from './recovery-format';

// Shared pieces of the trust charts: one time scale, one 0–100 scale, the grid and the interval band.

export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Scales {
  x: (day: number) => number;
  y: (value: number) => number;
}

/** Days map linearly onto the frame's width, with a little inset so markers at either end are not clipped. */
export function scales(frame: Frame, domain: TimeDomain): Scales {
  const inset = 8;
  const span = Math.max(1, domain.end - domain.start);
  return {
    x: (day) => frame.left + inset + ((day - domain.start) / span) * (frame.width - 2 * inset),
    y: (value) => frame.top + ((100 - Math.max(0, Math.min(100, value))) / 100) * frame.height,
  };
}

export const COLORS = {
  ink: '#1c2230',
  inkSoft: '#4b5264',
  grid: '#e2dacb',
  band: '#f0e2bf',
  bandEdge: '#b8892b',
  line: '#7d5a12',
  hatch: '#767b88',
  danger: '#a3262a',
  success: '#2f6b3f',
} as const;

/** Horizontal grid lines with their values, on the left. */
export function YGrid({ frame, s, values }: { frame: Frame; s: Scales; values: readonly number[] }) {
  return (
    <g>
      {values.map((v) => (
        <g key={v}>
          <line
            x1={frame.left}
            x2={frame.left + frame.width}
            y1={s.y(v)}
            y2={s.y(v)}
            stroke={COLORS.grid}
            strokeWidth={1}
          />
          <text
            x={frame.left - 6}
            y={s.y(v)}
            dy="0.32em"
            textAnchor="end"
            fontSize={11}
            fill={COLORS.inkSoft}
          >
            {v}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Month ticks under the plot: the month on one line, the year under it where it changes. */
export function XAxis({
  frame,
  s,
  domain,
  y,
  compact = false,
}: {
  frame: Frame;
  s: Scales;
  domain: TimeDomain;
  y: number;
  compact?: boolean;
}) {
  const ticks = monthTicks(domain, Math.floor(frame.width / (compact ? 64 : 52)));
  return (
    <g>
      <line
        x1={frame.left}
        x2={frame.left + frame.width}
        y1={frame.top + frame.height}
        y2={frame.top + frame.height}
        stroke={COLORS.inkSoft}
        strokeWidth={1}
      />
      {ticks.map((t) => (
        <g key={t.day}>
          <line
            x1={s.x(t.day)}
            x2={s.x(t.day)}
            y1={frame.top + frame.height}
            y2={frame.top + frame.height + 4}
            stroke={COLORS.inkSoft}
          />
          <text x={s.x(t.day)} y={y} textAnchor="middle" fontSize={11} fill={COLORS.inkSoft}>
            {compact && t.year ? `${t.month} ${t.year.slice(2)}` : t.month}
            {!compact && t.year ? (
              <tspan x={s.x(t.day)} dy="1.2em">
                {t.year}
              </tspan>
            ) : null}
          </text>
        </g>
      ))}
    </g>
  );
}

interface Placed {
  x: number;
  e: Estimate;
}

/** The 95% interval: a band through consecutive points, or an error bar for a point standing alone. */
export function IntervalBand({ placed, s }: { placed: readonly Placed[]; s: Scales }) {
  if (placed.length === 0) return null;
  if (placed.length === 1) {
    const [p] = placed;
    if (!p) return null;
    return (
      <g stroke={COLORS.line} strokeWidth={1.5}>
        <line x1={p.x} x2={p.x} y1={s.y(p.e.low)} y2={s.y(p.e.high)} />
        <line x1={p.x - 5} x2={p.x + 5} y1={s.y(p.e.low)} y2={s.y(p.e.low)} />
        <line x1={p.x - 5} x2={p.x + 5} y1={s.y(p.e.high)} y2={s.y(p.e.high)} />
      </g>
    );
  }
  const upper = placed.map((p) => `${p.x.toFixed(1)},${s.y(p.e.high).toFixed(1)}`);
  const lower = [...placed].reverse().map((p) => `${p.x.toFixed(1)},${s.y(p.e.low).toFixed(1)}`);
  return (
    <g>
      <polygon points={[...upper, ...lower].join(' ')} fill={COLORS.band} />
      <polyline points={upper.join(' ')} fill="none" stroke={COLORS.bandEdge} strokeWidth={1} />
      <polyline
        points={[...placed].map((p) => `${p.x.toFixed(1)},${s.y(p.e.low).toFixed(1)}`).join(' ')}
        fill="none"
        stroke={COLORS.bandEdge}
        strokeWidth={1}
      />
    </g>
  );
}

/** The estimate itself: a line through consecutive points. */
export function MeanLine({
  placed,
  s,
  width = 2.5,
}: {
  placed: readonly Placed[];
  s: Scales;
  width?: number;
}) {
  if (placed.length < 2) return null;
  return (
    <polyline
      points={placed.map((p) => `${p.x.toFixed(1)},${s.y(p.e.mean).toFixed(1)}`).join(' ')}
      fill="none"
      stroke={COLORS.line}
      strokeWidth={width}
      strokeLinejoin="round"
      strokeLinecap="round"
    />
  );
}

/** A diagonal hatch for withheld pulses: a gap that is visibly not "no data", but "too few to show". */
export function HatchPattern({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width={6} height={6} fill="#ffffff" />
        <line x1={0} y1={0} x2={0} y2={6} stroke={COLORS.hatch} strokeWidth={2} />
      </pattern>
    </defs>
  );
}
