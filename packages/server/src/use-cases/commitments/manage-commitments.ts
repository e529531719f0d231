import { randomUUID } from 'node:crypto';
import {
  type CommitmentView,
  commitmentDateProblems,
  localDateAt,
  type Repair,
  type Schedule,
} from '@kintsugi/core';
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { CommitmentsTable, Database } from '../../db/schema.js';
import { AppError, notFound } from '../../errors/app-error.js';
import { type Deps, nowIso } from '../deps.js';
import { loadManagedRepair, loadRepair, type RepairRow } from '../repairs/load-repair.js';
import { ledgerRecorded } from './commitment-ledger.js';
import { getCommitmentsView, occurrenceAt } from './commitments-view.js';
import { AFTER_LISTENING } from './messages.js';

export interface CommitmentOptions {
  action: string;
  evidence: string;
  schedule: Schedule;
  startsOn: string;
  endsOn?: string | undefined;
  themeIds: string[];
  replacesId?: string | undefined;
}

async function commitmentView(
  deps: Deps,
  actor: Actor,
  repairId: string,
  commitmentId: string,
): Promise<CommitmentView> {
  const view = await getCommitmentsView(deps, actor, repairId);
  const found = view.commitments.find((c) => c.id === commitmentId);
  if (!found) throw notFound('commitment in this repair');
  return found;
}

async function organizationZone(db: Kysely<Database>, organizationId: string): Promise<string> {
  const org = await db
    .selectFrom('organizations')
    .select('time_zone')
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return org.time_zone;
}

async function managedAfterListening(deps: Deps, actor: Actor, repairId: string): Promise<RepairRow> {
  const repair = await loadManagedRepair(deps.db, actor, repairId);
  if (!AFTER_LISTENING.includes(repair.stage)) {
    throw new AppError(
      'conflict',
      'Commitments answer what the team said: they can be made once the listening round has closed.',
    );
  }
  return repair;
}

/** A commitment answers themes with an observable action on a schedule. It is never edited: it is retired and replaced. */
export async function createCommitment(
  deps: Deps,
  actor: Actor,
  repairId: string,
  options: CommitmentOptions,
): Promise<CommitmentView> {
  const repair = await managedAfterListening(deps, actor, repairId);
  const timeZone = await organizationZone(deps.db, repair.organization_id);
  const problems = commitmentDateProblems(options, localDateAt(deps.now(), timeZone));
  if (problems.length > 0)
    throw new AppError('invalid_input', problems.map((p) => p.message).join(' '), { errors: problems });
  if (options.endsOn && options.endsOn < options.startsOn) {
    throw new AppError('invalid_input', 'The end or review date must not come before the start.', {
      errors: [{ path: 'endsOn', message: 'Choose a date on or after the start.' }],
    });
  }
  const themes = await deps.db.selectFrom('themes').select('id').where('repair_id', '=', repairId).execute();
  const known = new Set(themes.map((t) => t.id));
  const unknown = options.themeIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError('invalid_input', 'A commitment can answer only themes of this repair.', {
      errors: unknown.map((id) => ({ path: 'themeIds', message: `${id} is not a theme of this repair.` })),
    });
  }
  if (options.replacesId) {
    const old = await deps.db
      .selectFrom('commitments')
      .select('retired_at')
      .where('id', '=', options.replacesId)
      .where('repair_id', '=', repairId)
      .executeTakeFirst();
    if (!old) throw notFound('commitment to replace in this repair');
    if (!old.retired_at)
      throw new AppError(
        'conflict',
        'Retire the old commitment, with a reason the team can see, before replacing it.',
      );
  }
  const id = randomUUID();
  await deps.db
    .insertInto('commitments')
    .values({
      id,
      repair_id: repairId,
      action: options.action,
      evidence: options.evidence,
      schedule: JSON.stringify(options.schedule),
      starts_on: options.startsOn,
      ends_on: options.endsOn ?? null,
      theme_ids: JSON.stringify([...new Set(options.themeIds)]),
      replaces_id: options.replacesId ?? null,
      created_at: nowIso(deps),
      retired_at: null,
      retired_reason: null,
    })
    .execute();
  return commitmentView(deps, actor, repairId, id);
}

/** Retires a commitment with a reason the team sees; its history stays. */
export async function retireCommitment(
  deps: Deps,
  actor: Actor,
  repairId: string,
  commitmentId: string,
  reason: string,
): Promise<CommitmentView> {
  await loadManagedRepair(deps.db, actor, repairId);
  const result = await deps.db
    .updateTable('commitments')
    .set({ retired_at: nowIso(deps), retired_reason: reason })
    .where('id', '=', commitmentId)
    .where('repair_id', '=', repairId)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    const exists = await deps.db
      .selectFrom('commitments')
      .select('id')
      .where('id', '=', commitmentId)
      .where('repair_id', '=', repairId)
      .executeTakeFirst();
    if (!exists) throw notFound('commitment in this repair');
    throw new AppError('conflict', 'This commitment is already retired.');
  }
  return commitmentView(deps, actor, repairId, commitmentId);
}

/**
 * The organisation's zone, read after a no-op update of its row: on PostgreSQL that waits for a change of zone
 * in progress (whose transaction moves every recorded occurrence), so nothing is recorded in the old zone after
 * the move. SQLite runs one write transaction at a time.
 */
async function lockedZone(trx: Kysely<Database>, organizationId: string): Promise<string> {
  await trx
    .updateTable('organizations')
    .set((eb) => ({ time_zone: eb.ref('time_zone') }))
    .where('id', '=', organizationId)
    .execute();
  return organizationZone(trx, organizationId);
}

/** Which occurrence is being recorded: its due instant and local date, or why it cannot be. */
function placeOccurrence(
  row: Selectable<CommitmentsTable>,
  timeZone: string,
  requested: string | undefined,
  now: Date,
): { dueAt: string; localDate: string } {
  const schedule = JSON.parse(row.schedule) as Schedule;
  if (schedule.kind === 'event') {
    const dueAt = requested ? new Date(requested).toISOString() : now.toISOString();
    if (Date.parse(dueAt) > now.getTime())
      throw new AppError('invalid_input', 'An event can be logged only once it has happened.', {
        errors: [{ path: 'dueAt', message: 'Must not be in the future.' }],
      });
    if (Date.parse(dueAt) < Date.parse(row.created_at))
      throw new AppError(
        'invalid_input',
        'That happened before the commitment was made: it is not part of the record.',
        { errors: [{ path: 'dueAt', message: 'Must not be before the commitment was made.' }] },
      );
    return { dueAt, localDate: localDateAt(new Date(dueAt), timeZone) };
  }
  if (!requested)
    throw new AppError('invalid_input', 'Say which occurrence you are recording.', {
      errors: [{ path: 'dueAt', message: 'Required for a scheduled commitment.' }],
    });
  const wanted = new Date(requested);
  if (wanted.getTime() < Date.parse(row.created_at))
    throw new AppError(
      'invalid_input',
      'That occurrence falls before the commitment was made: it was never due, and is not part of the record.',
      { errors: [{ path: 'dueAt', message: 'Choose an occurrence from the list.' }] },
    );
  const match = occurrenceAt(row, timeZone, wanted);
  if (!match)
    throw new AppError('invalid_input', "That is not one of this commitment's due times.", {
      errors: [{ path: 'dueAt', message: 'Choose a due occurrence from the list.' }],
    });
  // Recording may run a day ahead (a weekly meeting held on Friday for Monday), not further.
  if (Date.parse(match.dueAt) > now.getTime() + 86_400_000)
    throw new AppError('conflict', 'This occurrence is not due yet; record it when it is done.');
  return match;
}

/** Records a due occurrence as kept (what was done) or missed (owned, not explained away). */
export async function recordOccurrence(
  deps: Deps,
  actor: Actor,
  repairId: string,
  commitmentId: string,
  input: { dueAt?: string | undefined; status: 'kept' | 'missed'; note: string; link?: string | undefined },
): Promise<CommitmentView> {
  const repair = await managedAfterListening(deps, actor, repairId);
  const row = await deps.db
    .selectFrom('commitments')
    .selectAll()
    .where('id', '=', commitmentId)
    .where('repair_id', '=', repairId)
    .executeTakeFirst();
  if (!row) throw notFound('commitment in this repair');
  if (row.retired_at)
    throw new AppError('conflict', 'This commitment is retired; record on the commitment that replaced it.');
  const now = deps.now();
  // The row and the commitment's ledger land together or not at all.
  await deps.db.transaction().execute(async (trx) => {
    // Placed in the zone as it stands once a change of zone, which moves what was recorded, is over.
    const timeZone = await lockedZone(trx, repair.organization_id);
    const { dueAt, localDate } = placeOccurrence(row, timeZone, input.dueAt, now);
    const occurrence = {
      id: randomUUID(),
      commitment_id: commitmentId,
      due_at: dueAt,
      local_date: localDate,
      status: input.status,
      note: input.note,
      link: input.link ?? null,
      recorded_at: now.toISOString(),
    };
    // Not a caught unique violation, which PostgreSQL would write to its log with the key and a time.
    const inserted = await trx
      .insertInto('occurrences')
      .values(occurrence)
      .onConflict((oc) => oc.columns(['commitment_id', 'due_at']).doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows === 0n)
      throw new AppError('conflict', 'This occurrence is already recorded.');
    await ledgerRecorded(trx, commitmentId, occurrence);
  });
  return commitmentView(deps, actor, repairId, commitmentId);
}

/** Moves the repair to demonstrating, but only when every theme is answered by a commitment or a reason. */
export async function startDemonstrating(deps: Deps, actor: Actor, repairId: string): Promise<Repair> {
  await managedAfterListening(deps, actor, repairId);
  const view = await getCommitmentsView(deps, actor, repairId);
  const unanswered = view.coverage.themes.filter((t) => t.state === 'unanswered');
  if (unanswered.length > 0) {
    throw new AppError(
      'conflict',
      'Every theme needs a commitment or a reason why not before demonstrating starts.',
      {
        errors: unanswered.map((t) => ({ path: 'themes', message: `"${t.name}" is not answered yet.` })),
      },
    );
  }
  if (view.commitments.every((c) => c.retired))
    throw new AppError('conflict', 'Make at least one commitment first.');
  await deps.db
    .updateTable('repairs')
    .set({ stage: 'demonstrating', updated_at: nowIso(deps) })
    .where('id', '=', repairId)
    .execute();
  return loadRepair(deps.db, actor, repairId);
}
