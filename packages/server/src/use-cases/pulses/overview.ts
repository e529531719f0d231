import { commitmentCoverage, type Overview, overallTrend, type RepairStage } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { authorize, policies } from '../../policies/policies.js';
import { repairReliabilities } from '../commitments/repair-reliabilities.js';
import type { Deps } from '../deps.js';
import { organizationThreshold, presentRepairSummary, repairQuery } from '../repairs/load-repair.js';
import { loadTeamTrends } from './team-trend.js';

/** The overview draws a small trend; older points only matter through the baseline and the change. */
const TREND_POINTS = 12;

const groupBy = <T, K>(items: readonly T[], key: (item: T) => K) => {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
};

/**
 * Every repair of the organisation that is not closed, with its stage, coverage, reliability and trust trend:
 * aggregates only, each behind its threshold (a pulse below k is not a point). For facilitators and admins.
 */
export async function getOverview(
  deps: Deps,
  actor: Actor,
  filter: { teamId?: string | undefined; stage?: RepairStage | undefined },
): Promise<Overview> {
  authorize(policies.readOverview(actor), 'Only facilitators and admins see the organisation overview.');
  const organizationId = actor.organizationId;
  const k = await organizationThreshold(deps.db, organizationId);
  let query = repairQuery(deps.db)
    .where('r.organization_id', '=', organizationId)
    .where('r.stage', '!=', 'closed');
  if (filter.teamId) query = query.where('r.team_id', '=', filter.teamId);
  if (filter.stage) query = query.where('r.stage', '=', filter.stage);
  const repairs = await query.orderBy('r.created_at', 'desc').orderBy('r.id').execute();
  if (repairs.length === 0) return { threshold: k, repairs: [], totals: { repairs: 0, withAlerts: 0 } };

  const all = !filter.teamId && !filter.stage;
  const repairIds = repairs.map((r) => r.id);
  const teamIds = [...new Set(repairs.map((r) => r.team_id))];
  const listed = new Set(repairIds);
  const inRepairs = <T>(rows: T[], key: (row: T) => string) =>
    all ? rows : rows.filter((row) => listed.has(key(row)));

  const reliabilities = await repairReliabilities(deps, {
    organizationId,
    ...(all ? {} : { repairIds }),
    now: deps.now(),
  });
  // Coverage: themes, reasons and live commitments of every listed repair, in three reads.
  const themes = inRepairs(
    await deps.db
      .selectFrom('themes as t')
      .innerJoin('repairs as r', 'r.id', 't.repair_id')
      .select(['t.id', 't.repair_id'])
      .where('r.organization_id', '=', organizationId)
      .execute(),
    (t) => t.repair_id,
  );
  const reasons = await deps.db
    .selectFrom('theme_reasons as tr')
    .innerJoin('themes as t', 't.id', 'tr.theme_id')
    .innerJoin('repairs as r', 'r.id', 't.repair_id')
    .select(['tr.theme_id', 'tr.reason'])
    .where('r.organization_id', '=', organizationId)
    .execute();
  const commitments = inRepairs(
    await deps.db
      .selectFrom('commitments as c')
      .innerJoin('repairs as r', 'r.id', 'c.repair_id')
      .select(['c.id', 'c.repair_id', 'c.theme_ids', 'c.retired_at'])
      .where('r.organization_id', '=', organizationId)
      .execute(),
    (c) => c.repair_id,
  );
  const themesByRepair = groupBy(themes, (t) => t.repair_id);
  const commitmentsByRepair = groupBy(commitments, (c) => c.repair_id);

  // Trust: one row per team with each pulse's overall totals; the pulses since each repair opened.
  const trends = await loadTeamTrends(deps.db, organizationId, all ? undefined : teamIds);
  const sizes = new Map(
    (
      await deps.db
        .selectFrom('team_members as m')
        .innerJoin('teams as t', 't.id', 'm.team_id')
        .select((eb) => ['m.team_id', eb.fn.countAll<number>().as('n')])
        .where('t.organization_id', '=', organizationId)
        .whereRef('m.person_id', '!=', 't.leader_id')
        .groupBy('m.team_id')
        .execute()
    ).map((r) => [r.team_id, Number(r.n)]),
  );

  const rows: Overview['repairs'] = repairs.map((repair) => {
    const since = repair.created_at.slice(0, 10);
    const pulses = (trends.get(repair.team_id) ?? []).filter((p) => p.closesOn >= since);
    const trend = overallTrend(pulses, {
      k,
      teamSize: sizes.get(repair.team_id) ?? 0,
      lastPoints: TREND_POINTS,
    });
    const own = commitmentsByRepair.get(repair.id) ?? [];
    const coverage = commitmentCoverage({
      themes: (themesByRepair.get(repair.id) ?? []).map((t) => ({ id: t.id })),
      commitments: own.map((c) => ({
        id: c.id,
        themeIds: JSON.parse(c.theme_ids) as string[],
        retired: c.retired_at !== null,
      })),
      reasons: reasons.map((r) => ({ themeId: r.theme_id, reason: r.reason })),
    });
    const record = reliabilities.get(repair.id)?.record;
    const alerts: Overview['repairs'][number]['alerts'] = [];
    if (trend.relapse) alerts.push('trust_relapse');
    if (reliabilities.get(repair.id)?.commitments.some((c) => c.missedTwiceInARow))
      alerts.push('missed_twice');
    const estimate = (e: { mean: number; low: number; high: number }) => ({
      mean: e.mean,
      low: e.low,
      high: e.high,
    });
    return {
      repair: presentRepairSummary(repair),
      coverage: coverage.coverage,
      reliability: {
        due: record?.due ?? 0,
        keptShare: record?.keptShare ?? null,
        onTimeShare: record?.onTimeShare ?? null,
        currentStreak: record?.currentStreak ?? 0,
      },
      trust: {
        mode: trend.mode,
        points: trend.points.map((p) => ({ to: p.to, ...estimate(p.overall) })),
        latest: trend.latest ? estimate(trend.latest.overall) : null,
        change: trend.change,
      },
      alerts,
    };
  });
  return {
    threshold: k,
    repairs: rows,
    totals: { repairs: rows.length, withAlerts: rows.filter((r) => r.alerts.length > 0).length },
  };
}
