import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZodType } from 'zod';
import type { Config, TrustProxy } from '../config.js';
import { createDeps } from '../create-deps.js';
import type { DatabaseHandle } from '../db/database.js';
import { registerBallotRoutes } from '../routes/ballot/ballot-routes.js';
import { registerCoachRoutes } from '../routes/coach/coach-routes.js';
import { registerCalendarRoutes } from '../routes/commitments/calendar-routes.js';
import { registerCommitmentRoutes } from '../routes/commitments/commitments-routes.js';
import { registerTeamSpaceRoutes } from '../routes/commitments/team-space-routes.js';
import { registerWitnessRoutes } from '../routes/commitments/witness-routes.js';
import { registerHealthRoutes } from '../routes/health/health-routes.js';
import { registerTokenRoutes } from '../routes/me/token-routes.js';
import { registerOrganizationRoutes } from '../routes/organization/organization-routes.js';
import { registerOutboxRoutes } from '../routes/outbox/outbox-routes.js';
import { registerOverviewRoutes } from '../routes/overview/overview-routes.js';
import { IMPORT_BODY_LIMIT, registerPeopleRoutes } from '../routes/people/people-routes.js';
import { registerPulseRoutes } from '../routes/pulses/pulse-routes.js';
import { registerRecoveryRoutes } from '../routes/pulses/recovery-routes.js';
import { registerAnswerRoutes } from '../routes/repairs/answers-routes.js';
import { registerRepairRoutes } from '../routes/repairs/repairs-routes.js';
import { registerSessionRoutes } from '../routes/session/session-routes.js';
import { registerSetupRoutes } from '../routes/setup/setup-routes.js';
import { registerTeamRoutes } from '../routes/teams/teams-routes.js';
import type { Deps } from '../use-cases/deps.js';
import { registerAuthentication } from './authenticate-hook.js';
import { registerErrorHandler } from './error-handler.js';
import { registerOpenApi } from './open-api.js';
import { sendProblem } from './problem.js';
import { requestLogOptions } from './request-log.js';
import { registerSecurityHeaders } from './security-headers.js';
import type { RouteContext } from './types.js';
import { registerWebApp } from './web-app.js';

export const JSON_BODY_LIMIT = 256 * 1024;

export interface BuildAppOptions {
  config: Config;
  database: DatabaseHandle;
  /** false silences all logs (tests); otherwise pino at config.logLevel, saying only what http/request-log.ts allows. */
  logger?: boolean;
  /** Where log lines go instead of standard output (tests read them). */
  logStream?: { write(line: string): void };
  now?: () => Date;
}

export interface KintsugiApp {
  app: FastifyInstance;
  deps: Deps;
  /** Flips readiness to 503 so a load balancer stops sending traffic before close(). */
  markShuttingDown(): void;
  /** Every API route registered, so tests can prove each one is covered. */
  apiRoutes: ApiRoute[];
}

export interface ApiRoute {
  method: string;
  url: string;
  /** Works without signing in (`config.public`). */
  public: boolean;
  /** The route's own log level: 'silent' for the public, unlogged routes (http/public-route.ts). */
  logLevel: string | undefined;
  /** The zod schema of its body, when it takes one (tests send every kind of bad text through it). */
  body: ZodType | undefined;
  /** Limited per client address by @fastify/rate-limit (`config.rateLimit`), so it can answer 429. */
  rateLimited: boolean;
}

/**
 * TRUST_PROXY as Fastify takes it. Fastify ignores a bare hop count, so a count becomes the function proxy-addr
 * calls for each hop from the connection inwards: the nearest `hops` addresses are proxies, the next one the client.
 */
function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}

export async function buildApp(options: BuildAppOptions): Promise<KintsugiApp> {
  const { config, database } = options;
  const log = requestLogOptions({
    level: config.logLevel,
    ...(options.logStream ? { stream: options.logStream } : {}),
  });
  const app = Fastify({
    ...log,
    logger: options.logger === false ? false : log.logger,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    return503OnClosing: true,
    // Long enough that an over-long id reaches validation and gets a clear message.
    routerOptions: { maxParamLength: 500 },
    frameworkErrors: (error, _request, reply) => {
      sendProblem(reply, 400, 'bad_request', `The request URL is not valid: ${error.message}`);
    },
  }).withTypeProvider<ZodTypeProvider>();
  if (config.trustProxy === true) {
    app.log.warn(
      'TRUST_PROXY=true believes every X-Forwarded-For entry, and the left-most ones are written by the client: ' +
        'anyone can pose as any address and escape the per-address sign-in limit. Set TRUST_PROXY=1 (the number ' +
        'of proxies in front of Kintsugi) or the proxies’ addresses instead.',
    );
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  const deps: Deps = createDeps(config, database, app.log, options.now);
  const state = { shuttingDown: false };
  const context: RouteContext = { app, deps, config };

  const apiRoutes: ApiRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const isPublic = route.config?.public === true;
    const body = route.schema?.body instanceof ZodType ? route.schema.body : undefined;
    const rateLimited = route.config?.rateLimit !== undefined;
    for (const method of [route.method].flat())
      if (method !== 'HEAD')
        apiRoutes.push({
          method,
          url: route.url,
          public: isPublic,
          logLevel: route.logLevel || undefined,
          body,
          rateLimited,
        });
  });
  registerErrorHandler(app);
  registerSecurityHeaders(app, { baseUrl: config.baseUrl });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  // After the cookie plugin, whose own onRequest hook parses the cookies this one reads.
  registerAuthentication(app, deps);
  await registerOpenApi(app, config.baseUrl, apiRoutes);

  // Requests still running when shutdown starts tell their client to hang up, so close() need not wait for
  // idle keep-alive connections to time out.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (state.shuttingDown) reply.header('connection', 'close');
    return payload;
  });
  registerHealthRoutes(context, state);
  registerSetupRoutes(context);
  registerSessionRoutes(context);
  registerTokenRoutes(context);
  registerOrganizationRoutes(context);
  registerPeopleRoutes(context);
  registerTeamRoutes(context);
  registerCoachRoutes(context);
  registerRepairRoutes(context);
  registerAnswerRoutes(context);
  registerBallotRoutes(context);
  registerOutboxRoutes(context);
  registerCommitmentRoutes(context);
  registerTeamSpaceRoutes(context);
  registerCalendarRoutes(context);
  registerWitnessRoutes(context);
  registerPulseRoutes(context);
  registerRecoveryRoutes(context);
  registerOverviewRoutes(context);
  await registerWebApp(app, config.webDir);

  await app.ready();
  return {
    app,
    deps,
    apiRoutes,
    markShuttingDown: () => {
      state.shuttingDown = true;
    },
  };
}
