import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'kintsugi-config-'));

describe('loadConfig', () => {
  it('defaults to port 3000 and SQLite in the data folder', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.dataDir).toBe(dataDir);
  });

  it('generates a secret on first start, keeps it private, and reuses it', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, 'secret')).mode & 0o077).toBe(0);
    expect(readFileSync(join(dataDir, 'secret'), 'utf8').trim()).toBe(first.secret);
    expect(loadConfig({ DATA_DIR: dataDir }).secret).toBe(first.secret);
  });

  it('takes PORT, BASE_URL (without trailing slash), DATABASE_URL and SECRET from the environment', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      PORT: '8080',
      BASE_URL: 'https://trust.example.org/',
      DATABASE_URL: 'postgres://u:p@db:5432/kintsugi',
      SECRET: 's'.repeat(40),
    });
    expect(config).toMatchObject({
      port: 8080,
      baseUrl: 'https://trust.example.org',
      databaseUrl: 'postgres://u:p@db:5432/kintsugi',
      secret: 's'.repeat(40),
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ BASE_URL: 'trust.example.org' }, /BASE_URL/],
    [{ SECRET: 'short' }, /SECRET/],
  ])('explains a bad setting %o', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), ...env })).toThrow(message);
  });
});
