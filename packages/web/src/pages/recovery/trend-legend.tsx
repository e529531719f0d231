import type { RecoveryEvent, RecoveryView } from '@kintsugi/core';
import type { ReactNode } from 'react';
import { COLORS } from './chart-parts';
import { EventMark, KIND_ORDER } from './events-axis';
import { EVENT_WORDS } from './recovery-format';

function Swatch({ children }: { children: ReactNode }) {
  return (
    <svg
      className="recovery-glyph"
      width={28}
      height={16}
      viewBox="0 0 28 16"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** What each mark on the main chart means, in words beside each shape. */
export function TrendLegend({
  pulse,
  events,
}: {
  pulse: RecoveryView['pulse'];
  events: readonly RecoveryEvent[];
}) {
  const kinds = KIND_ORDER.filter((k) => events.some((e) => e.kind === k));
  const items: { key: string; glyph: ReactNode; words: string }[] = [
    {
      key: 'trust',
      glyph: (
        <Swatch>
          <rect x={0} y={2} width={28} height={12} fill={COLORS.band} stroke={COLORS.bandEdge} />
          <line x1={0} x2={28} y1={8} y2={8} stroke={COLORS.line} strokeWidth={2.5} />
          <circle cx={14} cy={8} r={3.5} fill={COLORS.line} stroke="#fff" strokeWidth={1.5} />
        </Swatch>
      ),
      words: 'Trust index, with its 95% interval as a band',
    },
  ];
  if (pulse.points.length > 1)
    items.push({
      key: 'baseline',
      glyph: (
        <Swatch>
          <line
            x1={0}
            x2={28}
            y1={8}
            y2={8}
            stroke={COLORS.inkSoft}
            strokeWidth={1.5}
            strokeDasharray="6 4"
          />
        </Swatch>
      ),
      words: 'Baseline: the first reading',
    });
  if (pulse.points.some((p) => p.pooled))
    items.push({
      key: 'pooled',
      glyph: (
        <Swatch>
          <line x1={2} x2={26} y1={8} y2={8} stroke={COLORS.line} strokeWidth={1.5} />
          <polygon points="14,2 20,8 14,14 8,8" fill={COLORS.line} stroke="#fff" />
        </Swatch>
      ),
      words: 'Pooled: several pulses read together, so enough people answered',
    });
  if (pulse.withheld.length > 0)
    items.push({
      key: 'withheld',
      glyph: (
        <Swatch>
          <defs>
            <pattern
              id="legend-hatch"
              width={5}
              height={5}
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width={5} height={5} fill="#fff" />
              <line x1={0} y1={0} x2={0} y2={5} stroke={COLORS.hatch} strokeWidth={2} />
            </pattern>
          </defs>
          <rect x={8} y={1} width={12} height={14} fill="url(#legend-hatch)" stroke={COLORS.hatch} />
        </Swatch>
      ),
      words: `A pulse with fewer than ${pulse.threshold} answers: not shown`,
    });
  for (const kind of kinds)
    items.push({
      key: kind,
      glyph: (
        <Swatch>
          <EventMark kind={kind} x={14} y={8} />
        </Swatch>
      ),
      words: EVENT_WORDS[kind],
    });

  return (
    <ul className="recovery-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.key} className="recovery-legend__item">
          {item.glyph}
          <span>{item.words}</span>
        </li>
      ))}
    </ul>
  );
}
