import { z } from 'zod';

/**
 * What the caller may do, as the server's policies decide it. The web app shows an action only where the response
 * says it may be taken, so it never guesses from a role and never offers a button the API would refuse.
 */
export const repairAbilitiesSchema = z.object({
  /** Run the repair: rounds, themes, messages, commitments, records, team links. */
  manage: z.boolean(),
  /** Read what people answered and the leader's forecast. */
  readAnswers: z.boolean(),
});
export type RepairAbilities = z.infer<typeof repairAbilitiesSchema>;

export const teamAbilitiesSchema = z.object({
  /** Rename the team, change its leader and members, delete it. */
  manage: z.boolean(),
  /** Open a repair for this team. */
  openRepair: z.boolean(),
  /** Set and send the team's trust pulse. */
  managePulse: z.boolean(),
});
export type TeamAbilities = z.infer<typeof teamAbilitiesSchema>;

export const pulseAbilitiesSchema = z.object({
  /** Set the cadence and send a pulse now (the team's leader or an admin). */
  manage: z.boolean(),
});
export type PulseAbilities = z.infer<typeof pulseAbilitiesSchema>;

/** The organisation-wide abilities, on the session. */
export const sessionAbilitiesSchema = z.object({
  readPeople: z.boolean(),
  managePeople: z.boolean(),
  manageTeams: z.boolean(),
  manageOrganization: z.boolean(),
  readOverview: z.boolean(),
  /** See every team and every repair of the organisation, not only one's own. */
  readAllTeams: z.boolean(),
  readAllRepairs: z.boolean(),
  /** Open a repair for any team that has a leader. */
  openRepairAnywhere: z.boolean(),
  /** Open a repair for at least one team (any team, or one the caller leads). */
  openRepair: z.boolean(),
  /** The caller's role lets them lead teams and their repairs (so, for instance, a calendar of commitments). */
  leadRepairs: z.boolean(),
});
export type SessionAbilities = z.infer<typeof sessionAbilitiesSchema>;
