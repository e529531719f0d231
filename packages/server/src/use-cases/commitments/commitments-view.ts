import {
  type CommitmentsView,
  type CommitmentView,
  checkCommitment,
  commitmentCoverage,
  describeSchedule,
  expandOccurrences,
  MAX_RECORD_OCCURRENCES,
  type Occurrence,
  type OccurrenceView,
  RECORDING_GRACE_HOURS,
  type RecordedOccurrence,
  type ReliabilityOptions,
  type ReliabilityRecord,
  reliability,
  type Schedule,
  type TimedOccurrence,
  timedReliability,
} from '@kintsugi/core';
import type { Selectable } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { CommitmentsTable } from '../../db/schema.js';
import type { Deps } from '../deps.js';
import { loadRepairRow, organizationThreshold } from '../repairs/load-repair.js';
import { countedOccurrences } from './counted-occurrences.js';

/** An occurrence left unrecorded this long after it was due counts as missed. */
export const GRACE_HOURS = RECORDING_GRACE_HOURS;
/** The rule, as every email about an occurrence still to record says it. */
export const AUTOMATIC_MISS_RULE = `An occurrence not recorded within ${GRACE_HOURS} hours of its due time counts as missed in the record the team sees.`;
const UPCOMING_SHOWN = 5;
const HORIZON_DAYS = 90;
/**
 * The view lists the occurrences of the last year (and the next few); the record counts every one since the
 * commitment was made. A year of a daily commitment stays well within an expansion's limit, however old it is.
 */
export const SHOWN_DAYS = 366;
const DAY_MS = 86_400_000;

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

/**
 * A commitment's scheduled occurrences from `from` to `until` (never past its retirement), in the organisation's
 * zone. None is ever due before the commitment was made, whatever its start date: a start in the past sets the
 * rhythm, not a history of misses.
 */
function scheduled(
  row: CommitmentRow,
  schedule: Schedule,
  timeZone: string,
  window: { from: number; until: number; limit?: number },
): Occurrence[] {
  if (schedule.kind === 'event') return [];
  const until = Math.min(
    window.until,
    row.retired_at ? Date.parse(row.retired_at) : Number.POSITIVE_INFINITY,
  );
  return expandOccurrences(schedule, {
    start: row.starts_on,
    ...(row.ends_on ? { end: row.ends_on } : {}),
    from: new Date(Math.max(window.from, Date.parse(row.created_at))),
    until: new Date(until),
    timeZone,
    ...(window.limit ? { limit: window.limit } : {}),
  });
}

/** The commitment's scheduled occurrences due from `from` to `until` (epoch ms), none before it was made. */
export function scheduledBetween(
  row: CommitmentRow,
  timeZone: string,
  from: number,
  until: number,
): Occurrence[] {
  return scheduled(row, JSON.parse(row.schedule) as Schedule, timeZone, { from, until });
}

/** The commitment's scheduled occurrence due exactly at `instant`, if there is one (and it is not before it was made). */
export function occurrenceAt(row: CommitmentRow, timeZone: string, instant: Date): Occurrence | undefined {
  const schedule = JSON.parse(row.schedule) as Schedule;
  const ms = instant.getTime();
  const [found] = scheduled(row, schedule, timeZone, { from: ms, until: ms, limit: 1 });
  return found;
}

/**
 * The occurrences of one commitment the view lists: those of the last year and the next few, its schedule
 * expanded in the organisation's zone and joined with what was recorded. Older ones are counted in its record.
 */
export function occurrencesOf(
  row: CommitmentRow,
  recorded: OccurrenceRow[],
  timeZone: string,
  now: Date,
): OccurrenceView[] {
  const schedule = JSON.parse(row.schedule) as Schedule;
  const shownFrom = now.getTime() - SHOWN_DAYS * DAY_MS;
  const byDue = new Map(recorded.filter((o) => Date.parse(o.due_at) >= shownFrom).map((o) => [o.due_at, o]));
  const expanded = scheduled(row, schedule, timeZone, {
    from: shownFrom,
    until: now.getTime() + HORIZON_DAYS * DAY_MS,
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

/**
 * Every occurrence that counts towards one commitment's record, in due order: each recorded one, and each
 * scheduled one due by `now` since the commitment was made that nobody recorded (pending; missed once the grace
 * period is over). The same set the bulk path reads from the ledgers (`countedOccurrences`).
 */
export function countedOf(
  row: CommitmentRow,
  recorded: OccurrenceRow[],
  timeZone: string,
  now: Date,
  witnesses: Witnesses = new Map(),
): RecordedOccurrence[] {
  const schedule = JSON.parse(row.schedule) as Schedule;
  const byDue = new Map(recorded.map((o) => [o.due_at, o]));
  const counted: RecordedOccurrence[] = [];
  const add = (r: OccurrenceRow) => {
    const confirmations = witnesses.get(r.id);
    counted.push({
      dueAt: r.due_at,
      localDate: r.local_date,
      status: r.status,
      recordedAt: r.recorded_at,
      ...(confirmations ? { confirmations } : {}),
    });
  };
  const expanded = scheduled(row, schedule, timeZone, {
    from: Number.NEGATIVE_INFINITY,
    until: now.getTime(),
    limit: MAX_RECORD_OCCURRENCES,
  });
  for (const o of expanded) {
    const r = byDue.get(o.dueAt);
    byDue.delete(o.dueAt);
    if (r) add(r);
    else counted.push({ dueAt: o.dueAt, localDate: o.localDate, status: 'pending' });
  }
  for (const r of byDue.values()) add(r);
  return counted.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

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

/** The numbers over every counted occurrence (from the ledger), the strip over the listed ones. */
function recordOf(
  counted: readonly TimedOccurrence[],
  shown: readonly RecordedOccurrence[],
  options: ReliabilityOptions,
): ReliabilityRecord {
  return { ...timedReliability(counted, options), strip: reliability(shown, options).strip };
}

/** Commitments with their occurrences and reliability records, theme coverage, and the repair's overall record. */
export async function getCommitmentsView(
  deps: Deps,
  actor: Actor,
  repairId: string,
): Promise<CommitmentsView> {
  return commitmentsViewOf(deps, await loadRepairRow(deps.db, actor, repairId));
}

/**
 * The commitments view of a repair the caller was already allowed to read: by the policies, or by a team member's
 * link (the team space), which is why it takes the repair and no actor.
 */
export async function commitmentsViewOf(
  deps: Deps,
  repair: { id: string; organization_id: string },
): Promise<CommitmentsView> {
  const repairId = repair.id;
  const now = deps.now();
  const org = await deps.db
    .selectFrom('organizations')
    .select('time_zone')
    .where('id', '=', repair.organization_id)
    .executeTakeFirstOrThrow();
  const k = await organizationThreshold(deps.db, repair.organization_id);
  // Each commitment with its ledger: the record counts every occurrence since it was made, and reads them from
  // the ledger; only the rows of the year the view lists are read, so the view does not grow with its history.
  const rows = await deps.db
    .selectFrom('commitments as c')
    .leftJoin('commitment_ledgers as l', 'l.commitment_id', 'c.id')
    .selectAll('c')
    .select('l.entries')
    .where('c.repair_id', '=', repairId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  // A day earlier than listed, whatever the spelling of an instant; occurrencesOf keeps the listed ones.
  const readFrom = new Date(now.getTime() - (SHOWN_DAYS + 1) * DAY_MS).toISOString();
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
          .where('due_at', '>=', readFrom)
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
  const instants = new Map<string, number>();
  const allCounted: TimedOccurrence[] = [];
  const allShown: RecordedOccurrence[] = [];
  const commitments: CommitmentView[] = rows.map(({ entries, ...row }) => {
    const own = recorded.filter((o) => o.commitment_id === row.id);
    const views = occurrencesOf(row, own, org.time_zone, now);
    const counted = countedOccurrences({ ...row, entries }, org.time_zone, now, instants);
    const shown = forRecord(views, witnesses);
    allCounted.push(...counted);
    allShown.push(...shown);
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
      record: recordOf(counted, shown, options),
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
    record: recordOf(allCounted, allShown, options),
  };
}
