import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../test/factories.js';
import { createTestApp, type TestApp } from '../test/test-app.js';

/**
 * Headers every response carries: a Content-Security-Policy on every HTML page (the app's index.html however it
 * is reached, the API docs), HSTS when BASE_URL is https, and `Cache-Control: no-store` on API answers, which are
 * private to the caller, unless the route says otherwise.
 */
function csp(res: LightMyRequestResponse): Record<string, string> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(' ')[0] ?? '', d.split(' ').slice(1).join(' ')]),
  );
}

function expectStrictCsp(res: LightMyRequestResponse, what: string) {
  const policy = csp(res);
  expect(policy['default-src'], what).toBe("'self'");
  expect(policy['script-src'], what).toBe("'self'");
  expect(policy['object-src'], what).toBe("'none'");
  expect(policy['frame-ancestors'], what).toBe("'none'");
  expect(policy['base-uri'], what).toBe("'self'");
  expect(JSON.stringify(policy), what).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
}

describe('security headers', () => {
  let webDir: string;
  let http: TestApp;
  let https: TestApp;
  let org: TestOrganization;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'kintsugi-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Kintsugi</title>');
    writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
    http = await createTestApp('sqlite', { webDir });
    https = await createTestApp('sqlite', { webDir, config: { baseUrl: 'https://trust.example.org' } });
    org = await createOrganization(http, 'Headers');
  });
  afterAll(async () => {
    await http.close();
    await https.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it.each(['/', '/index.html', '/repairs/some-page', '/api/docs', '/api/docs/'])(
    'serves %s with a strict Content-Security-Policy',
    async (url) => {
      const res = await http.app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(String(res.headers['content-type'])).toContain('text/html');
      expectStrictCsp(res, url);
    },
  );

  it('serves the API docs page without inline scripts, so the policy does not break it', async () => {
    const res = await http.app.inject({ method: 'GET', url: '/api/docs/' });
    const inline = [...res.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)];
    expect(inline).toEqual([]);
  });

  it('sends HSTS only when BASE_URL is https', async () => {
    for (const url of ['/', '/api/v1/setup', '/api/v1/nothing', '/assets/app-1234.js']) {
      const secure = await https.app.inject({ method: 'GET', url });
      expect(secure.headers['strict-transport-security'], url).toBe('max-age=31536000');
      const plain = await http.app.inject({ method: 'GET', url });
      expect(plain.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('marks API answers, errors included, Cache-Control: no-store', async () => {
    const auth = { authorization: `Bearer ${org.admin.token}` };
    for (const [url, headers] of [
      ['/api/v1/setup', {}],
      ['/api/v1/teams', auth],
      ['/api/v1/session', auth],
      ['/api/v1/teams', {}],
      ['/api/v1/teams/not-an-id', auth],
      ['/api/v1/nothing-here', {}],
      ['/api/openapi.json', {}],
    ] as const) {
      const res = await http.app.inject({ method: 'GET', url, headers });
      expect(res.headers['cache-control'], `${url} (${res.statusCode})`).toBe('no-store');
    }
  });

  it('leaves the caching a route chose, and the long caching of hashed assets', async () => {
    const asset = await http.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await http.app.inject({ method: 'GET', url: '/' });
    expect(page.headers['cache-control']).toBe('no-cache');
  });
});
