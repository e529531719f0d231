import { randomUUID } from 'node:crypto';
import { suggestThemes, type Theme } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { authorize, policies } from '../../policies/policies.js';
import { type Deps, nowIso } from '../deps.js';
import { revealedAnswers } from './answers-view.js';
import { loadRepairRow, type RepairRow } from './load-repair.js';

async function managed(deps: Deps, actor: Actor, repairId: string): Promise<RepairRow> {
  const repair = await loadRepairRow(deps.db, actor, repairId);
  authorize(
    policies.manageRepair(actor, { leaderId: repair.leader_id }),
    "Only the repair's leader or an admin can work on its themes.",
  );
  return repair;
}

function presentTheme(row: {
  id: string;
  name: string;
  need: string;
  acknowledgement: string;
  answer_ids: string;
}): Theme {
  return {
    id: row.id,
    name: row.name,
    need: row.need,
    acknowledgement: row.acknowledgement,
    answerIds: JSON.parse(row.answer_ids),
  };
}

async function assertVisibleAnswers(deps: Deps, repair: RepairRow, answerIds: string[]): Promise<void> {
  const { byQuestion } = await revealedAnswers(deps, repair);
  const visible = new Set([...byQuestion.values()].flat().map((a) => a.id));
  const unknown = answerIds.filter((id) => !visible.has(id));
  if (unknown.length > 0) {
    throw new AppError('invalid_input', 'A theme can group only answers that are shown in this repair.', {
      errors: unknown.map((id) => ({
        path: 'answerIds',
        message: `${id} is not a shown answer of this repair.`,
      })),
    });
  }
}

/** The themes so far, and suggestions grouped from the words of the shown answers. */
export async function listThemes(deps: Deps, actor: Actor, repairId: string) {
  const repair = await managed(deps, actor, repairId);
  const rows = await deps.db
    .selectFrom('themes')
    .selectAll()
    .where('repair_id', '=', repairId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const { byQuestion } = await revealedAnswers(deps, repair);
  const answers = [...byQuestion.values()].flat().map((a) => ({ id: a.id, text: a.body }));
  return { themes: rows.map(presentTheme), suggestions: suggestThemes(answers) };
}

export async function createTheme(
  deps: Deps,
  actor: Actor,
  repairId: string,
  input: { name: string; need: string; acknowledgement: string; answerIds: string[] },
): Promise<Theme> {
  const repair = await managed(deps, actor, repairId);
  await assertVisibleAnswers(deps, repair, input.answerIds);
  const row = {
    id: randomUUID(),
    repair_id: repairId,
    name: input.name,
    need: input.need,
    acknowledgement: input.acknowledgement,
    answer_ids: JSON.stringify([...new Set(input.answerIds)]),
    created_at: nowIso(deps),
  };
  await deps.db.insertInto('themes').values(row).execute();
  return presentTheme(row);
}

export async function updateTheme(
  deps: Deps,
  actor: Actor,
  repairId: string,
  themeId: string,
  changes: {
    name?: string | undefined;
    need?: string | undefined;
    acknowledgement?: string | undefined;
    answerIds?: string[] | undefined;
  },
): Promise<Theme> {
  const repair = await managed(deps, actor, repairId);
  if (changes.answerIds) await assertVisibleAnswers(deps, repair, changes.answerIds);
  const result = await deps.db
    .updateTable('themes')
    .set({
      name: changes.name,
      need: changes.need,
      acknowledgement: changes.acknowledgement,
      answer_ids: changes.answerIds ? JSON.stringify([...new Set(changes.answerIds)]) : undefined,
    })
    .where('id', '=', themeId)
    .where('repair_id', '=', repairId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('theme in this repair');
  const row = await deps.db
    .selectFrom('themes')
    .selectAll()
    .where('id', '=', themeId)
    .executeTakeFirstOrThrow();
  return presentTheme(row);
}

export async function deleteTheme(
  deps: Deps,
  actor: Actor,
  repairId: string,
  themeId: string,
): Promise<void> {
  await managed(deps, actor, repairId);
  // A commitment's answer to a theme is part of the record the team sees (and its coverage): never cut away.
  const commitments = await deps.db
    .selectFrom('commitments')
    .select(['action', 'theme_ids'])
    .where('repair_id', '=', repairId)
    .execute();
  const answering = commitments.filter((c) => (JSON.parse(c.theme_ids) as string[]).includes(themeId));
  if (answering.length > 0) {
    throw new AppError(
      'has_history',
      `A commitment answers this theme (“${(answering[0] as { action: string }).action}”), so it stays part of the record. Edit its wording instead.`,
    );
  }
  const result = await deps.db
    .deleteFrom('themes')
    .where('id', '=', themeId)
    .where('repair_id', '=', repairId)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('theme in this repair');
}
