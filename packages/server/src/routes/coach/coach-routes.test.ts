import { analyze } from '@kintsugi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, type TestOrganization } from '../../test/factories.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

const ACCEPTANCE =
  'I’m sorry if anyone was upset, but the decision was the right one and it was only a small change';

describe.each(ENGINES)('coach routes (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Coached');
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(['admin', 'leader', 'facilitator', 'member'] as const)(
    'analyses a draft for a %s and stores nothing',
    async (role) => {
      const before = await snapshot(app);
      const res = await request(app, {
        method: 'POST',
        url: '/api/v1/coach/analyze',
        body: { text: ACCEPTANCE },
        as: { token: org[role].token },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.findings.map((f: { category: string }) => f.category).sort()).toEqual([
        'conditional_apology',
        'minimize',
        'relitigate',
      ]);
      expect(body).toEqual(JSON.parse(JSON.stringify(analyze(ACCEPTANCE))));
      expect(await snapshot(app)).toEqual(before);
    },
  );

  it('takes the breach kinds into account for the next steps', async () => {
    const text = 'Let’s move on. I never meant to hurt anyone.';
    const res = await request(app, {
      method: 'POST',
      url: '/api/v1/coach/analyze',
      body: { text, breachKinds: ['sincerity'] },
      as: { token: org.leader.token },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().summary.nextSteps[0].text).toMatch(/intent/i);
  });

  it('reads the text in its context: a forecast promises nothing, a follow-up is asked to be open', async () => {
    const text = 'I will share the plan with you every Monday from now on.';
    const analyzeIn = async (context?: string) =>
      (
        await request(app, {
          method: 'POST',
          url: '/api/v1/coach/analyze',
          body: { text, ...(context ? { context } : {}) },
          as: { token: org.leader.token },
        })
      ).json();
    expect((await analyzeIn()).findings.map((f: { category: string }) => f.category)).toContain(
      'specific_commitment',
    );
    expect((await analyzeIn('forecast')).findings).toEqual([]);
    expect(await analyzeIn('follow_up')).toEqual(
      JSON.parse(JSON.stringify(analyze(text, { context: 'follow_up' }))),
    );
  });

  it('says when the text is not in a supported language', async () => {
    const res = await request(app, {
      method: 'POST',
      url: '/api/v1/coach/analyze',
      body: {
        text: 'Es tut mir leid, wenn sich jemand übergangen gefühlt hat, aber die Entscheidung war richtig.',
      },
      as: { token: org.member.token },
    });
    expect(res.json()).toMatchObject({ findings: [], summary: { supported: false } });
  });

  it('answers 401 without credentials', async () => {
    const res = await request(app, { method: 'POST', url: '/api/v1/coach/analyze', body: { text: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });

  it.each([
    ['a missing text', {}, 'text'],
    ['a text that is too long', { text: 'a'.repeat(100_001) }, 'text'],
    ['an unknown breach kind', { text: 'hello', breachKinds: ['trust'] }, 'breachKinds.0'],
    ['an unknown field', { text: 'hello', tone: 'warm' }, null],
    ['an unknown context', { text: 'hello', context: 'ballot' }, 'context'],
  ])('rejects %s with 400 invalid_input', async (_label, body, path) => {
    const res = await request(app, {
      method: 'POST',
      url: '/api/v1/coach/analyze',
      body,
      as: { token: org.admin.token },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_input');
    if (path) expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
