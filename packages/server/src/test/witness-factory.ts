import { WEEKDAYS } from '@kintsugi/core';
import { obtainSignedToken } from './blind-token.js';
import type { TestOrganization } from './factories.js';
import { answerAll, obtainToken, openRoundWithTeam } from './listening-factory.js';
import { linksOfPeople } from './outbox-links.js';
import { request, type TestApp } from './test-app.js';

export interface WitnessableOccurrence {
  repairId: string;
  occurrenceId: string;
  /** Each affected person's team-space link, as emailed to them. */
  links: { personId: string; secret: string }[];
}

/**
 * A repair of a team of `size` that listened (everyone answered, the round is closed), committed to a daily habit and
 * recorded its first occurrence as kept; every affected person has a team-space link with which to witness it.
 */
export async function witnessableOccurrence(
  app: TestApp,
  org: TestOrganization,
  size: number,
): Promise<WitnessableOccurrence> {
  const round = await openRoundWithTeam(app, org, size);
  for (const link of round.links)
    await answerAll(app, await obtainToken(app, link.secret), { impact: 'It hurt' });
  const as = { token: org.leader.token };
  const url = `/api/v1/repairs/${round.repairId}`;
  const closed = await request(app, { method: 'POST', url: `${url}/round/close`, as });
  if (closed.statusCode !== 200) throw new Error(`close: ${closed.body}`);
  const commitment = await request(app, {
    method: 'POST',
    url: `${url}/commitments`,
    body: {
      action: 'I will post the draft roadmap every Monday',
      evidence: 'In the team channel',
      schedule: { kind: 'recurring', pattern: { type: 'weekly', weekdays: [...WEEKDAYS] } },
      startsOn: app.deps.now().toISOString().slice(0, 10),
    },
    as,
  });
  if (commitment.statusCode !== 201) throw new Error(`commitment: ${commitment.body}`);
  // The first occurrence after the commitment was made: within a day, so it may be recorded already.
  const [first] = commitment.json().occurrences as { dueAt: string }[];
  const recorded = await request(app, {
    method: 'POST',
    url: `${url}/commitments/${commitment.json().id}/occurrences`,
    body: { dueAt: first?.dueAt, status: 'kept', note: 'Posted it.' },
    as,
  });
  if (recorded.statusCode !== 201) throw new Error(`occurrence: ${recorded.body}`);
  const occurrenceId: string = recorded
    .json()
    .occurrences.find((o: { status: string }) => o.status === 'kept').id;
  const issued = await request(app, { method: 'POST', url: `${url}/team-links`, as });
  if (issued.statusCode !== 200) throw new Error(`team links: ${issued.body}`);
  const sent: { personId: string }[] = issued.json().sent;
  const secrets = await linksOfPeople(app, 'team', sent);
  return {
    repairId: round.repairId,
    occurrenceId,
    links: sent.map((p, i) => ({ personId: p.personId, secret: secrets[i] ?? '' })),
  };
}

/** What a team member's browser does: blind a fresh witness token, have it signed through their link, unblind it. */
export async function obtainWitnessToken(app: TestApp, link: string, occurrenceId: string) {
  const { token, signature } = await obtainSignedToken(app, {
    keyUrl: '/api/v1/team-space/witness/key',
    issueUrl: '/api/v1/team-space/witness/issue',
    body: { link, occurrenceId },
    read: (json) => ({ id: occurrenceId, publicKey: (json as { publicKey: string }).publicKey }),
  });
  return { occurrenceId, token, signature };
}

export const sendWitness = (app: TestApp, proof: object, saw: boolean) =>
  request(app, { method: 'POST', url: '/api/v1/witness', body: { ...proof, saw } });
