import { LEADING_ROLES } from '@kintsugi/core';
import type { Actor } from '../auth/actor.js';
import { forbidden } from '../errors/app-error.js';

/** Who may do what, in one place. Route handlers and use cases ask here; they never compare roles themselves. */
export const policies = {
  readPeople: (actor: Actor) => actor.role === 'admin',
  managePeople: (actor: Actor) => actor.role === 'admin',
  manageTeams: (actor: Actor) => actor.role === 'admin',
  /** Admins and facilitators see every team; others see the teams they lead or belong to. */
  readAllTeams: (actor: Actor) => actor.role === 'admin' || actor.role === 'facilitator',
  readTeam: (actor: Actor, team: { leaderId: string | null; memberIds: readonly string[] }) =>
    policies.readAllTeams(actor) ||
    team.leaderId === actor.personId ||
    team.memberIds.includes(actor.personId),
  manageOrganization: (actor: Actor) => actor.role === 'admin',
  /** Admins may open a repair for any team (that has a leader to run it). */
  openRepairAnywhere: (actor: Actor) => actor.role === 'admin',
  /** Opening a repair is for the team's own leader, or an admin. */
  openRepair: (actor: Actor, team: { leaderId: string | null }) =>
    policies.openRepairAnywhere(actor) || (team.leaderId !== null && team.leaderId === actor.personId),
  /** Admins and facilitators see every repair of the organisation; leaders see the repairs they lead. */
  readAllRepairs: (actor: Actor) => actor.role === 'admin' || actor.role === 'facilitator',
  /** The repair's leader and admins run it; facilitators may follow its progress; nobody else sees it. */
  manageRepair: (actor: Actor, repair: { leaderId: string }) =>
    actor.role === 'admin' || repair.leaderId === actor.personId,
  readRepair: (actor: Actor, repair: { leaderId: string }) =>
    policies.manageRepair(actor, repair) || actor.role === 'facilitator',
  /** What people said, even above the threshold, is for the repair's leader and admins only. */
  readAnswers: (actor: Actor, repair: { leaderId: string }) => policies.manageRepair(actor, repair),
  /** A team's pulse is set and sent by its leader or an admin; facilitators may follow its results. */
  managePulse: (actor: Actor, team: { leaderId: string | null }) =>
    actor.role === 'admin' || (team.leaderId !== null && team.leaderId === actor.personId),
  readPulse: (actor: Actor, team: { leaderId: string | null }) =>
    policies.managePulse(actor, team) || actor.role === 'facilitator',
  /** The organisation-wide overview of repairs: aggregates only, for facilitators and admins. */
  readOverview: (actor: Actor) => actor.role === 'admin' || actor.role === 'facilitator',
  /** A team's leader must be someone whose role lets them lead. */
  canLeadTeam: (role: string) => (LEADING_ROLES as readonly string[]).includes(role),
} as const;

export function authorize(allowed: boolean, detail?: string): void {
  if (!allowed) throw forbidden(detail);
}
