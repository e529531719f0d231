/**
 * Every way the forensic test drives the three anonymous ballots, in one place: when the ballot API changes,
 * only this file changes. Leader steps go through the HTTP API as a leader's browser would; each person reads
 * their link from their invitation email (the outbox, as no SMTP is configured), opens the public page, takes a
 * blindly signed token through the link and later answers with the token alone.
 */
import { CURRENT_PULSE_VERSION, pulseItemSet } from '@kintsugi/core';
import { obtainSignedToken } from '../blind-token.js';
import { createTeamWithMembers, type TestOrganization } from '../factories.js';
import { answerAll, obtainToken, type Proof } from '../listening-factory.js';
import { obtainPulseToken, type PulseProof, answerPulse as submitPulseRatings } from '../pulse-factory.js';
import { request, type TestApp } from '../test-app.js';

export interface Invitee {
  id: string;
  name: string;
  email: string;
}

export interface RoundSetup {
  repairId: string;
  teamId: string;
  invitees: Invitee[];
}

export type RoundTexts = { impact: string; need: string; restore: string };

const expectStatus = (what: string, res: { statusCode: number; body: string }, ...ok: number[]) => {
  if (!ok.includes(res.statusCode)) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
};

/** What became of an anonymous submission: stored at once (201, or 200 'stored'), or waiting for others (200 'pending'). */
export type Accepted = 'stored' | 'pending';

function accepted(what: string, res: { statusCode: number; body: string; json(): unknown }): Accepted {
  expectStatus(what, res, 200, 201);
  if (res.statusCode === 201) return 'stored';
  return (res.json() as { state: Accepted }).state;
}

/** A team of `n` people (no accounts) led by the organisation's leader, and a repair whose round the leader sends. */
export async function setupRound(app: TestApp, org: TestOrganization, n: number, label: string) {
  const teamId = await createTeamWithMembers(app, org, n, label);
  const as = { token: org.leader.token };
  const created = await request(app, {
    method: 'POST',
    url: '/api/v1/repairs',
    as,
    body: {
      teamId,
      title: `Roadmap changed without us ${label}`,
      description: 'I moved two people to another project without asking the team.',
      breachKinds: ['voice'],
    },
  });
  expectStatus('open repair', created, 201);
  const repairId = (created.json() as { id: string }).id;
  const forecast = await request(app, {
    method: 'PUT',
    url: `/api/v1/repairs/${repairId}/forecast`,
    as,
    body: {
      forecast: {
        impact: 'They were surprised and worried.',
        need: 'To be asked first.',
        restore: 'Being included in decisions.',
      },
    },
  });
  expectStatus('forecast', forecast, 200);
  // The response also carries every link; the people read theirs from their email instead (linkFromMail).
  expectStatus(
    'send round',
    await request(app, { method: 'POST', url: `/api/v1/repairs/${repairId}/round/open`, as }),
    200,
  );
  const invitees = await app.deps.db
    .selectFrom('team_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', 'p.email'])
    .where('m.team_id', '=', teamId)
    .orderBy('p.name')
    .execute();
  return { repairId, teamId, invitees } satisfies RoundSetup;
}

/** The person's link, read from the newest email to them that holds a `/<page>#secret` link. */
export async function linkFromMail(app: TestApp, person: Invitee, page: 'answer' | 'pulse' | 'team') {
  const mails = await app.deps.db
    .selectFrom('mail_outbox')
    .select(['body', 'created_at'])
    .where('recipient', '=', person.email)
    .orderBy('created_at', 'desc')
    .execute();
  const pattern = new RegExp(`/${page}#([A-Za-z0-9_-]+)`);
  for (const mail of mails) {
    const found = pattern.exec(mail.body ?? '');
    if (found?.[1]) return found[1];
  }
  throw new Error(`no /${page} link in the mail to ${person.name}`);
}

/** What the browser fetches before any script runs: the public page itself (its fragment never leaves the browser). */
export async function openPublicPage(app: TestApp, page: 'answer' | 'pulse' | 'team'): Promise<void> {
  await request(app, { method: 'GET', url: `/${page}` });
}

/** Opening the answer page: the browser takes its blindly signed token through the link. */
export async function takeRoundToken(app: TestApp, person: Invitee): Promise<Proof> {
  const link = await linkFromMail(app, person, 'answer');
  await openPublicPage(app, 'answer');
  return obtainToken(app, link);
}

/** Sending the answers: the token and the answers only. */
export async function submitRound(app: TestApp, proof: Proof, texts: RoundTexts): Promise<Accepted> {
  return accepted('answers', await answerAll(app, proof, texts));
}

/** Hostile: the browser sends the same token again (a retry after a lost response); answers the status code. */
export async function resubmitRound(app: TestApp, proof: Proof, texts: RoundTexts): Promise<number> {
  return (await answerAll(app, proof, texts)).statusCode;
}

/** The leader closes a round (answers still waiting are stored then). */
export async function closeRound(app: TestApp, org: TestOrganization, repairId: string): Promise<void> {
  const url = `/api/v1/repairs/${repairId}/round/close`;
  expectStatus(
    'close round',
    await request(app, { method: 'POST', url, as: { token: org.leader.token } }),
    200,
  );
}

/**
 * What the server does on a graceful shutdown (server.ts): anything still waiting in memory to be stored with
 * others is stored now. Servers without such a queue have nothing to do.
 */
export async function shutDownGracefully(app: TestApp): Promise<void> {
  // Typed structurally, so the driver also runs against servers that store everything at once.
  const { ballots } = app.deps as unknown as { ballots?: { flushAll(deps: unknown): Promise<number> } };
  if (ballots) await ballots.flushAll(app.deps);
}

/** The round is closed by its leader, a commitment made and one occurrence recorded; then team links are sent. */
export async function setupWitness(app: TestApp, org: TestOrganization, repairId: string): Promise<string> {
  const as = { token: org.leader.token };
  const url = `/api/v1/repairs/${repairId}`;
  expectStatus('close round', await request(app, { method: 'POST', url: `${url}/round/close`, as }), 200);
  const commitment = await request(app, {
    method: 'POST',
    url: `${url}/commitments`,
    as,
    body: {
      action: 'I will post the draft roadmap every Monday',
      evidence: 'In the team channel',
      schedule: { kind: 'recurring', pattern: { type: 'weekly', weekdays: ['monday'] } },
      startsOn: '2026-03-02',
    },
  });
  expectStatus('commitment', commitment, 201);
  const commitmentId = (commitment.json() as { id: string }).id;
  // A record starts when its commitment is made, and the server's clock cannot be moved: made earlier, in the table.
  await app.deps.db
    .updateTable('commitments')
    .set({ created_at: '2026-03-01T00:00:00.000Z' })
    .where('id', '=', commitmentId)
    .execute();
  const recorded = await request(app, {
    method: 'POST',
    url: `${url}/commitments/${commitmentId}/occurrences`,
    as,
    body: { dueAt: '2026-03-02T09:00:00Z', status: 'kept', note: 'Posted it.' },
  });
  expectStatus('record occurrence', recorded, 201);
  const occurrences = (recorded.json() as { occurrences: { id: string; status: string }[] }).occurrences;
  const occurrenceId = occurrences.find((o) => o.status === 'kept')?.id;
  if (!occurrenceId) throw new Error('no kept occurrence');
  // The response carries every team link too; people read theirs from their email.
  expectStatus('team links', await request(app, { method: 'POST', url: `${url}/team-links`, as }), 200);
  return occurrenceId;
}

/** The leader sends the team's pulse; links are emailed. */
export async function setupPulse(app: TestApp, org: TestOrganization, teamId: string): Promise<void> {
  const sent = await request(app, {
    method: 'POST',
    url: `/api/v1/teams/${teamId}/pulses`,
    as: { token: org.leader.token },
  });
  expectStatus('send pulse', sent, 201);
}

/** The pulse's statements, in order: what a person rates. */
export const pulseItemIds = (): string[] => pulseItemSet(CURRENT_PULSE_VERSION).items.map((i) => i.id);

export async function takePulseToken(app: TestApp, person: Invitee): Promise<PulseProof> {
  const link = await linkFromMail(app, person, 'pulse');
  await openPublicPage(app, 'pulse');
  return obtainPulseToken(app, link);
}

export async function answerPulse(
  app: TestApp,
  proof: PulseProof,
  ratings: Record<string, number>,
  comment: string,
): Promise<Accepted> {
  return accepted('pulse answer', await submitPulseRatings(app, proof, ratings, comment));
}

export interface WitnessProof {
  occurrenceId: string;
  token: string;
  signature: string;
}

const witnessIssuer = (link: string, occurrenceId: string) => ({
  keyUrl: '/api/v1/team-space/witness/key',
  issueUrl: '/api/v1/team-space/witness/issue',
  body: { link, occurrenceId },
  read: (json: unknown) => ({ id: occurrenceId, publicKey: (json as { publicKey: string }).publicKey }),
});

/** Opening the team page and asking to witness: a blindly signed token through the team link. */
export async function takeWitnessToken(app: TestApp, person: Invitee, occurrenceId: string) {
  const link = await linkFromMail(app, person, 'team');
  await openPublicPage(app, 'team');
  expectStatus(
    'team space',
    await request(app, { method: 'POST', url: '/api/v1/team-space', body: { link } }),
    200,
  );
  const { token, signature } = await obtainSignedToken(app, witnessIssuer(link, occurrenceId));
  return { occurrenceId, token, signature } satisfies WitnessProof;
}

export async function witness(app: TestApp, proof: WitnessProof, saw: boolean): Promise<Accepted> {
  return accepted(
    'witness',
    await request(app, { method: 'POST', url: '/api/v1/witness', body: { ...proof, saw } }),
  );
}

/**
 * Hostile: the same person's two devices ask for their witness token at the same moment. Exactly one may get
 * it; answers the proofs that were issued (one, or none if the ballot refuses both).
 */
export async function raceWitnessToken(app: TestApp, person: Invitee, occurrenceId: string) {
  const link = await linkFromMail(app, person, 'team');
  const issuer = witnessIssuer(link, occurrenceId);
  const settled = await Promise.allSettled([obtainSignedToken(app, issuer), obtainSignedToken(app, issuer)]);
  return settled
    .filter((s) => s.status === 'fulfilled')
    .map(
      (s) => ({ occurrenceId, token: s.value.token, signature: s.value.signature }) satisfies WitnessProof,
    );
}
