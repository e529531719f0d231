import { randomUUID } from 'node:crypto';
import { type FastifyRequest, LogController } from 'fastify';

/**
 * What the server's request log may say. Anonymous answers are promised to hold against someone holding the
 * server's logs, so the log must neither name a client nor date an anonymous action:
 *
 * - a request line is written only for a matched API route that is not public-and-unlogged
 *   (http/public-route.ts); web pages, static files, health probes and unmatched paths (404s, malformed URLs, which
 *   may be a mangled anonymous request) write none;
 * - a request line holds the method and the path, with query values and path secrets (a calendar address) cut out;
 *   never the client's address or port, the Host header, other headers, or a body;
 * - request ids are random, so the gaps between logged ids do not count the unlogged requests in between.
 */
export interface RequestLogOptions {
  level: string;
  stream?: { write(line: string): void };
}

/** Path segments that are secrets: a calendar address, or any long random-looking run that is not an id. */
const CALENDAR_SECRET = /cal_[A-Za-z0-9_-]+/g;
const LONG_SECRET = /[A-Za-z0-9_-]{32,}/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The URL as it may be logged: path secrets replaced, query values removed (their names kept). */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const redactedPath = path
    .split('/')
    .map((segment) =>
      UUID.test(segment)
        ? segment
        : segment.replace(CALENDAR_SECRET, 'cal_[secret]').replace(LONG_SECRET, '[secret]'),
    )
    .join('/');
  if (queryAt === -1) return redactedPath;
  const names = url
    .slice(queryAt + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => `${(pair.split('=')[0] ?? '').slice(0, 40).replace(LONG_SECRET, '[secret]')}=…`);
  return `${redactedPath}?${names.join('&')}`;
}

/** Whether Fastify writes its "incoming request" / "request completed" lines for this request. */
export function isRequestLogged(request: FastifyRequest): boolean {
  const route = request.routeOptions;
  if (request.is404 || route.url === undefined || !route.url.startsWith('/api/')) return false;
  return !(route.config.public === true && route.logLevel === 'silent');
}

/** Fastify passes its own request here; the types say Node's IncomingMessage. Either has these two. */
interface SerializableRequest {
  method?: string | undefined;
  url?: string | undefined;
}

/** The Fastify options that make the request log say only what it may. */
export function requestLogOptions(options: RequestLogOptions) {
  return {
    logger: {
      level: options.level,
      // No hostname: nothing in a line should be there unless it is needed to run the server.
      base: { pid: process.pid },
      serializers: {
        req: (request: SerializableRequest) => ({
          method: request.method,
          url: redactUrl(request.url ?? ''),
        }),
      },
      ...(options.stream ? { stream: options.stream } : {}),
    },
    genReqId: () => randomUUID(),
    // A client must not choose the id its request is logged under.
    requestIdHeader: false as const,
    logController: new LogController({ disableRequestLogging: (request) => !isRequestLogged(request) }),
  };
}
