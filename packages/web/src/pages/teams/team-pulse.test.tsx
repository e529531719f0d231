// @vitest-environment happy-dom
import { type Role, type TeamPulse, teamPulseSchema } from '@kintsugi/core';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerFrom, LEADER_ID, sessionAs, WithSession } from '../../test/api-responses';
import { TeamPulseSection } from './team-pulse';

const TEAM_ID = '00000000-0000-4000-8000-000000000003';
/** The server's rule, as `setPulseCadence` refuses everyone else ("Only the team's leader or an admin…"). */
const RULE = /Only the team’s leader or an admin can change this\./;

async function showPulse(role: Role, manage: boolean) {
  const pulse: TeamPulse = teamPulseSchema.parse({
    teamId: TEAM_ID,
    everyWeeks: 2,
    nextOn: '2030-01-14',
    threshold: 3,
    pulses: [],
    abilities: { manage },
  });
  vi.stubGlobal(
    'fetch',
    answerFrom({ [`/api/v1/teams/${TEAM_ID}/pulse`]: pulse, '/api/v1/session': sessionAs(role, LEADER_ID) }),
  );
  render(
    <WithSession>
      <TeamPulseSection teamId={TEAM_ID} />
    </WithSession>,
  );
  await screen.findByText(/Next pulse:/);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the team pulse shows its controls by the pulse’s abilities, in the server’s words', () => {
  it('a facilitator follows it: the rule is "the team’s leader or an admin", and nothing to send', async () => {
    await showPulse('facilitator', false);
    expect(screen.getByText(RULE)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Send a pulse now' })).toBeNull();
  });

  it('anyone the server does not let manage it sees the same rule, whatever their role', async () => {
    // The old guess was "anyone but a facilitator"; the server's rule is the team's leader or an admin.
    await showPulse('leader', false);
    expect(screen.getByText(RULE)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Send a pulse now' })).toBeNull();
  });

  it('the team’s leader or an admin sets it and sends it', async () => {
    await showPulse('leader', true);
    expect(screen.queryByText(RULE)).toBeNull();
    expect(screen.getByRole('heading', { name: 'Send a pulse now' })).toBeTruthy();
  });
});
