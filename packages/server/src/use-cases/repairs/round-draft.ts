import type { Question, Repair } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { AppError } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { loadManagedRepair, loadRepair, loadRound } from './load-repair.js';

async function draftRound(deps: Deps, actor: Actor, repairId: string) {
  await loadManagedRepair(deps.db, actor, repairId);
  const round = await loadRound(deps.db, repairId);
  if (round.status !== 'draft') {
    throw new AppError(
      'conflict',
      'The listening round has been sent; its questions and your forecast are now fixed.',
    );
  }
  return round;
}

/** Rewords, reorders, adds or removes questions before the round is sent. */
export async function updateRoundDraft(
  deps: Deps,
  actor: Actor,
  repairId: string,
  options: { questions: { id?: string | undefined; text: string }[]; closesOn: string },
): Promise<Repair> {
  const round = await draftRound(deps, actor, repairId);
  const today = nowIso(deps).slice(0, 10);
  if (options.closesOn <= today) {
    throw new AppError('invalid_input', 'The round must close after today.', {
      errors: [{ path: 'closesOn', message: 'Choose a date after today.' }],
    });
  }
  const used = new Set<string>();
  const questions: Question[] = options.questions.map((q, index) => {
    let id = q.id ?? `q${index + 1}`;
    for (let n = 2; used.has(id); n++) id = `${q.id ?? 'q'}-${n}`;
    used.add(id);
    return { id, text: q.text };
  });
  const forecast = JSON.parse(round.forecast) as Record<string, string>;
  const kept = Object.fromEntries(Object.entries(forecast).filter(([id]) => used.has(id)));
  await deps.db
    .updateTable('rounds')
    .set({
      questions: JSON.stringify(questions),
      closes_on: options.closesOn,
      forecast: JSON.stringify(kept),
    })
    .where('id', '=', round.id)
    .execute();
  return loadRepair(deps.db, actor, repairId);
}

/** Saves the leader's forecast of how the team will answer each question; locked once the round opens. */
export async function saveForecast(
  deps: Deps,
  actor: Actor,
  repairId: string,
  forecast: Record<string, string>,
): Promise<Repair> {
  const round = await draftRound(deps, actor, repairId);
  const ids = new Set((JSON.parse(round.questions) as Question[]).map((q) => q.id));
  const unknown = Object.keys(forecast).filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new AppError('invalid_input', 'The forecast names questions this round does not ask.', {
      errors: unknown.map((id) => ({ path: `forecast.${id}`, message: 'No question has this id.' })),
    });
  }
  await deps.db
    .updateTable('rounds')
    .set({ forecast: JSON.stringify(forecast) })
    .where('id', '=', round.id)
    .execute();
  return loadRepair(deps.db, actor, repairId);
}
