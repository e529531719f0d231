import type { Role } from '@kintsugi/core';

/** Who is making a request, as resolved from a session cookie or an API token. */
export interface Actor {
  userId: string;
  personId: string;
  organizationId: string;
  role: Role;
  via: 'session' | 'token';
  /** Set for session actors: the id (hash) of the session row. */
  sessionId: string | null;
}
