import { MIN_ANONYMITY_THRESHOLD, type PulseCounts, type PulseTrend, pulseSeries } from '@kintsugi/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { shuffle } from '../../util/shuffle.js';

const SCALE = [1, 2, 3, 4, 5, 6, 7] as const;

/** A pulse's counts as core reads them, with when it closes and whether it still takes answers. */
export type LoadedPulse = PulseCounts & { closesOn: string; status: 'open' | 'closed' };

/**
 * The pulses of a team that close on or after `since` (a repair's opening day), with their item histograms;
 * only the latest `last` of them when given.
 */
export async function loadPulseCounts(
  db: Kysely<Database>,
  teamId: string,
  since: string,
  last?: number,
): Promise<LoadedPulse[]> {
  let query = db
    .selectFrom('pulses')
    .select(['id', 'opens_on', 'closes_on', 'status', 'items_version', 'answers'])
    .where('team_id', '=', teamId)
    .where('closes_on', '>=', since)
    .orderBy('opens_on', 'desc');
  if (last !== undefined) query = query.limit(last);
  const pulses = (await query.execute()).reverse();
  if (pulses.length === 0) return [];
  const counts = await db
    .selectFrom('pulse_item_counts')
    .selectAll()
    .where(
      'pulse_id',
      'in',
      pulses.map((p) => p.id),
    )
    .execute();
  const items = new Map<string, Record<string, number[]>>(pulses.map((p) => [p.id, {}]));
  for (const c of counts) {
    const of = items.get(c.pulse_id);
    if (of) of[c.item_id] = SCALE.map((v) => Number(c[`c${v}`]));
  }
  return pulses.map((p) => ({
    id: p.id,
    opensOn: p.opens_on,
    closesOn: p.closes_on,
    status: p.status,
    itemsVersion: p.items_version,
    answers: Number(p.answers),
    items: items.get(p.id) ?? {},
  }));
}

/** How many people a team's pulse asks: its members other than the leader. */
export async function pulseTeamSize(db: Kysely<Database>, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('m.team_id', '=', teamId)
    .whereRef('m.person_id', '!=', 't.leader_id')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The team's trust trend since `since`: every number comes from core's pulseSeries, which withholds any
 * pulse (or pooled group) below k. Free text is read only for points that reached k, and only when asked for.
 */
export async function pulseTrend(
  db: Kysely<Database>,
  options: { teamId: string; since: string; k: number; withComments: boolean; today: string },
): Promise<PulseTrend> {
  const counts = await loadPulseCounts(db, options.teamId, options.since);
  const windows = new Map(
    counts.map((p) => [
      p.id,
      { open: p.status === 'open' && p.closesOn >= options.today, closesOn: p.closesOn },
    ]),
  );
  const anyOpen = (ids: readonly string[]) => ids.some((id) => windows.get(id)?.open === true);
  const lastClose = (ids: readonly string[]) => windows.get(ids.at(-1) ?? '')?.closesOn ?? options.today;
  const series = pulseSeries(counts, { k: options.k, teamSize: await pulseTeamSize(db, options.teamId) });
  let comments: PulseTrend['comments'] = null;
  if (options.withComments) {
    const shown = new Map<string, { from: string; to: string }>();
    for (const point of series.points)
      if (point.answers >= options.k)
        for (const id of point.pulseIds) shown.set(id, { from: point.from, to: point.to });
    const rows =
      shown.size === 0
        ? []
        : await db
            .selectFrom('pulse_comments')
            .select(['pulse_id', 'body'])
            .where('pulse_id', 'in', [...shown.keys()])
            .execute();
    comments = shuffle(rows).map((r) => {
      const point = shown.get(r.pulse_id) ?? { from: '', to: '' };
      return { from: point.from, to: point.to, text: r.body };
    });
  }
  const estimate = (e: { mean: number; low: number; high: number }) => ({
    mean: e.mean,
    low: e.low,
    high: e.high,
  });
  return {
    mode: series.mode,
    threshold: Math.max(MIN_ANONYMITY_THRESHOLD, options.k),
    points: series.points.map((p) => ({
      from: p.from,
      to: p.to,
      pooled: p.pooled,
      answers: p.answers,
      overall: estimate(p.overall),
      dimensions: Object.fromEntries(
        Object.entries(p.dimensions).map(([d, e]) => [d, e ? estimate(e) : null]),
      ) as PulseTrend['points'][number]['dimensions'],
      wordingChanged: p.wordingChanged,
      open: anyOpen(p.pulseIds),
    })),
    withheld: series.withheld.map((w) => ({
      from: counts.find((c) => c.id === w.pulseIds[0])?.opensOn ?? '',
      to: counts.find((c) => c.id === w.pulseIds.at(-1))?.opensOn ?? '',
      answers: 'fewer than k' as const,
      open: anyOpen(w.pulseIds),
      closesOn: lastClose(w.pulseIds),
    })),
    change: series.change,
    relapses: series.relapses,
    comments,
  };
}
