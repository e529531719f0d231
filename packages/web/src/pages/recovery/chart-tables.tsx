import type { RecoveryView, TrustDimension } from '@kintsugi/core';
import { DIMENSION_LABELS } from '@kintsugi/core';
import type { ReactNode } from 'react';
import { period, shortDate, type TrendPoint, whole } from './recovery-format';

type Pulse = RecoveryView['pulse'];

/** The numbers behind a chart, folded away by default: the chart's text alternative for anyone who wants it. */
export function NumbersDetails({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className="details-box recovery-numbers">
      <summary>
        Show the numbers<span className="visually-hidden"> for {label}</span>
      </summary>
      <div className="recovery-numbers__scroll">{children}</div>
    </details>
  );
}

type Row = { key: string; from: string; to: string; point: TrendPoint | null; closesOn?: string | null };

/** Points and withheld pulses in date order, so the table has the same gaps as the picture. */
function rowsOf(pulse: Pulse): Row[] {
  const rows: Row[] = [
    ...pulse.points.map((p) => ({ key: `p-${p.from}-${p.to}`, from: p.from, to: p.to, point: p })),
    ...pulse.withheld.map((w) => ({
      key: `w-${w.from}-${w.to}`,
      from: w.from,
      to: w.to,
      point: null,
      closesOn: w.open ? w.closesOn : null,
    })),
  ];
  return rows.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

function noteOf(point: TrendPoint, index: number, dimension?: TrustDimension): string {
  const notes: string[] = [];
  if (index === 0) notes.push('baseline');
  if (point.pooled) notes.push('pulses pooled');
  if (point.open) notes.push('still open: may change');
  if (dimension && point.wordingChanged.includes(dimension)) notes.push('wording changed');
  return notes.join('; ');
}

/** The trust index per reading: period, answers, estimate and interval, and the withheld pulses. */
export function TrendTable({ pulse }: { pulse: Pulse }) {
  return (
    <table className="table recovery-table">
      <caption>Trust index per pulse, 0–100, with its 95% interval</caption>
      <thead>
        <tr>
          <th scope="col">Pulse</th>
          <th scope="col">Answers</th>
          <th scope="col">Trust index</th>
          <th scope="col">Low</th>
          <th scope="col">High</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {rowsOf(pulse).map((row) =>
          row.point ? (
            <tr key={row.key} data-kind="point">
              <th scope="row">{period(row.from, row.to)}</th>
              <td>{row.point.answers}</td>
              <td>{whole(row.point.overall.mean)}</td>
              <td>{whole(row.point.overall.low)}</td>
              <td>{whole(row.point.overall.high)}</td>
              <td>{noteOf(row.point, pulse.points.indexOf(row.point))}</td>
            </tr>
          ) : (
            <tr key={row.key} data-kind="withheld">
              <th scope="row">{period(row.from, row.to)}</th>
              <td>fewer than {pulse.threshold}</td>
              <td colSpan={4}>
                Not shown: fewer than {pulse.threshold} answered
                {row.closesOn ? ` so far (open until ${shortDate(row.closesOn)})` : ''}
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

/** One dimension's readings; a reading whose dimension had too few answers says so. */
export function DimensionTable({ pulse, dimension }: { pulse: Pulse; dimension: TrustDimension }) {
  return (
    <table className="table recovery-table">
      <caption>{DIMENSION_LABELS[dimension]} per pulse, 0–100, with its 95% interval</caption>
      <thead>
        <tr>
          <th scope="col">Pulse</th>
          <th scope="col">Score</th>
          <th scope="col">Low</th>
          <th scope="col">High</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {rowsOf(pulse).map((row) => {
          const e = row.point?.dimensions[dimension] ?? null;
          if (!row.point || !e)
            return (
              <tr key={row.key}>
                <th scope="row">{period(row.from, row.to)}</th>
                <td colSpan={4}>
                  Not shown: fewer than {pulse.threshold} answered
                  {row.closesOn ? ` so far (open until ${shortDate(row.closesOn)})` : ''}
                </td>
              </tr>
            );
          return (
            <tr key={row.key}>
              <th scope="row">{period(row.from, row.to)}</th>
              <td>{whole(e.mean)}</td>
              <td>{whole(e.low)}</td>
              <td>{whole(e.high)}</td>
              <td>{noteOf(row.point, pulse.points.indexOf(row.point), dimension)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
