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
  /** A team's leader must be someone whose role lets them lead. */
  canLeadTeam: (role: string) => role === 'leader' || role === 'admin',
} as const;

export function authorize(allowed: boolean, detail?: string): void {
  if (!allowed) throw forbidden(detail);
}
