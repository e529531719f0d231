import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors/app-error.js';
import { sendProblem } from './problem.js';

const PART_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query string',
  params: 'path',
  headers: 'headers',
};

/** Maps every error to problem+json once, here. User input never produces a 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const retryAfter = error.extra.retryAfterSeconds;
      if (error.status === 429 && typeof retryAfter === 'number')
        reply.header('retry-after', String(retryAfter));
      return sendProblem(reply, error.status, error.code, error.message, error.extra);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = PART_NAMES[error.validationContext ?? 'body'] ?? 'request';
      const errors = error.validation.flatMap((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const keys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: unknown }).keys : undefined;
        // Name each unknown field, so a client can point at it as it would at a wrong value.
        if (Array.isArray(keys)) {
          return keys.map((key) => ({
            path: path ? `${path}.${String(key)}` : String(key),
            message: `Unknown field "${String(key)}"; remove it.`,
          }));
        }
        return [{ path: path || '(root)', message: v.message ?? 'Invalid value.' }];
      });
      const summary = errors
        .map((e) => (e.path === '(root)' ? e.message : `${e.path}: ${e.message}`))
        .join(' ');
      return sendProblem(reply, 400, 'invalid_input', `The request ${part} is not valid. ${summary}`, {
        errors,
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return sendProblem(reply, 429, 'rate_limited', 'Too many attempts. Wait a minute, then try again.');
    }
    if (status >= 400 && status < 500) {
      return sendProblem(
        reply,
        status,
        clientErrorCode(error),
        clientErrorDetail(error, request.headers['content-type']),
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      reply,
      500,
      'internal_error',
      'Something went wrong on the server. It has been logged; try again.',
    );
  });
}

function clientErrorCode(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    default:
      return 'bad_request';
  }
}

function clientErrorDetail(error: FastifyError, contentType: string | undefined): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON. Check for missing quotes, commas or brackets.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request says it carries JSON but the body is empty. Send a JSON object.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than this endpoint accepts. Send less data at a time.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `This endpoint does not accept Content-Type "${contentType ?? '(none)'}". Send application/json, or text/csv where the API documents it.`;
    default:
      return error.message;
  }
}
