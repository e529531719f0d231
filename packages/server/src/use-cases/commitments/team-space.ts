import type { TeamSpace } from '@kintsugi/core';
import { hashSecret } from '../../auth/secrets.js';
import { AppError } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';
import { pulseTrend } from '../pulses/pulse-trend.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { commitmentsViewOf } from './commitments-view.js';
import { messagesOf } from './messages.js';

/**
 * The repair as a team member sees it through their personal link: the leader's messages, the themes heard (never
 * the answers), the commitments and what was done. It is read from the same view the leader gets, so the same
 * thresholds hold, and then cut down to what the team may see.
 */
export async function getTeamSpace(deps: Deps, link: string): Promise<TeamSpace> {
  const row = await deps.db
    .selectFrom('team_links as tl')
    .innerJoin('repairs as r', 'r.id', 'tl.repair_id')
    .innerJoin('teams as t', 't.id', 'r.team_id')
    .innerJoin('people as l', 'l.id', 'r.leader_id')
    .select([
      'r.id',
      'r.title',
      'r.stage',
      'r.description',
      'r.organization_id',
      'r.leader_id',
      'r.team_id',
      'r.created_at',
      't.name as teamName',
      'l.name as leaderName',
    ])
    .where('tl.link_hash', '=', hashSecret(link))
    .where('tl.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row)
    throw new AppError(
      'not_found',
      'This link is not valid or has been replaced. Ask your leader for your current link.',
    );
  // The link is the permission: the view is read for the repair itself, as the team may see it, with no actor.
  const view = await commitmentsViewOf(deps, { id: row.id, organization_id: row.organization_id });
  const themes = await deps.db
    .selectFrom('themes')
    .select(['id', 'name', 'need', 'acknowledgement'])
    .where('repair_id', '=', row.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const names = new Map(themes.map((t) => [t.id, t.name]));
  return {
    repairTitle: row.title,
    teamName: row.teamName,
    leaderName: row.leaderName,
    stage: row.stage,
    description: row.description,
    threshold: await organizationThreshold(deps.db, row.organization_id),
    messages: await messagesOf(deps, row.id),
    themes: themes.map((t) => {
      const coverage = view.coverage.themes.find((c) => c.themeId === t.id);
      return {
        id: t.id,
        name: t.name,
        need: t.need,
        acknowledgement: t.acknowledgement,
        state: coverage?.state ?? 'unanswered',
        reason: coverage?.reason ?? null,
      };
    }),
    commitments: view.commitments.map((c) => ({
      id: c.id,
      action: c.action,
      evidence: c.evidence,
      scheduleText: c.scheduleText,
      themeIds: c.themeIds,
      themeNames: c.themeIds.map((id) => names.get(id) ?? '').filter(Boolean),
      retired: c.retired,
      record: c.record,
      occurrences: c.occurrences,
    })),
    record: view.record,
    pulse: await pulseTrend(deps.db, {
      teamId: row.team_id,
      since: row.created_at.slice(0, 10),
      k: await organizationThreshold(deps.db, row.organization_id),
      withComments: false,
      today: deps.now().toISOString().slice(0, 10),
    }),
  };
}
