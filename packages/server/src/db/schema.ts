import type { Role } from '@kintsugi/core';

// Timestamps are ISO 8601 strings in UTC on both engines, so one code path reads them.
export interface OrganizationsTable {
  id: string;
  name: string;
  time_zone: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
}

export interface PeopleTable {
  id: string;
  organization_id: string;
  name: string;
  email: string;
  role: Role;
  user_id: string | null;
  created_at: string;
}

export interface TeamsTable {
  id: string;
  organization_id: string;
  name: string;
  /** Lower-cased name: team names are unique in an organisation regardless of case. */
  name_key: string;
  leader_id: string | null;
  created_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  person_id: string;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  id: string;
  user_id: string;
  organization_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  organization_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  people: PeopleTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
}
