import { describeSchedule, type Schedule, toRRule } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import { AppError } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';

export const CALENDAR_TOKEN_PREFIX = 'cal_';

/** Creates (or replaces) the person's secret calendar address; shown once, stored as a hash. */
export async function rotateCalendarFeed(deps: Deps, actor: Actor): Promise<{ url: string }> {
  const secret = newSecret(CALENDAR_TOKEN_PREFIX);
  await deps.db
    .insertInto('calendar_feeds')
    .values({ person_id: actor.personId, token_hash: hashSecret(secret), created_at: nowIso(deps) })
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet({ token_hash: hashSecret(secret), created_at: nowIso(deps) }),
    )
    .execute();
  return { url: `${deps.baseUrl}/api/v1/calendar/${secret}.ics` };
}

export async function removeCalendarFeed(deps: Deps, actor: Actor): Promise<void> {
  const result = await deps.db
    .deleteFrom('calendar_feeds')
    .where('person_id', '=', actor.personId)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n)
    throw new AppError('not_found', 'You have no calendar address to remove.');
}

// Control characters other than a tab, and DEL: none may appear in TEXT (RFC 5545 §3.3.11).
const isControl = (char: string) => {
  const code = char.charCodeAt(0);
  return (code < 0x20 && code !== 0x09) || code === 0x7f;
};

/**
 * A TEXT value as RFC 5545 §3.3.11 writes it: backslash, semicolon and comma escaped, every line break (CRLF, LF or
 * a lone CR) as \n, other control characters dropped. Input is checked for them since, but older rows may hold one,
 * and a raw line break would let stored text start a calendar property of its own.
 */
export const icsText = (text: string) =>
  [
    ...text
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n'),
  ]
    .filter((char) => !isControl(char))
    .join('');
const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

const LINE_OCTETS = 75;
const utf8Octets = (codePoint: number) =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/**
 * Folds a content line as RFC 5545 §3.1 requires: no line longer than 75 octets of UTF-8 (CRLF not counted),
 * continuation lines starting with one space. It cuts only between code points, so neither a UTF-8 sequence nor
 * a surrogate pair (an emoji) is split, and unfolding (removing each CRLF and the space after it) restores it.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let used = 0;
  // Iterating a string yields whole code points, never half of a surrogate pair.
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0) ?? 0);
    if (used + size > LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      used = 1;
    }
    current += char;
    used += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/**
 * The iCalendar feed of the commitments in the repairs a person leads: one event per live scheduled commitment,
 * recurring by its RRULE at its local time in the organisation's zone, so it appears in their own calendar.
 */
export async function calendarFeed(deps: Deps, secret: string): Promise<string> {
  const feed = await deps.db
    .selectFrom('calendar_feeds')
    .select('person_id')
    .where('token_hash', '=', hashSecret(secret))
    .executeTakeFirst();
  if (!feed) throw new AppError('not_found', 'This calendar address is not valid or has been replaced.');
  const rows = await deps.db
    .selectFrom('commitments as c')
    .innerJoin('repairs as r', 'r.id', 'c.repair_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .select([
      'c.id',
      'c.action',
      'c.evidence',
      'c.schedule',
      'c.starts_on',
      'c.ends_on',
      'c.created_at',
      'r.title',
      'o.time_zone',
    ])
    .where('r.leader_id', '=', feed.person_id)
    .where('c.retired_at', 'is', null)
    .where('r.stage', '!=', 'closed')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kintsugi//Commitments//EN',
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:Kintsugi commitments',
  ];
  for (const row of rows) {
    const schedule = JSON.parse(row.schedule) as Schedule;
    const rule = toRRule(schedule, row.starts_on, {
      ...(row.ends_on ? { end: row.ends_on } : {}),
      timeZone: row.time_zone,
    });
    if (!rule) continue;
    // rrule writes DTSTART;TZID=…:local time and the RRULE line; a one-off becomes a single event.
    const [dtstart, rrule] = rule.toString().split('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${row.id}@kintsugi`,
      `DTSTAMP:${stamp(row.created_at)}`,
      dtstart ?? '',
      ...(schedule.kind === 'recurring' && rrule ? [rrule] : []),
      'DURATION:PT30M',
      foldLine(`SUMMARY:${icsText(row.action)}`),
      foldLine(
        `DESCRIPTION:${icsText(`${row.evidence}\n${describeSchedule(schedule)}\nRepair: ${row.title}`)}`,
      ),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.filter(Boolean).join('\r\n')}\r\n`;
}
