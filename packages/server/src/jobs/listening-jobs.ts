import { addDays } from '@kintsugi/core';
import type { Deps } from '../use-cases/deps.js';
import { answerUrl } from '../use-cases/repairs/open-round.js';
import { addReminderLinks } from './renew-links.js';

const DAY = 86_400_000;
/** Replies to follow-up questions are announced to the leader at most once per this many hours. */
export const DIGEST_HOURS = 4;

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** Rounds past their closing date close, and their repairs move on to understanding. */
export async function closeExpiredRounds(deps: Deps): Promise<number> {
  const today = dayOf(deps.now());
  const due = await deps.db
    .selectFrom('rounds')
    .select(['id', 'repair_id'])
    .where('status', '=', 'open')
    .where('closes_on', '<', today)
    .execute();
  let closed = 0;
  for (const round of due) {
    await deps.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('rounds')
        .set({ status: 'closed' })
        .where('id', '=', round.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return;
      closed++;
      await trx
        .updateTable('repairs')
        .set({ stage: 'understanding', updated_at: deps.now().toISOString() })
        .where('id', '=', round.repair_id)
        .where('stage', '=', 'listening')
        .execute();
    });
  }
  return closed;
}

/**
 * Reminds people not yet recorded as having answered: halfway through the round and the day before it closes, never
 * on the day the round opened. Only hashes of links are kept, so a reminder carries one more link; the first one
 * keeps working. Each reminder is claimed by a conditional update, so with several server instances it is sent once.
 */
export async function sendReminders(deps: Deps): Promise<number> {
  const today = dayOf(deps.now());
  const open = await deps.db
    .selectFrom('rounds as r')
    .innerJoin('repairs as rp', 'rp.id', 'r.repair_id')
    .innerJoin('people as l', 'l.id', 'rp.leader_id')
    .select([
      'r.id',
      'r.opened_on',
      'r.closes_on',
      'r.reminded_halfway',
      'r.reminded_final',
      'rp.title',
      'rp.organization_id',
      'l.name as leaderName',
    ])
    .where('r.status', '=', 'open')
    .execute();
  let sent = 0;
  for (const round of open) {
    // A reminder on the day the invitation went out would only be noise (and a second link for nothing).
    if (!round.opened_on || today <= round.opened_on) continue;
    const span = (Date.parse(round.closes_on) - Date.parse(round.opened_on)) / DAY;
    const halfway = addDays(round.opened_on, Math.floor(span / 2));
    const final = addDays(round.closes_on, -1);
    const which =
      round.reminded_final === 0 && today >= final
        ? 'final'
        : round.reminded_halfway === 0 && today >= halfway && span >= 4
          ? 'halfway'
          : null;
    if (!which) continue;
    const column = which === 'final' ? 'reminded_final' : 'reminded_halfway';
    const claimed = await deps.db
      .updateTable('rounds')
      // The final reminder also settles the halfway one, so a late start never sends two at once.
      .set(which === 'final' ? { reminded_final: 1, reminded_halfway: 1 } : { reminded_halfway: 1 })
      .where('id', '=', round.id)
      .where(column, '=', 0)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) continue;
    const pending = await deps.db
      .selectFrom('invitations as i')
      .innerJoin('people as p', 'p.id', 'i.person_id')
      .select(['i.id', 'p.email'])
      .where('i.round_id', '=', round.id)
      .where('i.token_issued', '=', 0)
      .execute();
    sent += await addReminderLinks(
      deps,
      'round',
      () => round.id,
      pending,
      (invitation, secret) =>
        deps.mailer.send({
          organizationId: round.organization_id,
          to: invitation.email,
          dedupeKey: `reminder:${which}:${invitation.id}`,
          subject:
            which === 'final'
              ? `Last day to answer ${round.leaderName}`
              : `${round.leaderName} would still like to hear from you`,
          text: [
            `The questions about "${round.title}" are open until ${round.closes_on}.`,
            '',
            answerUrl(deps, secret),
            '',
            'This is one more personal link; the one in your first email works too. Your answers stay anonymous.',
            'If you have answered already, thank you: nothing more to do, and this link will say so.',
            'Your leader is told only how many people answered, never who.',
          ].join('\n'),
        }),
    );
  }
  return sent;
}

/**
 * Tells leaders that authors replied to their follow-up questions: batched into at most one email per repair
 * every few hours, without times or wording, so when a reply arrived cannot point to who sent it.
 */
export async function sendReplyDigests(deps: Deps): Promise<number> {
  const now = deps.now();
  const bucket = `${dayOf(now)}T${String(Math.floor(now.getUTCHours() / DIGEST_HOURS) * DIGEST_HOURS).padStart(2, '0')}`;
  const waiting = await deps.db
    .selectFrom('follow_ups as f')
    .innerJoin('answers as a', 'a.id', 'f.answer_id')
    .innerJoin('rounds as r', 'r.id', 'a.round_id')
    .innerJoin('repairs as rp', 'rp.id', 'r.repair_id')
    .innerJoin('people as l', 'l.id', 'rp.leader_id')
    .select(['f.id', 'rp.id as repairId', 'rp.title', 'rp.organization_id', 'l.email'])
    .where('f.author', '=', 'author')
    .where('f.notified', '=', 0)
    .execute();
  const byRepair = new Map<string, typeof waiting>();
  for (const row of waiting) byRepair.set(row.repairId, [...(byRepair.get(row.repairId) ?? []), row]);
  let sent = 0;
  for (const [repairId, rows] of byRepair) {
    const first = rows[0];
    if (!first) continue;
    const key = `digest:${repairId}:${bucket}`;
    const already = await deps.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('dedupe_key', '=', key)
      .executeTakeFirst();
    if (already) continue;
    await deps.db
      .updateTable('follow_ups')
      .set({ notified: 1 })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    await deps.mailer.send({
      organizationId: first.organization_id,
      to: first.email,
      dedupeKey: key,
      subject: `New replies in "${first.title}"`,
      text: `Someone answered your follow-up questions in "${first.title}". Read the replies in Kintsugi:\n${deps.baseUrl}/repairs/${repairId}`,
    });
    sent++;
  }
  return sent;
}
