import { CURRENT_PULSE_VERSION, pulseItemSet } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import type { Deps } from '../deps.js';
import { openPulse } from '../pulses/open-pulse.js';
import { getPulseInvitation, issuePulseToken, submitPulse } from '../pulses/pulse-ballot.js';
import { setPulseCadence } from '../pulses/pulse-settings.js';
import { blindToken } from './demo-ballot.js';
import type { DemoClock } from './demo-commitments.js';
import type { PulseArc } from './demo-pulse-data.js';

const DAY = 86_400_000;

export interface DemoPulsesSummary {
  team: string;
  pulses: number;
  answers: number;
}

/** Deterministic noise, so every demo tells the same story. */
function noise(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

/** Answers one pulse link exactly as the pulse page would: a blind token, then ratings and maybe a comment. */
export async function answerPulseFromLink(
  deps: Deps,
  link: string,
  ratings: { itemId: string; value: number }[],
  comment?: string,
): Promise<void> {
  const invitation = await getPulseInvitation(deps, link);
  const signed = await blindToken(invitation.publicKey, (blindedMessage) =>
    issuePulseToken(deps, { link, blindedMessage }),
  );
  await submitPulse(deps, {
    pulseId: invitation.pulseId,
    ...signed,
    ratings,
    ...(comment ? { comment } : {}),
  });
  // Made-up history, written at once: a demo process ends right after, and nothing pending may be lost with it.
  await deps.ballots.flushAll(deps);
}

/**
 * A team's pulse history since its repair opened: each pulse sent on its day (without email, it is history), answered
 * over the next days through the anonymous ballot, then closed. The first one is the repair's baseline.
 */
export async function createDemoPulses(
  clock: DemoClock,
  admin: Actor,
  options: { teamId: string; repairId: string; since: Date; arc: PulseArc; seed: number },
): Promise<DemoPulsesSummary> {
  const { deps } = clock;
  const { arc } = options;
  const random = noise(options.seed);
  const items = pulseItemSet(CURRENT_PULSE_VERSION).items;
  const start = options.since.getTime();
  const end = deps.now().getTime();
  const bias = Array.from({ length: 12 }, () => (random() - 0.5) * 1.2);
  let pulses = 0;
  let answers = 0;
  for (let index = 0; start + index * arc.everyWeeks * 7 * DAY < end; index++) {
    const week = index * arc.everyWeeks;
    const sent = start + week * 7 * DAY;
    clock.set(new Date(sent));
    const opened = await openPulse(deps, {
      teamId: options.teamId,
      kind: index === 0 ? 'baseline' : 'regular',
      ...(index === 0 ? { repairId: options.repairId } : {}),
      notify: false,
    });
    if (!opened) continue;
    pulses++;
    const comments = arc.comments[index] ?? [];
    const count = Math.min(arc.answering(index), opened.links.length);
    for (let person = 0; person < count; person++) {
      const at = sent + (1 + (person % 3)) * DAY + 3_600_000;
      // Nobody answers in the future: the newest pulse may still be waiting for some.
      if (at > end) continue;
      clock.set(new Date(at));
      const ratings = items.map((item) => {
        const value =
          arc.level(week) +
          (arc.offset[item.dimension]?.(week) ?? 0) +
          (bias[person] ?? 0) +
          (random() - 0.5) * 1.6;
        return { itemId: item.id, value: Math.min(7, Math.max(1, Math.round(value))) };
      });
      await answerPulseFromLink(
        deps,
        opened.links[person]?.url.split('#')[1] ?? '',
        ratings,
        comments[person],
      );
      answers++;
    }
  }
  clock.reset();
  // History is closed and already looked at; only a pulse still in its week stays open.
  const today = deps.now().toISOString().slice(0, 10);
  await deps.db
    .updateTable('pulses')
    .set({ status: 'closed', alerted: 1 })
    .where('team_id', '=', options.teamId)
    .where('closes_on', '<', today)
    .execute();
  await setPulseCadence(deps, admin, options.teamId, arc.everyWeeks);
  return { team: arc.team, pulses, answers };
}
