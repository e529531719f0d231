import type { Actor } from '../../auth/actor.js';
import { notFound } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { loadManagedRepair } from '../repairs/load-repair.js';

async function themeOf(deps: Deps, actor: Actor, repairId: string, themeId: string) {
  await loadManagedRepair(deps.db, actor, repairId);
  const theme = await deps.db
    .selectFrom('themes')
    .select('id')
    .where('id', '=', themeId)
    .where('repair_id', '=', repairId)
    .executeTakeFirst();
  if (!theme) throw notFound('theme in this repair');
}

/** A theme may be answered by a stated reason why no commitment answers it; the team sees the reason. */
export async function setThemeReason(
  deps: Deps,
  actor: Actor,
  repairId: string,
  themeId: string,
  reason: string,
) {
  await themeOf(deps, actor, repairId, themeId);
  await deps.db
    .insertInto('theme_reasons')
    .values({ theme_id: themeId, reason, created_at: nowIso(deps) })
    .onConflict((oc) => oc.column('theme_id').doUpdateSet({ reason }))
    .execute();
  return { themeId, reason };
}

export async function clearThemeReason(
  deps: Deps,
  actor: Actor,
  repairId: string,
  themeId: string,
): Promise<void> {
  await themeOf(deps, actor, repairId, themeId);
  await deps.db.deleteFrom('theme_reasons').where('theme_id', '=', themeId).execute();
}
