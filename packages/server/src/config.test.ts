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

  it('trusts no proxy unless TRUST_PROXY says how many hops or which addresses', () => {
    const trust = (value: string | undefined) =>
      loadConfig({ DATA_DIR: tempDir(), TRUST_PROXY: value }).trustProxy;
    expect(trust(undefined)).toBe(false);
    expect(trust('')).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.7')).toEqual(['10.0.0.7']);
    expect(trust(' 10.0.0.0/8, 192.168.1.1 ,::1, fd00::/8,loopback')).toEqual([
      '10.0.0.0/8',
      '192.168.1.1',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    // Still accepted, though it trusts what the client writes (the server warns at start-up).
    expect(trust('true')).toBe(true);
  });

  it.each([
    'yes',
    '-1',
    '1.5',
    '21',
    '10.0.0.0/33',
    '10.0.0.300',
    '::1/129',
    'proxy.example.org',
    '10.0.0.1,,x',
  ])('refuses TRUST_PROXY=%j with a message saying what it may be', (value) => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), TRUST_PROXY: value })).toThrow(
      /TRUST_PROXY must be the number of proxies in front of Kintsugi \(such as 1\), or their addresses/,
    );
  });

  it('runs the scheduled jobs once a minute unless JOB_INTERVAL_MS says otherwise', () => {
    expect(loadConfig({ DATA_DIR: tempDir() }).jobIntervalMs).toBe(60_000);
    expect(loadConfig({ DATA_DIR: tempDir(), JOB_INTERVAL_MS: '' }).jobIntervalMs).toBe(60_000);
    expect(loadConfig({ DATA_DIR: tempDir(), JOB_INTERVAL_MS: '1000' }).jobIntervalMs).toBe(1_000);
    expect(loadConfig({ DATA_DIR: tempDir(), JOB_INTERVAL_MS: '3600000' }).jobIntervalMs).toBe(3_600_000);
  });

  it.each(['999', '3600001', '1.5e3', '1500.5', '-5000', 'soon', ' 5000'])(
    'refuses JOB_INTERVAL_MS=%j with a message naming the allowed range',
    (value) => {
      expect(() => loadConfig({ DATA_DIR: tempDir(), JOB_INTERVAL_MS: value })).toThrow(
        /JOB_INTERVAL_MS must be a whole number of milliseconds from 1000 to 3600000/,
      );
    },
  );

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
