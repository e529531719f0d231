import { randomUUID, webcrypto } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import type { Actor } from '../auth/actor.js';
import { openRepair } from '../use-cases/repairs/create-repair.js';
import { openRound } from '../use-cases/repairs/open-round.js';
import { saveForecast } from '../use-cases/repairs/round-draft.js';
import type { TestOrganization } from './factories.js';
import { request, type TestApp } from './test-app.js';

const suite = RSABSSA.SHA384.PSS.Randomized();

export interface OpenedRound {
  repairId: string;
  roundId: string;
  /** Link secrets by person name, as the people would receive them. */
  links: { personId: string; name: string; secret: string }[];
}

/** A team of `size` members led by the organisation's leader, with a repair whose round is open. */
export async function openRoundWithTeam(
  app: TestApp,
  org: TestOrganization,
  size: number,
  label = randomUUID().slice(0, 6),
): Promise<OpenedRound> {
  const { db } = app.deps;
  const now = new Date().toISOString();
  const teamId = randomUUID();
  await db
    .insertInto('teams')
    .values({
      id: teamId,
      organization_id: org.id,
      name: `Listening ${label}`,
      name_key: `listening ${label}`,
      leader_id: org.leader.actor.personId,
      created_at: now,
    })
    .execute();
  for (let i = 0; i < size; i++) {
    const personId = randomUUID();
    await db
      .insertInto('people')
      .values({
        id: personId,
        organization_id: org.id,
        name: `Person ${label} ${i}`,
        email: `p${i}.${label}@example.org`,
        role: 'member',
        user_id: null,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('team_members')
      .values({ team_id: teamId, person_id: personId, created_at: now })
      .execute();
  }
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
  const { links } = await openRound(app.deps, leader, repair.id);
  const round = await db
    .selectFrom('rounds')
    .select('id')
    .where('repair_id', '=', repair.id)
    .executeTakeFirstOrThrow();
  return {
    repairId: repair.id,
    roundId: round.id,
    links: links.map((l) => ({ personId: l.personId, name: l.name, secret: l.url.split('#')[1] ?? '' })),
  };
}

export interface Proof {
  roundId: string;
  token: string;
  signature: string;
}

/** What the answering page does in the browser: fetch the key, blind a random token, get it signed, unblind. */
export async function obtainToken(app: TestApp, secret: string): Promise<Proof> {
  const invitation = await request(app, {
    method: 'POST',
    url: '/api/v1/ballot/invitation',
    body: { link: secret },
  });
  if (invitation.statusCode !== 200) throw new Error(`invitation: ${invitation.body}`);
  const { roundId, publicKey } = invitation.json() as { roundId: string; publicKey: string };
  const pk = await webcrypto.subtle.importKey(
    'spki',
    Buffer.from(publicKey, 'base64url'),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const prepared = suite.prepare(webcrypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(pk, prepared);
  const issued = await request(app, {
    method: 'POST',
    url: '/api/v1/ballot/issue',
    body: { link: secret, blindedMessage: Buffer.from(blindedMsg).toString('base64url') },
  });
  if (issued.statusCode !== 200) throw new Error(`issue: ${issued.body}`);
  const blindSig = Buffer.from((issued.json() as { blindSignature: string }).blindSignature, 'base64url');
  const signature = await suite.finalize(pk, prepared, new Uint8Array(blindSig), inv);
  return {
    roundId,
    token: Buffer.from(prepared).toString('base64url'),
    signature: Buffer.from(signature).toString('base64url'),
  };
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
