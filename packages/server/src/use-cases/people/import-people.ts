import { randomUUID } from 'node:crypto';
import { type ImportReport, parsePeopleCsv } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { AppError } from '../../errors/app-error.js';
import { authorize, policies } from '../../policies/policies.js';
import { type Deps, nowIso } from '../deps.js';

class DryRunRollback extends Error {}

/**
 * Imports people from `name,email,team` CSV, all or nothing. People already in the organisation (by email)
 * keep their details; missing teams are created. A dry run does the same work in a transaction it rolls back,
 * so its report is exactly what a real import would do.
 */
export async function importPeople(
  deps: Deps,
  actor: Actor,
  options: { csv: string; dryRun: boolean },
): Promise<ImportReport> {
  authorize(policies.managePeople(actor), 'Only admins can import people.');
  const { rows, errors } = parsePeopleCsv(options.csv);
  if (errors.length > 0) {
    const lines = errors.length === 1 ? `line ${errors[0]?.line} needs` : `${errors.length} lines need`;
    throw new AppError(
      'import_invalid',
      `Nothing was imported: ${lines} fixing. Correct the file and import it again.`,
      {
        rows: errors,
      },
    );
  }
  const report: ImportReport = {
    dryRun: options.dryRun,
    created: 0,
    alreadyPresent: 0,
    teamsCreated: [],
    membershipsAdded: 0,
  };
  const createdAt = nowIso(deps);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const people = await trx
        .selectFrom('people')
        .select(['id', 'email'])
        .where('organization_id', '=', actor.organizationId)
        .execute();
      const personByEmail = new Map(people.map((p) => [p.email, p.id]));
      const teams = await trx
        .selectFrom('teams')
        .select(['id', 'name_key'])
        .where('organization_id', '=', actor.organizationId)
        .execute();
      const teamByKey = new Map(teams.map((t) => [t.name_key, t.id]));
      const members = await trx
        .selectFrom('team_members as m')
        .innerJoin('teams as t', 't.id', 'm.team_id')
        .select(['m.team_id', 'm.person_id'])
        .where('t.organization_id', '=', actor.organizationId)
        .execute();
      const membership = new Set(members.map((m) => `${m.team_id}:${m.person_id}`));

      for (const row of rows) {
        let personId = personByEmail.get(row.email);
        if (personId) {
          report.alreadyPresent++;
        } else {
          personId = randomUUID();
          await trx
            .insertInto('people')
            .values({
              id: personId,
              organization_id: actor.organizationId,
              name: row.name,
              email: row.email,
              role: 'member',
              user_id: null,
              created_at: createdAt,
            })
            .execute();
          personByEmail.set(row.email, personId);
          report.created++;
        }
        if (row.team === '') continue;
        const key = row.team.toLowerCase();
        let teamId = teamByKey.get(key);
        if (!teamId) {
          teamId = randomUUID();
          await trx
            .insertInto('teams')
            .values({
              id: teamId,
              organization_id: actor.organizationId,
              name: row.team,
              name_key: key,
              leader_id: null,
              created_at: createdAt,
            })
            .execute();
          teamByKey.set(key, teamId);
          report.teamsCreated.push(row.team);
        }
        if (!membership.has(`${teamId}:${personId}`)) {
          await trx
            .insertInto('team_members')
            .values({ team_id: teamId, person_id: personId, created_at: createdAt })
            .execute();
          membership.add(`${teamId}:${personId}`);
          report.membershipsAdded++;
        }
      }
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return report;
}
