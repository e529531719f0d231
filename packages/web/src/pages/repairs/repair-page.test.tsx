// @vitest-environment happy-dom
import type { RepairAbilities, Role } from '@kintsugi/core';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  answerFrom,
  committingRepair,
  LEADER_ID,
  repairResponses,
  sessionAs,
  WithSession,
} from '../../test/api-responses';
import { RepairPage } from './repair-page';

const FACILITATOR_ID = '00000000-0000-4000-8000-000000000020';

async function showRepair(role: Role, personId: string, abilities: RepairAbilities) {
  const repair = committingRepair(abilities);
  vi.stubGlobal(
    'fetch',
    answerFrom({ ...repairResponses(repair), '/api/v1/session': sessionAs(role, personId) }),
  );
  render(
    <WithSession>
      <RepairPage repairId={repair.id} />
    </WithSession>,
  );
  // The commitment shows once the page has read the repair and its commitments.
  await screen.findAllByText('Ask the team before changing who works on what');
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the repair page shows only what the repair’s abilities allow', () => {
  it('a facilitator follows the repair: no composer, no Retire, no reasons, no answers', async () => {
    await showRepair('facilitator', FACILITATOR_ID, { manage: false, readAnswers: false });
    expect(screen.queryByRole('button', { name: /Retire/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Publish to the team/ })).toBeNull();
    expect(screen.queryByText('Make another commitment')).toBeNull();
    expect(screen.queryByText('Make a commitment')).toBeNull();
    expect(screen.queryByRole('button', { name: /Give a reason instead/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'What people said' })).toBeNull();
    // What they may read is still there.
    expect(screen.getByText('I moved you without asking.')).toBeTruthy();
  });

  it('the repair’s leader runs it: the composer, Retire and reasons are there', async () => {
    await showRepair('leader', LEADER_ID, { manage: true, readAnswers: true });
    expect(screen.getByRole('button', { name: /Retire/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Publish to the team/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Give a reason instead/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'What people said' })).toBeTruthy();
  });

  it('follows the abilities, not the role: without `manage` even an admin’s session shows no Retire', async () => {
    // Whatever the role, the server's abilities decide; the web no longer guesses from it.
    await showRepair('admin', FACILITATOR_ID, { manage: false, readAnswers: false });
    expect(screen.queryByRole('button', { name: /Retire/ })).toBeNull();
  });
});
