import type { PulseAbilities, RepairAbilities, SessionAbilities, TeamAbilities } from '@kintsugi/core';
import type { Actor } from '../auth/actor.js';
import { policies } from './policies.js';

/**
 * What the caller may do, presented with each response from the same policies the use cases enforce, so the web
 * app shows exactly the actions the API will accept.
 */
export const abilities = {
  repair: (actor: Actor, repair: { leaderId: string }): RepairAbilities => ({
    manage: policies.manageRepair(actor, repair),
    readAnswers: policies.readAnswers(actor, repair),
  }),
  team: (actor: Actor, team: { leaderId: string | null }): TeamAbilities => ({
    manage: policies.manageTeams(actor),
    openRepair: policies.openRepair(actor, team),
    managePulse: policies.managePulse(actor, team),
  }),
  pulse: (actor: Actor, team: { leaderId: string | null }): PulseAbilities => ({
    manage: policies.managePulse(actor, team),
  }),
  /** `ledTeams` are the teams the caller leads, which decide whether they may open a repair at all. */
  session: (actor: Actor, ledTeams: readonly { leaderId: string | null }[]): SessionAbilities => ({
    readPeople: policies.readPeople(actor),
    managePeople: policies.managePeople(actor),
    manageTeams: policies.manageTeams(actor),
    manageOrganization: policies.manageOrganization(actor),
    readOverview: policies.readOverview(actor),
    readAllTeams: policies.readAllTeams(actor),
    readAllRepairs: policies.readAllRepairs(actor),
    openRepairAnywhere: policies.openRepairAnywhere(actor),
    openRepair: policies.openRepairAnywhere(actor) || ledTeams.some((t) => policies.openRepair(actor, t)),
    leadRepairs: policies.canLeadTeam(actor.role),
  }),
} as const;
