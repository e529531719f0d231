import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { AppError } from './errors/app-error.js';

export interface Config {
  port: number;
  host: string;
  /** Absolute folder for the SQLite database and the generated secret. */
  dataDir: string;
  /** `postgres://…` for PostgreSQL; null for the embedded SQLite database in dataDir. */
  databaseUrl: string | null;
  baseUrl: string;
  secret: string;
  /** True when SECRET was not set and the secret is the one generated into DATA_DIR/secret. */
  secretGenerated: boolean;
  logLevel: string;
  /** Folder of the built web app; null when it should not be served. */
  webDir: string | null;
  /** smtp://user:pass@host:port or smtps://…; null keeps mail in the outbox. */
  smtpUrl: string | null;
  mailFrom: string;
  /** How often the scheduled jobs (reminders, closing rounds, update emails) run, in milliseconds. */
  jobIntervalMs: number;
  /**
   * Which proxies' X-Forwarded-For to believe, as Fastify's trustProxy takes it: false (none: the client is the
   * connection's peer), a number of proxy hops in front of Kintsugi, or the proxies' addresses and networks.
   * true believes the whole header, whose left-most entries the client writes itself.
   */
  trustProxy: TrustProxy;
}

export type TrustProxy = boolean | number | string[];

/** The scheduler's default tick: once a minute is often enough for daily reminders and digests. */
export const DEFAULT_JOB_INTERVAL_MS = 60_000;

type Env = Record<string, string | undefined>;

/** Reads configuration from the environment; creates the data folder and, on first start, the secret. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const port = overrides.port ?? parsePort(env.PORT);
  const host = overrides.host ?? env.HOST ?? '0.0.0.0';
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl =
    overrides.databaseUrl !== undefined ? overrides.databaseUrl : parseDatabaseUrl(env.DATABASE_URL);
  const baseUrl = (overrides.baseUrl ?? (env.BASE_URL || `http://localhost:${port}`)).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
    throw new AppError('invalid_config', `BASE_URL must start with http:// or https://, got "${baseUrl}".`);
  }
  const secretGenerated = overrides.secret === undefined && env.SECRET === undefined;
  const secret = overrides.secret ?? env.SECRET ?? readOrCreateSecret(dataDir);
  if (secret.length < 32) {
    throw new AppError(
      'invalid_config',
      'SECRET must be at least 32 characters; unset it to have one generated.',
    );
  }
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    baseUrl,
    secret,
    secretGenerated: overrides.secretGenerated ?? secretGenerated,
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    webDir: overrides.webDir !== undefined ? overrides.webDir : defaultWebDir(),
    smtpUrl: overrides.smtpUrl !== undefined ? overrides.smtpUrl : parseSmtpUrl(env.SMTP_URL),
    mailFrom: overrides.mailFrom ?? (env.MAIL_FROM || `Kintsugi <kintsugi@${new URL(baseUrl).hostname}>`),
    jobIntervalMs: overrides.jobIntervalMs ?? parseJobInterval(env.JOB_INTERVAL_MS),
    trustProxy: overrides.trustProxy ?? parseTrustProxy(env.TRUST_PROXY),
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('invalid_config', `PORT must be a whole number from 0 to 65535, got "${value}".`);
  }
  return port;
}

function parseJobInterval(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_JOB_INTERVAL_MS;
  const ms = Number(value);
  // Below a second the jobs would hammer the database; above an hour reminders would come late.
  if (!/^\d+$/.test(value) || ms < 1_000 || ms > 3_600_000) {
    throw new AppError(
      'invalid_config',
      `JOB_INTERVAL_MS must be a whole number of milliseconds from 1000 to 3600000, got "${value}".`,
    );
  }
  return ms;
}

/** Names proxy-addr (Fastify's trustProxy) knows for whole ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text) && Number(text) <= 20) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.every(isProxyAddress)) return entries;
  throw new AppError(
    'invalid_config',
    `TRUST_PROXY must be the number of proxies in front of Kintsugi (such as 1), or their addresses or networks separated by commas (such as 10.0.0.1 or 10.0.0.0/8, ::1, loopback); got "${text}".`,
  );
}

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function parseDatabaseUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new AppError(
      'invalid_config',
      'DATABASE_URL must start with postgres:// (or be unset to use the embedded SQLite database).',
    );
  }
  return value;
}

function parseSmtpUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!/^smtps?:\/\/[^/]+/.test(value)) {
    throw new AppError(
      'invalid_config',
      'SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465.',
    );
  }
  return value;
}

function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  // 'wx' fails if another instance wrote it first; then read theirs so both share one secret.
  try {
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}

function defaultWebDir(): string {
  return resolve(new URL('../../web/dist', import.meta.url).pathname);
}
