import type { OverviewRow } from '@kintsugi/core';
import { formatDay } from '../../dates';

type Point = OverviewRow['trust']['points'][number];

const WIDTH = 120;
const HEIGHT = 40;
const PAD = 4;
/** The narrowest span of the vertical axis, so that small wobbles are not drawn as big swings. */
const MIN_SPAN = 30;

/** The trust index (0–100) over time as a tiny line with its 95% interval as a band. */
export function TrustSparkline({ points, label }: { points: Point[]; label: string }) {
  if (points.length === 0) return null;
  const x = (i: number) =>
    points.length === 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (points.length - 1);
  // The axis fits the intervals (in steps of 10 on the 0–100 index), so a change can be seen at this size.
  let bottom = Math.floor(Math.min(...points.map((p) => p.low)) / 10) * 10;
  let top = Math.ceil(Math.max(...points.map((p) => p.high)) / 10) * 10;
  if (top - bottom < MIN_SPAN) {
    const grow = (MIN_SPAN - (top - bottom)) / 2;
    bottom = Math.max(0, bottom - grow);
    top = Math.min(100, bottom + MIN_SPAN);
    bottom = Math.max(0, top - MIN_SPAN);
  }
  const y = (value: number) => PAD + ((top - value) * (HEIGHT - 2 * PAD)) / (top - bottom);
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.mean).toFixed(1)}`).join(' ');
  const band = [
    ...points.map((p, i) => `${x(i).toFixed(1)},${y(p.high).toFixed(1)}`),
    ...points.map((p, i) => `${x(i).toFixed(1)},${y(p.low).toFixed(1)}`).reverse(),
  ].join(' ');
  const last = points[points.length - 1] as Point;
  const first = points[0] as Point;
  const name =
    points.length === 1
      ? `${label}: one point, ${formatDay(last.to)}, ${Math.round(last.mean)} (95% interval ${Math.round(last.low)}–${Math.round(last.high)})`
      : `${label}: ${points.length} points from ${formatDay(first.to)} to ${formatDay(last.to)}, from ${Math.round(first.mean)} to ${Math.round(last.mean)} (latest 95% interval ${Math.round(last.low)}–${Math.round(last.high)})`;
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={name}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
    >
      {bottom < 50 && top > 50 ? (
        <line className="sparkline__mid" x1={0} x2={WIDTH} y1={y(50)} y2={y(50)} />
      ) : null}
      {points.length === 1 ? (
        <line className="sparkline__bar" x1={x(0)} x2={x(0)} y1={y(last.high)} y2={y(last.low)} />
      ) : (
        <>
          <polygon className="sparkline__band" points={band} />
          <polyline className="sparkline__line" points={line} />
        </>
      )}
      <circle className="sparkline__dot" cx={x(points.length - 1)} cy={y(last.mean)} r={2.5} />
    </svg>
  );
}
