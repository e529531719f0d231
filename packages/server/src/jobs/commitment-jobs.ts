import { describeSchedule, type RepairStage, type Schedule } from '@kintsugi/core';
import type { Selectable } from 'kysely';
import type { CommitmentsTable, OccurrencesTable } from '../db/schema.js';
import { AUTOMATIC_MISS_RULE, occurrencesOf } from '../use-cases/commitments/commitments-view.js';
import type { Deps } from '../use-cases/deps.js';

/** A leader is reminded of an occurrence once it is due within this many hours. */
export const REMINDER_HOURS = 24;
/** Stages in which commitments are being kept, so reminders and updates to the team make sense. */
const KEEPING: readonly RepairStage[] = ['committing', 'demonstrating'];
/** A digest lists at most this many commitments per repair; the team page has the rest. */
const DIGEST_ITEMS = 5;
/** …and at most this many recorded occurrences per commitment, misses first, so an update stays short. */
const OCCURRENCE_ITEMS = 5;
/** A failed update is tried again no sooner than this after the failure (the job runs every minute)… */
export const LOOP_RETRY_MINUTES = 30;
/** …and at most this many times a day; after that the next day's update carries what it would have said. */
const LOOP_ATTEMPTS_PER_DAY = 4;
/** Rows written per statement, well under both engines' limits on bound parameters. */
const INSERT_CHUNK = 500;

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
          '',
          AUTOMATIC_MISS_RULE,
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

/** One thing a person is told about: a commitment (itemId = its id) or one of its recorded occurrences. */
interface LoopItem {
  itemId: string;
  commitmentId: string;
}

interface CommitmentNews {
  commitment: CommitmentRow;
  /** Occurrences recorded and not yet told, in due order. */
  recorded: OccurrenceRow[];
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Up to `limit` of `list`, those matching `first` before the others, returned in their original order. */
function pick<T>(list: T[], limit: number, first: (item: T) => boolean, rest: (a: T, b: T) => number): T[] {
  if (list.length <= limit) return list;
  const chosen = new Set(
    [...list.filter(first), ...list.filter((i) => !first(i)).sort(rest)].slice(0, limit),
  );
  return list.filter((item) => chosen.has(item));
}

const andMore = (hidden: number, hiddenMisses: number, what = '') =>
  `…and ${hidden} more${what} on the team page${hiddenMisses > 0 ? ` (${hiddenMisses} missed)` : ''}.`;

function occurrenceLine(o: OccurrenceRow): string {
  const note = oneLine(o.note);
  // A missed occurrence is shown with the leader's own words about it: owned, not explained away by us.
  if (o.status === 'missed') return `- ${o.local_date}: missed.${note ? ` In my words: ${note}` : ''}`;
  return `- ${o.local_date}: done.${note ? ` ${note}` : ''}`;
}

/**
 * The lines about one repair for a person, given what they have already been told (`told`: item ids), and the items
 * the lines tell them; no lines when nothing is new. Every occurrence recorded since is included, kept or missed;
 * beyond the caps the rest is counted ("…and N more"), misses shown first so none is hidden behind kept ones.
 */
function repairSection(
  repair: RepairForDigest,
  told: ReadonlySet<string>,
): { lines: string[]; items: LoopItem[] } {
  const news: CommitmentNews[] = [];
  for (const c of repair.commitments) {
    if ((JSON.parse(c.theme_ids) as string[]).length === 0) continue;
    const announce = c.retired_at === null && !told.has(c.id);
    const recorded = repair.occurrences
      .filter((o) => o.commitment_id === c.id && !told.has(o.id))
      .sort((a, b) => a.due_at.localeCompare(b.due_at));
    if (announce || recorded.length > 0) news.push({ commitment: c, recorded });
  }
  if (news.length === 0) return { lines: [], items: [] };
  const items: LoopItem[] = news.flatMap(({ commitment, recorded }) => [
    { itemId: commitment.id, commitmentId: commitment.id },
    ...recorded.map((o) => ({ itemId: o.id, commitmentId: commitment.id })),
  ]);
  const hasMiss = (n: CommitmentNews) => n.recorded.some((o) => o.status === 'missed');
  const shown = pick(news, DIGEST_ITEMS, hasMiss, () => 0);
  const lines = [`"${repair.title}": an update from ${repair.leaderName}`, ''];
  for (const { commitment: c, recorded } of shown) {
    const said = (JSON.parse(c.theme_ids) as string[])
      .map((id) => repair.themes.get(id))
      .filter((t) => t !== undefined)
      .map((t) => (t.need ? `${t.name} (${t.need})` : t.name));
    const retired = c.retired_at ? ` (since retired: ${oneLine(c.retired_reason ?? '')})` : '';
    lines.push(
      `You said: ${said.join('; ')}`,
      `I committed: ${c.action} (${describeSchedule(JSON.parse(c.schedule) as Schedule)})${retired}`,
    );
    if (recorded.length === 0) {
      lines.push('Here is what I did: nothing to report yet; this commitment is new.', '');
      continue;
    }
    const listed = pick(
      recorded,
      OCCURRENCE_ITEMS,
      (o) => o.status === 'missed',
      (a, b) => b.due_at.localeCompare(a.due_at),
    );
    lines.push('Here is what I did:', ...listed.map(occurrenceLine));
    if (listed.length < recorded.length) {
      const hiddenMisses = recorded.filter((o) => o.status === 'missed' && !listed.includes(o)).length;
      lines.push(andMore(recorded.length - listed.length, hiddenMisses));
    }
    lines.push('');
  }
  if (shown.length < news.length) {
    const hidden = news.filter((n) => !shown.includes(n));
    const hiddenMisses = hidden.reduce(
      (n, h) => n + h.recorded.filter((o) => o.status === 'missed').length,
      0,
    );
    lines.push(andMore(hidden.length, hiddenMisses, ' commitments with news'), '');
  }
  return { lines, items };
}

/**
 * Which attempt at today's update may be made now: the idempotency key to send it under, or null when today's
 * update was delivered (or is being sent by another instance, or its send was interrupted: never risk a repeat),
 * when the last failure is too recent, or when today's attempts are used up.
 */
async function loopAttempt(deps: Deps, personId: string, day: string, now: Date): Promise<string | null> {
  const dayKey = `loop:${personId}:${day}`;
  const attempts = await deps.db
    .selectFrom('mail_outbox')
    .select(['created_at', 'error'])
    .where((eb) => eb.or([eb('dedupe_key', '=', dayKey), eb('dedupe_key', 'like', `${dayKey}:%`)]))
    .execute();
  if (attempts.some((a) => a.error === null)) return null;
  if (attempts.length >= LOOP_ATTEMPTS_PER_DAY) return null;
  const lastFailure = Math.max(...attempts.map((a) => Date.parse(a.created_at)));
  if (attempts.length > 0 && lastFailure + LOOP_RETRY_MINUTES * 60_000 > now.getTime()) return null;
  // Numbered by the failures seen, so two instances retrying at once collide on one key and only one sends.
  return attempts.length === 0 ? dayKey : `${dayKey}:${attempts.length + 1}`;
}

async function markTold(deps: Deps, personId: string, items: LoopItem[], at: string): Promise<void> {
  for (let i = 0; i < items.length; i += INSERT_CHUNK) {
    await deps.db
      .insertInto('loop_updates')
      .values(
        items.slice(i, i + INSERT_CHUNK).map((item) => ({
          person_id: personId,
          item_id: item.itemId,
          commitment_id: item.commitmentId,
          delivered_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['person_id', 'item_id']).doNothing())
      .execute();
  }
}

/**
 * Closes the loop with the people affected by a repair: when a commitment is made or an occurrence recorded, they
 * get a short update, at most one delivered email per person per day. What is new is exact: `loop_updates` holds,
 * per person, each commitment and occurrence already told, written only after the mailer reports the update
 * delivered (or kept in the outbox without SMTP), so anything recorded while an update is being prepared, or
 * carried by a failed send, goes into the next one. Today's update is claimed by its idempotency key in the outbox
 * (a unique insert), so several instances send it once; a failed send is retried later under a numbered key.
 * Themes do not record who raised them, so every affected person gets the same update; it names no one and quotes
 * no answer.
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
    const dedupeKey = await loopAttempt(deps, personId, localDay(now, person.time_zone), now);
    if (!dedupeKey) continue;
    const told = new Set(
      (
        await deps.db.selectFrom('loop_updates').select('item_id').where('person_id', '=', personId).execute()
      ).map((r) => r.item_id),
    );
    const sections: string[] = [];
    const items: LoopItem[] = [];
    let withLink = false;
    for (const row of rows) {
      const repair = repairs.get(row.repair_id);
      if (!repair) continue;
      const section = repairSection(repair, told);
      if (section.lines.length === 0) continue;
      sections.push(...section.lines);
      items.push(...section.items);
      if (hasLink.has(`${row.repair_id}:${personId}`)) withLink = true;
    }
    if (sections.length === 0) continue;
    const outcome = await deps.mailer.send({
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
    // Failed: tried again later. Duplicate: another instance holds today's key and marks what it sent itself.
    if (outcome !== 'sent' && outcome !== 'kept') continue;
    await markTold(deps, personId, items, deps.now().toISOString());
    sent++;
  }
  return sent;
}
