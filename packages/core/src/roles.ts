/** Roles a person can hold in an organisation. */
export const ROLES = ['admin', 'facilitator', 'leader', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** The roles that may lead a team: one rule for the server's checks and the web's list of candidates. */
export const LEADING_ROLES: readonly Role[] = ['leader', 'admin'];

/** Roles that may sign in and use the app; members usually reach Kintsugi by personal link only. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  facilitator: 'Facilitator',
  leader: 'Leader',
  member: 'Team member',
};
