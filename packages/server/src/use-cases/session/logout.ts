import type { Deps } from '../deps.js';

export async function logout(deps: Deps, sessionId: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
