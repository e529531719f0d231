import type { Actor } from '../../auth/actor.js';
import { getCommitmentsView } from '../commitments/commitments-view.js';
import { createCommitment, recordOccurrence, startDemonstrating } from '../commitments/manage-commitments.js';
import { publishMessage } from '../commitments/messages.js';
import { issueTeamLinks } from '../commitments/team-links.js';
import type { Deps } from '../deps.js';
import { witnessFromLink } from './demo-ballot.js';
import {
  MONTHLY_COMMITMENT,
  MONTHLY_KEPT_NOTES,
  RESPONSE_MESSAGE,
  WEEKLY_COMMITMENT,
  WEEKLY_KEPT_NOTES,
  WEEKLY_MISSED_NOTES,
  WITNESSES,
} from './demo-commitments-data.js';
import { withLinkInbox } from './demo-links.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Deps whose clock the demo can set, so that a repair's history is made by the use cases at the moments it would
 * have happened (and recorded occurrences count as on time); reset, it is the real clock again.
 */
export function demoClock(deps: Deps) {
  let at: Date | null = null;
  return {
    deps: { ...deps, now: () => (at ? new Date(at) : deps.now()) } satisfies Deps,
    set(date: Date) {
      at = date;
    },
    reset() {
      at = null;
    },
  };
}
export type DemoClock = ReturnType<typeof demoClock>;

export interface DemoDemonstrationSummary {
  commitments: number;
  since: string;
  kept: number;
  missed: number;
  pending: number;
  witnessedOccurrences: number;
  witnesses: number;
}

/**
 * The leader answers the themes: publishes a response, commits (weekly and monthly), starts demonstrating, records
 * every settled occurrence (most kept, two missed and owned; one still in its grace period stays open) and the team
 * witnesses some of them from their personal links.
 */
export async function createDemoDemonstration(
  clock: DemoClock,
  leader: Actor,
  repairId: string,
  themeIds: string[],
  respondAt: Date,
): Promise<DemoDemonstrationSummary> {
  const { deps } = clock;
  clock.set(respondAt);
  await publishMessage(deps, leader, repairId, RESPONSE_MESSAGE);
  const startsOn = new Date(respondAt.getTime() + 2 * DAY).toISOString().slice(0, 10);
  clock.set(new Date(respondAt.getTime() + HOUR));
  const ids: Record<'weekly' | 'monthly', string> = { weekly: '', monthly: '' };
  for (const [key, c] of [
    ['weekly', WEEKLY_COMMITMENT],
    ['monthly', MONTHLY_COMMITMENT],
  ] as const) {
    const made = await createCommitment(deps, leader, repairId, {
      action: c.action,
      evidence: c.evidence,
      schedule: c.schedule,
      startsOn,
      themeIds: [themeIds[c.theme] as string],
    });
    ids[key] = made.id;
  }
  await startDemonstrating(deps, leader, repairId);
  const inbox = withLinkInbox(deps);
  const { sent } = await issueTeamLinks(inbox.deps, leader, repairId);
  const emails = await deps.db
    .selectFrom('people')
    .select(['name', 'email'])
    .where(
      'id',
      'in',
      sent.map((p) => p.personId),
    )
    .execute();
  const linkOf = new Map(emails.map((p) => [p.name, inbox.linkFor(p.email, 'team')]));

  // Everything past its grace period is recorded, in the order it fell due, a little after it was due.
  clock.reset();
  const before = await getCommitmentsView(deps, leader, repairId);
  const settled = before.commitments.flatMap((c) =>
    c.occurrences
      .filter((o) => o.status === 'missed' && o.id === null)
      .map((o) => ({ commitment: c.id === ids.weekly ? ('weekly' as const) : ('monthly' as const), ...o })),
  );
  settled.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const weeklyCount = settled.filter((o) => o.commitment === 'weekly').length;
  const missedWeeks = new Set([3, 8].map((i) => Math.min(i, weeklyCount - 2)));
  let week = 0;
  let keptWeeks = 0;
  let month = 0;
  for (const o of settled) {
    const due = Date.parse(o.dueAt);
    let input: { status: 'kept' | 'missed'; note: string; link?: string };
    let recordedAt = due + 2 * HOUR;
    if (o.commitment === 'monthly') {
      input = { status: 'kept', note: MONTHLY_KEPT_NOTES[month++ % MONTHLY_KEPT_NOTES.length] as string };
    } else if (missedWeeks.has(week)) {
      const note = WEEKLY_MISSED_NOTES[[...missedWeeks].indexOf(week)] as string;
      input = { status: 'missed', note };
      recordedAt = due + 30 * HOUR;
    } else {
      input = {
        status: 'kept',
        note: WEEKLY_KEPT_NOTES[keptWeeks % WEEKLY_KEPT_NOTES.length] as string,
        link: `https://chat.example.org/data-platform/rota-draft-${o.localDate}`,
      };
      // One week recorded only four days later: kept, but not on time.
      if (keptWeeks === 5) recordedAt = due + 4 * DAY;
      keptWeeks++;
    }
    if (o.commitment === 'weekly') week++;
    clock.set(new Date(Math.min(recordedAt, Date.now())));
    await recordOccurrence(deps, leader, repairId, o.commitment === 'weekly' ? ids.weekly : ids.monthly, {
      dueAt: o.dueAt,
      ...input,
    });
  }
  clock.reset();

  // The team confirms what they saw, anonymously, through the same blind-token ballot as the team page.
  const recorded = await getCommitmentsView(deps, leader, repairId);
  const keptIds = (key: 'weekly' | 'monthly') =>
    (recorded.commitments.find((c) => c.id === ids[key])?.occurrences ?? [])
      .filter((o) => o.status === 'kept' && o.id)
      .map((o) => o.id as string)
      .reverse();
  const people = new Set<string>();
  let witnessedOccurrences = 0;
  for (const w of WITNESSES) {
    const occurrenceId = keptIds(w.commitment)[w.fromLatest];
    if (!occurrenceId) continue;
    witnessedOccurrences++;
    for (const [names, saw] of [
      [w.saw, true],
      [w.didNotSee, false],
    ] as const) {
      for (const name of names) {
        const link = linkOf.get(name);
        if (!link) throw new Error(`demo witness without a team link: ${name}`);
        await witnessFromLink(deps, link, occurrenceId, saw);
        people.add(name);
      }
    }
  }

  const all = recorded.commitments.flatMap((c) => c.occurrences);
  return {
    commitments: recorded.commitments.length,
    since: startsOn,
    kept: all.filter((o) => o.status === 'kept').length,
    missed: all.filter((o) => o.status === 'missed').length,
    pending: all.filter((o) => o.status === 'pending').length,
    witnessedOccurrences,
    witnesses: people.size,
  };
}
