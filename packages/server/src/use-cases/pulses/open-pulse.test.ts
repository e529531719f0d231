import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBallotKeys } from '../../ballots/ballot-keys.js';
import { createOrganization, createTeamWithMembers, type TestOrganization } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';
import type { Deps } from '../deps.js';
import { openPulse } from './open-pulse.js';

/** Several instances racing for one team's pulse: only the one that wins the claim pays for an RSA key. */
describe.each(ENGINES)('opening a pulse from several instances at once (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Race');
  });
  afterAll(() => app.close());

  it('sends one pulse and generates exactly one key pair', async () => {
    const teamId = await createTeamWithMembers(app, org, 3, 'race');
    let generated = 0;
    const deps: Deps = {
      ...app.deps,
      createBallotKeys: (secret, ballotId) => {
        generated++;
        return createBallotKeys(secret, ballotId);
      },
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => openPulse(deps, { teamId, kind: 'baseline', notify: false })),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(generated).toBe(1);
    const pulses = await app.deps.db
      .selectFrom('pulses')
      .select(['public_key', 'private_key'])
      .where('team_id', '=', teamId)
      .execute();
    expect(pulses).toHaveLength(1);
    expect(pulses[0]?.public_key).not.toBe('');
    expect(pulses[0]?.private_key).not.toBe('');
  });
});
