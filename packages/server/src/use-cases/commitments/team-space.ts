import type { TeamSpace } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { hashSecret } from '../../auth/secrets.js';
import { AppError } from '../../errors/app-error.js';
import type { Deps } from '../deps.js';
import { pulseTrend } from '../pulses/pulse-trend.js';
import { organizationThreshold } from '../repairs/load-repair.js';
import { getCommitmentsView } from './commitments-view.js';
import { listMessages } from './messages.js';

/**
 * The repair as a team member sees it through their personal link: the leader's messages, the themes heard (never
 * the answers), the commitments and what was done. It is read with the leader's view, so the same thresholds hold.
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
  // Read as the repair's leader would, then present only what the team may see.
  const leader: Actor = {
    userId: '',
    personId: row.leader_id,
    organizationId: row.organization_id,
    role: 'leader',
    via: 'token',
    sessionId: null,
  };
  const view = await getCommitmentsView(deps, leader, row.id);
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
    messages: await listMessages(deps, leader, row.id),
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
