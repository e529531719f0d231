import { webcrypto } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { expect } from 'vitest';

// Seeding over the API, for end-to-end tests whose subject comes after set-up: the UI for that is tested elsewhere.

/** Calls the API as a signed-in person: their session cookie and CSRF token go with every request. */
export type Caller = <T = { id: string }>(method: string, path: string, body?: unknown) => Promise<T>;

export interface Person {
  name: string;
  email: string;
}

export interface Admin extends Person {
  organizationName: string;
  password: string;
}

export interface Leader extends Person {
  password: string;
}

export function caller(baseUrl: string, cookie: string, csrfToken: string): Caller {
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as never;
  };
}

/** A public POST, without cookies: what a team member's browser sends. */
export async function postPublic<T>(baseUrl: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function callerFrom(baseUrl: string, res: Response): Promise<Caller> {
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return caller(baseUrl, (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrfToken);
}

/** Sets up the organisation; answers as its first administrator. */
export async function setUpOrganisation(baseUrl: string, admin: Admin): Promise<Caller> {
  const setup = await fetch(`${baseUrl}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  expect(setup.status).toBe(201);
  return callerFrom(baseUrl, setup);
}

/** Signs in with email and password. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Caller> {
  const login = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  return callerFrom(baseUrl, login);
}

/** Creates the leader and the members as people, and a team of them. */
export async function createTeam(
  admin: Caller,
  team: { name: string; leader: Leader; members: readonly Person[] },
): Promise<{ teamId: string; leaderId: string; memberIds: string[] }> {
  const leader = await admin('POST', '/api/v1/people', { ...team.leader, role: 'leader' });
  const memberIds: string[] = [];
  for (const m of team.members)
    memberIds.push((await admin('POST', '/api/v1/people', { ...m, role: 'member' })).id);
  const created = await admin('POST', '/api/v1/teams', { name: team.name, leaderId: leader.id, memberIds });
  return { teamId: created.id, leaderId: leader.id, memberIds };
}

const suite = RSABSSA.SHA384.PSS.Randomized();

/** What the answer page does in a member's browser: a blindly signed token, then anonymous answers. */
export async function answerAnonymously(
  baseUrl: string,
  secret: string,
  answers: Record<string, string>,
): Promise<void> {
  const { roundId, publicKey } = await postPublic<{ roundId: string; publicKey: string }>(
    baseUrl,
    '/api/v1/ballot/invitation',
    { link: secret },
  );
  const pk = await webcrypto.subtle.importKey(
    'spki',
    Buffer.from(publicKey, 'base64url'),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const prepared = suite.prepare(webcrypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(pk, prepared);
  const { blindSignature } = await postPublic<{ blindSignature: string }>(baseUrl, '/api/v1/ballot/issue', {
    link: secret,
    blindedMessage: Buffer.from(blindedMsg).toString('base64url'),
  });
  const signature = await suite.finalize(pk, prepared, Buffer.from(blindSignature, 'base64url'), inv);
  await postPublic(baseUrl, '/api/v1/ballot/answers', {
    roundId,
    token: Buffer.from(prepared).toString('base64url'),
    signature: Buffer.from(signature).toString('base64url'),
    answers: Object.entries(answers).map(([questionId, text]) => ({ questionId, text })),
  });
}

/** The Monday `weeksAgo` weeks before this week's, as YYYY-MM-DD. */
export function pastMonday(weeksAgo: number): string {
  const day = new Date();
  day.setUTCHours(12, 0, 0, 0);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday - 7 * weeksAgo);
  return day.toISOString().slice(0, 10);
}
