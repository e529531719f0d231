import type { RecoveryEvent } from '@kintsugi/core';
import { COLORS, type Frame, type Scales } from './chart-parts';
import { dayNumber, shortDate } from './recovery-format';

type Kind = RecoveryEvent['kind'];

// Each kind has its own shape, so the markers read without colour (and in black-and-white print).
const KIND_COLOR: Record<Kind, string> = {
  opened: COLORS.ink,
  round_sent: COLORS.ink,
  response_published: COLORS.line,
  commitment_started: COLORS.success,
  commitment_retired: COLORS.inkSoft,
  missed: COLORS.danger,
};

export const KIND_ORDER: readonly Kind[] = [
  'opened',
  'round_sent',
  'response_published',
  'commitment_started',
  'commitment_retired',
  'missed',
];

/** One event marker, centred on (x, y). */
export function EventMark({ kind, x, y, r = 5 }: { kind: Kind; x: number; y: number; r?: number }) {
  const color = KIND_COLOR[kind];
  switch (kind) {
    case 'opened':
      return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={color} />;
    case 'round_sent':
      return <circle cx={x} cy={y} r={r} fill="#ffffff" stroke={color} strokeWidth={2} />;
    case 'response_published':
      return (
        <polygon
          points={`${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`}
          fill={color}
        />
      );
    case 'commitment_started':
      return <polygon points={`${x},${y - r} ${x + r},${y + r} ${x - r},${y + r}`} fill={color} />;
    case 'commitment_retired':
      return (
        <polygon
          points={`${x - r},${y - r} ${x + r},${y - r} ${x},${y + r}`}
          fill="#ffffff"
          stroke={color}
          strokeWidth={1.5}
        />
      );
    case 'missed':
      return (
        <g stroke={color} strokeWidth={2.5} strokeLinecap="round">
          <line x1={x - r} y1={y - r} x2={x + r} y2={y + r} />
          <line x1={x - r} y1={y + r} x2={x + r} y2={y - r} />
        </g>
      );
  }
}

export const LANE_ROW = 16;

/** Spreads events over rows so markers on nearby days do not sit on top of each other. */
export function laneRows(events: readonly RecoveryEvent[], s: Scales, maxRows = 4): number[] {
  const lastX: number[] = [];
  return events.map((e) => {
    const x = s.x(dayNumber(e.on));
    let row = lastX.findIndex((last) => x - last >= 13);
    if (row === -1) row = lastX.length < maxRows ? lastX.length : maxRows - 1;
    lastX[row] = x;
    return row;
  });
}

/**
 * The repair's events under the plot, on the same time axis, each with a faint guide line up through the
 * plot so a reader can see which readings came after which acts.
 */
export function EventLane({
  events,
  frame,
  s,
  laneTop,
}: {
  events: readonly RecoveryEvent[];
  frame: Frame;
  s: Scales;
  laneTop: number;
}) {
  const rows = laneRows(events, s);
  return (
    <g>
      {events.map((e, i) => {
        const x = s.x(dayNumber(e.on));
        const y = laneTop + LANE_ROW / 2 + (rows[i] ?? 0) * LANE_ROW;
        return (
          <g key={`${e.on}|${e.kind}|${e.label}`}>
            <title>{`${shortDate(e.on)}: ${e.label}`}</title>
            <line
              x1={x}
              x2={x}
              y1={frame.top}
              y2={y}
              stroke={e.kind === 'missed' ? '#d9a5a7' : '#cfc6b4'}
              strokeWidth={1}
              strokeDasharray="2 3"
            />
            <EventMark kind={e.kind} x={x} y={y} />
          </g>
        );
      })}
    </g>
  );
}

export function laneHeight(events: readonly RecoveryEvent[], s: Scales): number {
  if (events.length === 0) return 0;
  return (Math.max(...laneRows(events, s)) + 1) * LANE_ROW + 6;
}

/** A small standalone marker for legends and lists. */
export function EventGlyph({ kind }: { kind: Kind }) {
  return (
    <svg
      className="recovery-glyph"
      width={16}
      height={16}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <EventMark kind={kind} x={8} y={8} />
    </svg>
  );
}

/** Every event in words, in date order: the legend and the text alternative of the event markers at once. */
export function EventList({ events }: { events: readonly RecoveryEvent[] }) {
  if (events.length === 0) return null;
  return (
    <div className="recovery-events">
      <h3 className="recovery-events__title">What the leader did, when</h3>
      <ol className="recovery-events__list">
        {events.map((e) => (
          <li
            key={`${e.on}|${e.kind}|${e.label}`}
            className={`recovery-events__item recovery-events__item--${e.kind}`}
          >
            <EventGlyph kind={e.kind} />
            <span className="recovery-events__date">{shortDate(e.on)}</span>
            <span className="recovery-events__label">{e.label}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
