import type { RepairSummary } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { policies } from '../../policies/policies.js';
import type { Deps } from '../deps.js';
import { presentRepairSummary, repairQuery } from './load-repair.js';

/** Leaders see the repairs they lead; admins and facilitators see every repair of the organisation. */
export async function listRepairs(deps: Deps, actor: Actor): Promise<RepairSummary[]> {
  let query = repairQuery(deps.db).where('r.organization_id', '=', actor.organizationId);
  if (!policies.readAllRepairs(actor)) query = query.where('r.leader_id', '=', actor.personId);
  const rows = await query.orderBy('r.created_at', 'desc').orderBy('r.id').execute();
  return rows.map(presentRepairSummary);
}
