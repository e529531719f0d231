import { formatCsv } from '../csv.js';
import { DIMENSION_LABELS, TRUST_DIMENSIONS } from '../pulse/pulse-items.js';
import type { RecoveryView } from '../schemas/pulses.js';

const HEADER = ['section', 'item', 'from', 'to', 'answers', 'mean', 'low', 'high', 'note'];
const one = (n: number | null | undefined) => (n === null || n === undefined ? '' : n.toFixed(1));
const percent = (share: number | null) => (share === null ? '' : (share * 100).toFixed(1));

/**
 * The recovery view as one long CSV table. It is built from the view itself, so it carries exactly what the
 * view may show: no pulse below k, no witness count below k, and comments only for readers who see them.
 */
export function recoveryCsv(view: RecoveryView): string {
  const rows: string[][] = [HEADER];
  const { pulse, commitments } = view;
  for (const p of pulse.points) {
    const note = [p.pooled ? 'pooled across consecutive pulses' : '', p.open ? 'still open: may change' : '']
      .filter(Boolean)
      .join('; ');
    rows.push([
      'trust',
      'Trust index',
      p.from,
      p.to,
      String(p.answers),
      one(p.overall.mean),
      one(p.overall.low),
      one(p.overall.high),
      note,
    ]);
    for (const d of TRUST_DIMENSIONS) {
      const e = p.dimensions[d];
      if (!e) continue;
      const changed = p.wordingChanged.includes(d) ? 'wording changed' : '';
      rows.push([
        'trust',
        DIMENSION_LABELS[d],
        p.from,
        p.to,
        String(p.answers),
        one(e.mean),
        one(e.low),
        one(e.high),
        [note, changed].filter(Boolean).join('; '),
      ]);
    }
  }
  for (const w of pulse.withheld)
    rows.push([
      'trust',
      'Trust index',
      w.from,
      w.to,
      'fewer than k',
      '',
      '',
      '',
      w.open ? `withheld so far; open until ${w.closesOn}` : 'withheld',
    ]);
  const changes: [string, (typeof pulse.change)['overall']][] = [
    ['Trust index', pulse.change.overall],
    ...TRUST_DIMENSIONS.map(
      (d) => [DIMENSION_LABELS[d], pulse.change.dimensions[d]] as [string, (typeof pulse.change)['overall']],
    ),
  ];
  const baseline = pulse.points[0];
  const latest = pulse.points.at(-1);
  for (const [name, c] of changes)
    if (c && baseline && latest)
      rows.push([
        'change from baseline',
        name,
        baseline.from,
        latest.to,
        '',
        one(c.difference),
        one(c.low),
        one(c.high),
        c.verdict.replaceAll('_', ' '),
      ]);
  const record = (r: (typeof commitments)['record']) =>
    `kept ${r.kept} of ${r.due}; on time ${percent(r.onTimeShare) || '–'}%; confirmed ${percent(r.confirmedShare) || '–'}%; streak ${r.currentStreak} (longest ${r.longestStreak})`;
  rows.push([
    'reliability',
    'Whole repair',
    '',
    '',
    String(commitments.record.due),
    percent(commitments.record.keptShare),
    '',
    '',
    record(commitments.record),
  ]);
  for (const c of commitments.commitments)
    rows.push([
      'reliability',
      c.action,
      c.startsOn,
      c.retired?.at.slice(0, 10) ?? '',
      String(c.record.due),
      percent(c.record.keptShare),
      '',
      '',
      record(c.record),
    ]);
  for (const t of commitments.coverage.themes)
    rows.push([
      'coverage',
      t.name,
      '',
      '',
      '',
      '',
      '',
      '',
      t.state === 'reasoned' ? `reason: ${t.reason ?? ''}` : t.state,
    ]);
  for (const e of view.events)
    rows.push(['event', e.label, e.on, e.on, '', '', '', '', e.kind.replaceAll('_', ' ')]);
  for (const c of pulse.comments ?? [])
    rows.push(['comment', 'What would help trust grow', c.from, c.to, '', '', '', '', c.text]);
  return formatCsv(rows);
}
