import {
  type CommitmentsView,
  type CommitmentView,
  checkCommitment,
  commitmentCoverage,
  describeSchedule,
  expandOccurrences,
  type OccurrenceView,
  type RecordedOccurrence,
  reliability,
  type Schedule,
} from '@kintsugi/core';
import type { Selectable } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { CommitmentsTable } from '../../db/schema.js';
import type { Deps } from '../deps.js';
import { loadRepairRow, organizationThreshold } from '../repairs/load-repair.js';

/** An occurrence left unrecorded this long after it was due counts as missed. */
export const GRACE_HOURS = 48;
const UPCOMING_SHOWN = 5;
const HORIZON_DAYS = 90;

type CommitmentRow = Selectable<CommitmentsTable>;
type OccurrenceRow = {
  id: string;
  commitment_id: string;
  due_at: string;
  local_date: string;
  status: 'kept' | 'missed';
  note: string;
  link: string | null;
  recorded_at: string;
};

/** The occurrences of one commitment: its schedule expanded in the organisation's zone, joined with what was recorded. */
export function occurrencesOf(
  row: CommitmentRow,
  recorded: OccurrenceRow[],
  timeZone: string,
  now: Date,
): OccurrenceView[] {
  const schedule = JSON.parse(row.schedule) as Schedule;
  const byDue = new Map(recorded.map((o) => [o.due_at, o]));
  const expanded =
    schedule.kind === 'event'
      ? []
      : expandOccurrences(schedule, {
          start: row.starts_on,
          ...(row.ends_on ? { end: row.ends_on } : {}),
          until: new Date(
            Math.min(
              now.getTime() + HORIZON_DAYS * 86_400_000,
              row.retired_at ? Date.parse(row.retired_at) : Number.POSITIVE_INFINITY,
            ),
          ),
          timeZone,
        });
  const views: OccurrenceView[] = [];
  for (const o of expanded) {
    const r = byDue.get(o.dueAt);
    byDue.delete(o.dueAt);
    const due = Date.parse(o.dueAt);
    const status = r
      ? r.status
      : due > now.getTime()
        ? 'upcoming'
        : now.getTime() > due + GRACE_HOURS * 3_600_000
          ? 'missed'
          : 'pending';
    views.push({
      id: r?.id ?? null,
      dueAt: o.dueAt,
      localDate: o.localDate,
      status,
      note: r?.note ?? null,
      link: r?.link ?? null,
      recordedAt: r?.recorded_at ?? null,
    });
  }
  // Event commitments (and anything recorded off-schedule) show what was logged.
  for (const r of byDue.values()) {
    views.push({
      id: r.id,
      dueAt: r.due_at,
      localDate: r.local_date,
      status: r.status,
      note: r.note,
      link: r.link,
      recordedAt: r.recorded_at,
    });
  }
  views.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const past = views.filter((v) => v.status !== 'upcoming');
  return [...past, ...views.filter((v) => v.status === 'upcoming').slice(0, UPCOMING_SHOWN)];
}

type Witnesses = Map<string, { saw: number; didNotSee: number }>;

/** Occurrences as the reliability record reads them; raw witness counts go in, and only at k or more come out. */
function forRecord(views: OccurrenceView[], witnesses: Witnesses): RecordedOccurrence[] {
  return views
    .filter((v) => v.status !== 'upcoming')
    .map((v) => {
      const confirmations = v.id ? witnesses.get(v.id) : undefined;
      const settled = v.status === 'kept' || (v.status === 'missed' && v.recordedAt);
      return {
        dueAt: v.dueAt,
        localDate: v.localDate,
        status: settled ? (v.status as 'kept' | 'missed') : 'pending',
        ...(v.recordedAt ? { recordedAt: v.recordedAt } : {}),
        ...(confirmations ? { confirmations } : {}),
      };
    });
}

/** Commitments with their occurrences and reliability records, theme coverage, and the repair's overall record. */
export async function getCommitmentsView(
  deps: Deps,
  actor: Actor,
  repairId: string,
): Promise<CommitmentsView> {
  const repair = await loadRepairRow(deps.db, actor, repairId);
  const now = deps.now();
  const org = await deps.db
    .selectFrom('organizations')
    .select('time_zone')
    .where('id', '=', repair.organization_id)
    .executeTakeFirstOrThrow();
  const k = await organizationThreshold(deps.db, repair.organization_id);
  const rows = await deps.db
    .selectFrom('commitments')
    .selectAll()
    .where('repair_id', '=', repairId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const recorded =
    rows.length === 0
      ? []
      : await deps.db
          .selectFrom('occurrences')
          .selectAll()
          .where(
            'commitment_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
  const options = { now, graceHours: GRACE_HOURS, k };
  const counts =
    recorded.length === 0
      ? []
      : await deps.db
          .selectFrom('witness_counts')
          .selectAll()
          .where(
            'occurrence_id',
            'in',
            recorded.map((o) => o.id),
          )
          .execute();
  const witnesses: Witnesses = new Map(
    counts.map((c) => [c.occurrence_id, { saw: c.saw, didNotSee: c.did_not_see }]),
  );
  const all: RecordedOccurrence[] = [];
  const commitments: CommitmentView[] = rows.map((row) => {
    const views = occurrencesOf(
      row,
      recorded.filter((o) => o.commitment_id === row.id),
      org.time_zone,
      now,
    );
    const occurrences = forRecord(views, witnesses);
    all.push(...occurrences);
    const schedule = JSON.parse(row.schedule) as Schedule;
    const check = checkCommitment(`${row.action}. ${row.evidence}`);
    return {
      id: row.id,
      action: row.action,
      evidence: row.evidence,
      schedule,
      scheduleText: describeSchedule(schedule),
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      themeIds: JSON.parse(row.theme_ids) as string[],
      missing: check.missing,
      vague: check.vague || !check.hasAction,
      retired: row.retired_at ? { at: row.retired_at, reason: row.retired_reason ?? '' } : null,
      replacesId: row.replaces_id,
      record: reliability(occurrences, options),
      occurrences: views,
    };
  });
  const themes = await deps.db
    .selectFrom('themes')
    .select(['id', 'name'])
    .where('repair_id', '=', repairId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const reasons =
    themes.length === 0
      ? []
      : await deps.db
          .selectFrom('theme_reasons')
          .selectAll()
          .where(
            'theme_id',
            'in',
            themes.map((t) => t.id),
          )
          .execute();
  const coverage = commitmentCoverage({
    themes,
    commitments: commitments.map((c) => ({ id: c.id, themeIds: c.themeIds, retired: c.retired !== null })),
    reasons: reasons.map((r) => ({ themeId: r.theme_id, reason: r.reason })),
  });
  return {
    commitments,
    coverage: {
      themes: coverage.themes.map((t) => ({
        themeId: t.themeId,
        name: themes.find((x) => x.id === t.themeId)?.name ?? '',
        state: t.state,
        reason: reasons.find((r) => r.theme_id === t.themeId)?.reason ?? null,
      })),
      coverage: coverage.coverage,
      canDemonstrate: coverage.canDemonstrate,
    },
    record: reliability(all, options),
  };
}
