import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type Config, loadConfig } from '../config.js';
import type { Engine } from '../db/database.js';
import { buildApp, type KintsugiApp } from '../http/app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp extends KintsugiApp {
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestAppOptions {
  now?: () => Date;
  smtpUrl?: string;
  /** Logs at this level into the stream instead of not at all. */
  log?: { level: string; stream: { write(line: string): void } };
  /** A folder holding a built web app (index.html), to serve its pages. */
  webDir?: string;
  /** Configuration to set beyond the test defaults (TRUST_PROXY, BASE_URL, …). */
  config?: Partial<Config>;
  /** Another test app's database: a second instance of the server on the same storage. Its owner drops it. */
  sharedDatabase?: TestDatabase;
}

/** An in-process server on a fresh database, driven with Fastify's inject (no sockets). */
export async function createTestApp(engine: Engine, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.sharedDatabase ?? (await createTestDatabase(engine));
  const config = loadConfig(
    {},
    {
      dataDir: '.tmp/test-data',
      databaseUrl: null,
      secret: 'test-secret-test-secret-test-secret!',
      webDir: options.webDir ?? null,
      logLevel: options.log?.level ?? 'silent',
      smtpUrl: options.smtpUrl ?? null,
      ...options.config,
    },
  );
  const built = await buildApp({
    config,
    database,
    ...(options.log ? { logStream: options.log.stream } : { logger: false }),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    ...built,
    database,
    close: async () => {
      await built.app.close();
      if (!options.sharedDatabase) await database.cleanup();
    },
  };
}

/** How a test client authenticates: a bearer token, or a session cookie with its CSRF token. */
export type Credentials = { token: string } | { cookie: string; csrfToken: string } | null;

export interface RequestOptions {
  method: InjectOptions['method'];
  url: string;
  body?: unknown;
  as?: Credentials;
  headers?: Record<string, string>;
}

export async function request(app: TestApp, options: RequestOptions): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const as = options.as ?? null;
  if (as && 'token' in as) headers.authorization = `Bearer ${as.token}`;
  if (as && 'cookie' in as) {
    headers.cookie = `kintsugi_session=${as.cookie}`;
    headers['x-csrf-token'] = as.csrfToken;
  }
  const inject: InjectOptions = { method: options.method, url: options.url, headers };
  if (options.body !== undefined) {
    if (typeof options.body === 'string') inject.payload = options.body;
    else {
      inject.payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
  }
  return app.app.inject(inject);
}
