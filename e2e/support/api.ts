import { obtainBlindToken } from '@kintsugi/core';
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

/**
 * What the answer page does in a member's browser, through the one blinding helper the web app uses: a blindly
 * signed token, then anonymous answers. Answers 'pending' until at least k people's can be stored together.
 */
export async function answerAnonymously(
  baseUrl: string,
  secret: string,
  answers: Record<string, string>,
): Promise<'stored' | 'pending'> {
  const { roundId, publicKey } = await postPublic<{ roundId: string; publicKey: string }>(
    baseUrl,
    '/api/v1/ballot/invitation',
    { link: secret },
  );
  const token = await obtainBlindToken(publicKey, async (blindedMessage) => {
    const issued = await postPublic<{ blindSignature: string }>(baseUrl, '/api/v1/ballot/issue', {
      link: secret,
      blindedMessage,
    });
    return issued.blindSignature;
  });
  const { state } = await postPublic<{ state: 'stored' | 'pending' }>(baseUrl, '/api/v1/ballot/answers', {
    roundId,
    ...token,
    answers: Object.entries(answers).map(([questionId, text]) => ({ questionId, text })),
  });
  return state;
}

/** The Monday `weeksAgo` weeks before this week's, as YYYY-MM-DD. */
export function pastMonday(weeksAgo: number): string {
  const day = new Date();
  day.setUTCHours(12, 0, 0, 0);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday - 7 * weeksAgo);
  return day.toISOString().slice(0, 10);
}
