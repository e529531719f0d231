import { randomUUID } from 'node:crypto';
import type { Message, RepairStage } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { AppError } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { loadManagedRepair, loadRepairRow } from '../repairs/load-repair.js';

/** Stages in which the leader has heard the team and may answer it. */
export const AFTER_LISTENING: readonly RepairStage[] = [
  'understanding',
  'responding',
  'committing',
  'demonstrating',
];

export async function listMessages(deps: Deps, actor: Actor, repairId: string): Promise<Message[]> {
  await loadRepairRow(deps.db, actor, repairId);
  return messagesOf(deps, repairId);
}

/** The messages of a repair the caller was already allowed to read (by the policies, or by a team link). */
export async function messagesOf(deps: Deps, repairId: string): Promise<Message[]> {
  const rows = await deps.db
    .selectFrom('messages as m')
    .innerJoin('people as p', 'p.id', 'm.author_id')
    .select(['m.id', 'm.body', 'm.published_at', 'p.name'])
    .where('m.repair_id', '=', repairId)
    .orderBy('m.published_at')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ id: r.id, body: r.body, authorName: r.name, publishedAt: r.published_at }));
}

/** Publishes the leader's message to the team. Published messages never change: a correction is a new message. */
export async function publishMessage(
  deps: Deps,
  actor: Actor,
  repairId: string,
  body: string,
): Promise<Message> {
  const repair = await loadManagedRepair(deps.db, actor, repairId);
  if (!AFTER_LISTENING.includes(repair.stage)) {
    throw new AppError(
      'conflict',
      'Listen first: a response can be published once the listening round has closed.',
    );
  }
  const message = {
    id: randomUUID(),
    repair_id: repairId,
    author_id: actor.personId,
    body,
    published_at: nowIso(deps),
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('messages').values(message).execute();
    await trx
      .updateTable('repairs')
      .set({ stage: 'committing', updated_at: message.published_at })
      .where('id', '=', repairId)
      .where('stage', 'in', ['understanding', 'responding'])
      .execute();
  });
  const author = await deps.db
    .selectFrom('people')
    .select('name')
    .where('id', '=', actor.personId)
    .executeTakeFirstOrThrow();
  return { id: message.id, body, authorName: author.name, publishedAt: message.published_at };
}
