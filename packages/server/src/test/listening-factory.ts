import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { openRepair } from '../use-cases/repairs/create-repair.js';
import { openRound } from '../use-cases/repairs/open-round.js';
import { saveForecast } from '../use-cases/repairs/round-draft.js';
import { obtainSignedToken } from './blind-token.js';
import { createTeamWithMembers, type TestOrganization } from './factories.js';
import { linksOfPeople } from './outbox-links.js';
import { request, type TestApp } from './test-app.js';

export interface OpenedRound {
  repairId: string;
  roundId: string;
  /** Link secrets by person name, as the people would receive them (read from the outbox: leaders get none). */
  links: { personId: string; name: string; secret: string }[];
}

export interface OpenRoundOptions {
  /** Where the people's links are read from: the outbox by default; with SMTP, the mail that was delivered. */
  readLinks?: (sent: readonly { personId: string }[]) => Promise<string[]>;
}

/** A team of `size` members led by the organisation's leader, with a repair whose round is open. */
export async function openRoundWithTeam(
  app: TestApp,
  org: TestOrganization,
  size: number,
  label = randomUUID().slice(0, 6),
  options: OpenRoundOptions = {},
): Promise<OpenedRound> {
  const { db } = app.deps;
  const teamId = await createTeamWithMembers(app, org, size, label);
  const leader: Actor = org.leader.actor;
  const repair = await openRepair(app.deps, leader, {
    teamId,
    title: `Roadmap changed without us ${label}`,
    description: 'I moved two people to another project without asking the team.',
    breachKinds: ['voice'],
  });
  await saveForecast(app.deps, leader, repair.id, {
    impact: 'They were surprised and worried about their projects.',
    need: 'To be asked before the decision.',
    restore: 'Being included in roadmap decisions.',
  });
  const { sent } = await openRound(app.deps, leader, repair.id);
  const secrets = await (options.readLinks ?? ((people) => linksOfPeople(app, 'answer', people)))(sent);
  const round = await db
    .selectFrom('rounds')
    .select('id')
    .where('repair_id', '=', repair.id)
    .executeTakeFirstOrThrow();
  return {
    repairId: repair.id,
    roundId: round.id,
    links: sent.map((p, i) => ({ personId: p.personId, name: p.name, secret: secrets[i] ?? '' })),
  };
}

export interface Proof {
  roundId: string;
  token: string;
  signature: string;
}

/** What the answering page does in the browser: fetch the key, blind a random token, get it signed, unblind. */
export async function obtainToken(app: TestApp, secret: string): Promise<Proof> {
  const { id, token, signature } = await obtainSignedToken(app, {
    keyUrl: '/api/v1/ballot/invitation',
    issueUrl: '/api/v1/ballot/issue',
    body: { link: secret },
    read: (json) => {
      const { roundId, publicKey } = json as { roundId: string; publicKey: string };
      return { id: roundId, publicKey };
    },
  });
  return { roundId: id, token, signature };
}

export async function answerAll(
  app: TestApp,
  proof: Proof,
  texts: { impact: string; need?: string; restore?: string },
  name?: string,
) {
  const answers = Object.entries(texts).map(([questionId, text]) => ({ questionId, text }));
  return request(app, {
    method: 'POST',
    url: '/api/v1/ballot/answers',
    body: { ...proof, answers, ...(name ? { name } : {}) },
  });
}
