import type { Deps } from '../deps.js';

export async function getSetupStatus(deps: Deps): Promise<{ needsSetup: boolean }> {
  const row = await deps.db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return { needsSetup: row === undefined };
}
