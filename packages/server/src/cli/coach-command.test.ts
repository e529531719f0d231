import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../test/factories.js';
import { createTestApp, request, type TestApp } from '../test/test-app.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const TIMEOUT = 30_000;
const DRAFT = [
  'I’m sorry if anyone was upset, but the decision was the right one and it was only a small change.',
  'I made that call without asking you. What did you need that you didn’t get?',
  '- From Monday I will share the draft roadmap with you two days before it is decided.',
].join('\n');

function run(args: string[], input?: string): SpawnSyncReturns<string> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const result = spawnSync(process.execPath, [CLI, 'coach', ...args], {
    encoding: 'utf8',
    timeout: TIMEOUT - 5_000,
    input: input ?? '',
  });
  if (result.error) throw result.error;
  return result;
}

describe('kintsugi coach', () => {
  let dir: string;
  let file: string;
  let app: TestApp;
  let org: TestOrganization;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kintsugi-coach-'));
    file = join(dir, 'draft.txt');
    writeFileSync(file, DRAFT);
    app = await createTestApp('sqlite');
    org = await createOrganization(app, 'Cli');
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  it('prints findings readably from a file, and exits 0 even with findings', { timeout: TIMEOUT }, () => {
    const res = run([file]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(
      'Conditional apology (conditional_apology): “sorry if anyone was upset, but”',
    );
    expect(res.stdout).toMatch(/^! 1:\d+ {2}Minimising \(minimize\)/m);
    expect(res.stdout).toMatch(/^\+ 2:1 {2}Takes ownership \(own\)/m);
    expect(res.stdout).toContain('Next steps:');
  });

  it('reads stdin and gives the same findings as the API', { timeout: TIMEOUT }, async () => {
    const res = run(['--json'], DRAFT);
    expect(res.status).toBe(0);
    const cli = JSON.parse(res.stdout);
    const api = await request(app, {
      method: 'POST',
      url: '/api/v1/coach/analyze',
      body: { text: DRAFT },
      as: { token: org.leader.token },
    });
    expect(api.statusCode).toBe(200);
    expect(cli.findings.length).toBeGreaterThanOrEqual(6);
    expect(cli).toEqual(api.json());
    for (const f of cli.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['category', 'start', 'end', 'text', 'message']));
      expect(DRAFT.slice(f.start, f.end)).toBe(f.text);
    }
  });

  it('shapes the next steps by --breach', { timeout: TIMEOUT }, () => {
    const res = run(['-', '--breach', 'sincerity', '--json'], 'Let’s move on. I never meant to hurt anyone.');
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout).summary.nextSteps[0].text).toMatch(/intent/i);
  });

  it('reads a forecast of the team’s answers with --context forecast: no commitment findings', {
    timeout: TIMEOUT,
  }, () => {
    const forecast =
      'They will say I should have asked them. They will expect me to post the rota every Friday from now on.';
    const response = JSON.parse(run(['--json'], forecast).stdout);
    const res = run(['--json', '--context', 'forecast'], forecast);
    expect(res.status).toBe(0);
    const categories = JSON.parse(res.stdout).findings.map((f: { category: string }) => f.category);
    expect(categories).not.toContain('specific_commitment');
    expect(categories).not.toContain('vague_commitment');
    expect(response.findings.length).toBeGreaterThan(0);
    expect(run(['--context', 'ballot'], forecast).status).toBe(2);
  });

  it('checks one commitment with --commitment', { timeout: TIMEOUT }, () => {
    const vague = run(['--commitment'], 'I’ll try to communicate better.');
    expect(vague.status).toBe(0);
    expect(vague.stdout).toMatch(/^Missing: action, observer, timing\./);
    const json = run(
      ['--commitment', '--json'],
      'Every Friday I will post the decisions in the team channel.',
    );
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, missing: [] });
  });

  it('says when the language is not supported', { timeout: TIMEOUT }, () => {
    const res = run(
      [],
      'Es tut mir leid, wenn sich jemand übergangen gefühlt hat, aber die Entscheidung war richtig.',
    );
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/English only/);
  });

  it.each([
    ['a missing file', [join(tmpdir(), 'no-such-kintsugi-draft.txt')], /cannot read/],
    ['an unknown flag', ['--frobnicate'], /unknown option/],
    ['an unknown breach kind', ['--breach', 'trust'], /Allowed choices/],
  ])('exits 2 on bad usage: %s', { timeout: TIMEOUT }, (_label, args, message) => {
    const res = run(args as string[]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(message);
  });
});
