import { describeSchedule, type RepairStage, type Schedule } from '@kintsugi/core';
import type { Selectable } from 'kysely';
import type { CommitmentsTable, OccurrencesTable } from '../db/schema.js';
import { occurrencesOf } from '../use-cases/commitments/commitments-view.js';
import type { Deps } from '../use-cases/deps.js';

/** A leader is reminded of an occurrence once it is due within this many hours. */
export const REMINDER_HOURS = 24;
/** Stages in which commitments are being kept, so reminders and updates to the team make sense. */
const KEEPING: readonly RepairStage[] = ['committing', 'demonstrating'];
/** A digest lists at most this many commitments per repair; the team space has the rest. */
const DIGEST_ITEMS = 5;

type CommitmentRow = Selectable<CommitmentsTable>;
type OccurrenceRow = Selectable<OccurrencesTable>;

const localDay = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    date,
  );

/** "Monday 9 March at 09:00 (Europe/Berlin)": the due time as the leader reads it in their organisation's zone. */
export function localDueTime(dueAt: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(dueAt));
  return `${text} (${timeZone})`;
}

async function occurrencesFor(deps: Deps, commitmentIds: string[]): Promise<OccurrenceRow[]> {
  if (commitmentIds.length === 0) return [];
  return deps.db.selectFrom('occurrences').selectAll().where('commitment_id', 'in', commitmentIds).execute();
}

async function alreadySent(deps: Deps, dedupeKey: string): Promise<boolean> {
  const row = await deps.db
    .selectFrom('mail_outbox')
    .select('id')
    .where('dedupe_key', '=', dedupeKey)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Emails the leader once before each due occurrence of a live scheduled commitment that is not yet recorded.
 * The send is keyed by commitment and due time, so a second run or a second server instance sends nothing.
 */
export async function remindLeaders(deps: Deps): Promise<number> {
  const now = deps.now();
  const horizon = now.getTime() + REMINDER_HOURS * 3_600_000;
  const rows = await deps.db
    .selectFrom('commitments as c')
    .innerJoin('repairs as r', 'r.id', 'c.repair_id')
    .innerJoin('people as l', 'l.id', 'r.leader_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .selectAll('c')
    .select(['r.title', 'r.organization_id', 'l.email as leaderEmail', 'o.time_zone'])
    .where('c.retired_at', 'is', null)
    .where('r.stage', 'in', [...KEEPING])
    .execute();
  const scheduled = rows.filter((row) => (JSON.parse(row.schedule) as Schedule).kind !== 'event');
  const recorded = await occurrencesFor(
    deps,
    scheduled.map((r) => r.id),
  );
  let sent = 0;
  for (const row of scheduled) {
    const { title, organization_id, leaderEmail, time_zone, ...commitment } = row;
    const due = occurrencesOf(
      commitment,
      recorded.filter((o) => o.commitment_id === row.id),
      time_zone,
      now,
    ).filter((o) => o.status === 'upcoming' && Date.parse(o.dueAt) <= horizon);
    for (const occurrence of due) {
      const dedupeKey = `occurrence-reminder:${row.id}:${occurrence.dueAt}`;
      if (await alreadySent(deps, dedupeKey)) continue;
      const when = localDueTime(occurrence.dueAt, time_zone);
      await deps.mailer.send({
        organizationId: organization_id,
        to: leaderEmail,
        dedupeKey,
        subject: `Coming up: ${row.action}`,
        text: [
          `Your commitment in "${title}" is due ${when}:`,
          '',
          row.action,
          '',
          `How the team can see it: ${row.evidence}`,
          '',
          'When it is done (or if it did not happen), record it so the team sees it:',
          `${deps.baseUrl}/repairs/${row.repair_id}`,
        ].join('\n'),
      });
      sent++;
    }
  }
  return sent;
}

interface RepairForDigest {
  id: string;
  title: string;
  leaderName: string;
  timeZone: string;
  commitments: CommitmentRow[];
  occurrences: OccurrenceRow[];
  themes: Map<string, { name: string; need: string }>;
}

async function loadRepairsForDigest(deps: Deps): Promise<Map<string, RepairForDigest>> {
  const repairs = await deps.db
    .selectFrom('repairs as r')
    .innerJoin('people as l', 'l.id', 'r.leader_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .select(['r.id', 'r.title', 'l.name as leaderName', 'o.time_zone'])
    .where('r.stage', 'in', [...KEEPING])
    .execute();
  const byId = new Map<string, RepairForDigest>();
  if (repairs.length === 0) return byId;
  const ids = repairs.map((r) => r.id);
  const commitments = await deps.db
    .selectFrom('commitments')
    .selectAll()
    .where('repair_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const occurrences = await occurrencesFor(
    deps,
    commitments.map((c) => c.id),
  );
  const themes = await deps.db
    .selectFrom('themes')
    .select(['id', 'repair_id', 'name', 'need'])
    .where('repair_id', 'in', ids)
    .execute();
  for (const r of repairs) {
    const own = commitments.filter((c) => c.repair_id === r.id);
    const ownIds = new Set(own.map((c) => c.id));
    byId.set(r.id, {
      id: r.id,
      title: r.title,
      leaderName: r.leaderName,
      timeZone: r.time_zone,
      commitments: own,
      occurrences: occurrences.filter((o) => ownIds.has(o.commitment_id)),
      themes: new Map(
        themes.filter((t) => t.repair_id === r.id).map((t) => [t.id, { name: t.name, need: t.need }]),
      ),
    });
  }
  return byId;
}

/** The lines about one repair for a person whose last digest was at `since` (null: never), or [] if nothing is new. */
function repairSection(repair: RepairForDigest, since: string | null): string[] {
  const isNew = (at: string) => since === null || at > since;
  const changed = repair.commitments.filter((c) => {
    const themeIds = JSON.parse(c.theme_ids) as string[];
    if (themeIds.length === 0) return false;
    const created = isNew(c.created_at) && c.retired_at === null;
    const recorded = repair.occurrences.some((o) => o.commitment_id === c.id && isNew(o.recorded_at));
    return created || recorded;
  });
  if (changed.length === 0) return [];
  const lines = [`"${repair.title}": an update from ${repair.leaderName}`, ''];
  for (const c of changed.slice(0, DIGEST_ITEMS)) {
    const said = (JSON.parse(c.theme_ids) as string[])
      .map((id) => repair.themes.get(id))
      .filter((t) => t !== undefined)
      .map((t) => (t.need ? `${t.name} (${t.need})` : t.name));
    const latest = repair.occurrences
      .filter((o) => o.commitment_id === c.id)
      .sort((a, b) => b.due_at.localeCompare(a.due_at))[0];
    lines.push(
      `You said: ${said.join('; ')}`,
      `I committed: ${c.action} (${describeSchedule(JSON.parse(c.schedule) as Schedule)})`,
      latest
        ? `Here is what I did: ${latest.local_date}, ${latest.status === 'kept' ? 'done' : 'missed'}: ${latest.note}`
        : 'Here is what I did: nothing to report yet; this commitment is new.',
      '',
    );
  }
  if (changed.length > DIGEST_ITEMS)
    lines.push(`…and ${changed.length - DIGEST_ITEMS} more in the team space.`, '');
  return lines;
}

/**
 * Closes the loop with the people affected by a repair: when a commitment is made or an occurrence recorded, they
 * get a short update, at most one email per person per day. What is new is what happened after their last update
 * (the latest `loop:` email in the outbox). Themes do not record who raised them, so every affected person gets the
 * same update; it names no one and quotes no answer.
 */
export async function sendLoopDigests(deps: Deps): Promise<number> {
  const now = deps.now();
  const repairs = await loadRepairsForDigest(deps);
  if (repairs.size === 0) return 0;
  const affected = await deps.db
    .selectFrom('repair_people as rp')
    .innerJoin('repairs as r', 'r.id', 'rp.repair_id')
    .innerJoin('people as p', 'p.id', 'rp.person_id')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .select(['rp.repair_id', 'p.id', 'p.email', 'p.organization_id', 'o.time_zone', 'r.leader_id'])
    .where('rp.repair_id', 'in', [...repairs.keys()])
    .execute();
  const links = await deps.db
    .selectFrom('team_links')
    .select(['repair_id', 'person_id'])
    .where('revoked_at', 'is', null)
    .where('repair_id', 'in', [...repairs.keys()])
    .execute();
  const hasLink = new Set(links.map((l) => `${l.repair_id}:${l.person_id}`));
  const people = new Map<string, (typeof affected)[number][]>();
  for (const row of affected) {
    if (row.id === row.leader_id) continue;
    people.set(row.id, [...(people.get(row.id) ?? []), row]);
  }
  let sent = 0;
  for (const [personId, rows] of people) {
    const person = rows[0];
    if (!person) continue;
    const dedupeKey = `loop:${personId}:${localDay(now, person.time_zone)}`;
    if (await alreadySent(deps, dedupeKey)) continue;
    const last = await deps.db
      .selectFrom('mail_outbox')
      .select('created_at')
      .where('dedupe_key', 'like', `loop:${personId}:%`)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const since = last?.created_at ?? null;
    const sections: string[] = [];
    let withLink = false;
    for (const row of rows) {
      const repair = repairs.get(row.repair_id);
      if (!repair) continue;
      const section = repairSection(repair, since);
      if (section.length === 0) continue;
      sections.push(...section);
      if (hasLink.has(`${row.repair_id}:${personId}`)) withLink = true;
    }
    if (sections.length === 0) continue;
    await deps.mailer.send({
      organizationId: person.organization_id,
      to: person.email,
      dedupeKey,
      subject: 'What your leader committed to, and what they did',
      text: [
        ...sections,
        ...(withLink
          ? [
              'Open your team-space link from the earlier email to see the whole record, and to say whether you saw it happen.',
            ]
          : []),
        'Everyone affected gets the same update: it never shows who said what.',
      ].join('\n'),
    });
    sent++;
  }
  return sent;
}

export async function runCommitmentJobs(deps: Deps) {
  return {
    occurrenceReminders: await remindLeaders(deps),
    loopDigests: await sendLoopDigests(deps),
  };
}
