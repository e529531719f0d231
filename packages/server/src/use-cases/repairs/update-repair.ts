import type { BreachKind, Repair } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { AppError } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { loadManagedRepair, loadRepair } from './load-repair.js';

export async function updateRepair(
  deps: Deps,
  actor: Actor,
  repairId: string,
  changes: {
    title?: string | undefined;
    description?: string | undefined;
    breachKinds?: BreachKind[] | undefined;
  },
): Promise<Repair> {
  const repair = await loadManagedRepair(deps.db, actor, repairId);
  if (repair.stage !== 'open') {
    throw new AppError(
      'conflict',
      'What happened can be edited only before the listening round is sent, so everyone answers the same account.',
    );
  }
  await deps.db
    .updateTable('repairs')
    .set({
      title: changes.title,
      description: changes.description,
      breach_kinds: changes.breachKinds ? JSON.stringify([...new Set(changes.breachKinds)]) : undefined,
      updated_at: nowIso(deps),
    })
    .where('id', '=', repairId)
    .execute();
  return loadRepair(deps.db, actor, repairId);
}
