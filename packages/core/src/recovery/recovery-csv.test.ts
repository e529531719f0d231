import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv.js';
import { TRUST_DIMENSIONS } from '../pulse/pulse-items.js';
import type { RecoveryView } from '../schemas/pulses.js';
import { recoveryCsv } from './recovery-csv.js';

const estimate = { mean: 41.25, low: 30, high: 52.5 };
const dims = (value: typeof estimate | null) =>
  Object.fromEntries(
    TRUST_DIMENSIONS.map((d) => [d, value]),
  ) as RecoveryView['pulse']['points'][number]['dimensions'];
const record = {
  due: 4,
  kept: 3,
  missed: 1,
  keptShare: 0.75,
  onTimeShare: 0.5,
  confirmedShare: null,
  currentStreak: 2,
  longestStreak: 2,
  strip: [],
};

function view(comments: RecoveryView['pulse']['comments']): RecoveryView {
  return {
    repair: {
      id: '00000000-0000-4000-8000-000000000001',
      title: 'T',
      description: 'D',
      team: { id: '00000000-0000-4000-8000-000000000002', name: 'Team' },
      leader: { id: '00000000-0000-4000-8000-000000000003', name: 'Lee' },
      stage: 'demonstrating',
      breachKinds: ['voice'],
      createdAt: '2026-01-05T09:00:00.000Z',
    },
    threshold: 3,
    heard: { responseCount: 4, perspectiveGap: 0.5, questions: [] },
    commitments: {
      commitments: [],
      coverage: {
        themes: [
          { themeId: '00000000-0000-4000-8000-000000000004', name: '=cmd', state: 'reasoned', reason: 'Why' },
        ],
        coverage: 1,
        canDemonstrate: true,
      },
      record,
    },
    pulse: {
      mode: 'per_pulse',
      threshold: 3,
      points: [
        {
          from: '2026-01-05',
          to: '2026-01-05',
          pooled: false,
          answers: 4,
          overall: estimate,
          dimensions: dims(estimate),
          wordingChanged: [],
          open: false,
        },
        {
          from: '2026-01-19',
          to: '2026-02-02',
          pooled: true,
          answers: 5,
          overall: estimate,
          dimensions: dims(null),
          wordingChanged: ['voice'],
          open: true,
        },
      ],
      withheld: [
        {
          from: '2026-02-16',
          to: '2026-02-16',
          answers: 'fewer than k',
          open: false,
          closesOn: '2026-02-22',
        },
      ],
      change: {
        overall: { difference: 0, low: -10, high: 10, verdict: 'no_clear_change' },
        dimensions: dims(null) as never,
      },
      relapses: [],
      comments,
    },
    events: [{ on: '2026-01-05', kind: 'opened', label: 'Repair opened' }],
    generatedAt: '2026-03-01T00:00:00.000Z',
  };
}

describe('recoveryCsv', () => {
  it('writes one long table from the view: points, withheld pulses as words, change, record, coverage, events', () => {
    const rows = parseCsv(recoveryCsv(view(null))).records.map((r) => r.fields);
    expect(rows[0]).toEqual(['section', 'item', 'from', 'to', 'answers', 'mean', 'low', 'high', 'note']);
    expect(rows).toContainEqual([
      'trust',
      'Trust index',
      '2026-01-05',
      '2026-01-05',
      '4',
      '41.3',
      '30.0',
      '52.5',
      '',
    ]);
    expect(rows).toContainEqual([
      'trust',
      'Voice',
      '2026-01-05',
      '2026-01-05',
      '4',
      '41.3',
      '30.0',
      '52.5',
      '',
    ]);
    expect(rows).toContainEqual([
      'trust',
      'Trust index',
      '2026-01-19',
      '2026-02-02',
      '5',
      '41.3',
      '30.0',
      '52.5',
      'pooled across consecutive pulses; still open: may change',
    ]);
    expect(rows).toContainEqual([
      'trust',
      'Trust index',
      '2026-02-16',
      '2026-02-16',
      'fewer than k',
      '',
      '',
      '',
      'withheld',
    ]);
    expect(rows).toContainEqual([
      'change from baseline',
      'Trust index',
      '2026-01-05',
      '2026-02-02',
      '',
      '0.0',
      '-10.0',
      '10.0',
      'no clear change',
    ]);
    expect(rows.find((r) => r[0] === 'reliability')?.[8]).toBe(
      'kept 3 of 4; on time 50.0%; confirmed –%; streak 2 (longest 2)',
    );
    // A theme named like a formula is defused.
    expect(rows).toContainEqual(['coverage', "'=cmd", '', '', '', '', '', '', 'reason: Why']);
    expect(rows.some((r) => r[0] === 'comment')).toBe(false);
    // A dimension the view withheld (null) has no row.
    expect(rows.filter((r) => r[1] === 'Voice' && r[2] === '2026-01-19')).toEqual([]);
  });

  it('carries comments only when the view does', () => {
    const rows = parseCsv(
      recoveryCsv(view([{ from: '2026-01-05', to: '2026-01-05', text: 'Better, thanks' }])),
    ).records;
    expect(rows.map((r) => r.fields).filter((r) => r[0] === 'comment')).toEqual([
      ['comment', 'What would help trust grow', '2026-01-05', '2026-01-05', '', '', '', '', 'Better, thanks'],
    ]);
  });
});
