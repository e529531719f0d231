import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { ApiRoute } from './app.js';
import { completeOpenApiDocument, type OpenApiDocument } from './open-api-document.js';

/** The OpenAPI 3.1 document is generated from the same zod schemas that validate requests. */
export async function registerOpenApi(
  app: FastifyInstance,
  baseUrl: string,
  routes: readonly ApiRoute[],
): Promise<void> {
  // The document and its viewer are for anyone; every other route under /api/ needs a signed-in caller.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, public: true };
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kintsugi API',
        version: '1',
        description:
          "Kintsugi helps a leader rebuild a team's broken trust. Authenticate with a personal API token " +
          '(`Authorization: Bearer kts_…`, created under Account) or the session cookie plus the `x-csrf-token` ' +
          'header. Errors are application/problem+json (RFC 9457).',
      },
      servers: [{ url: baseUrl }],
      components: {
        securitySchemes: {
          apiToken: { type: 'http', scheme: 'bearer', description: 'A personal API token, kts_…' },
          session: { type: 'apiKey', in: 'cookie', name: 'kintsugi_session' },
        },
      },
      security: [{ apiToken: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    // Every route is registered by the time the document is first asked for.
    transformObject: (documents) =>
      'openapiObject' in documents
        ? completeOpenApiDocument(documents.openapiObject as OpenApiDocument, routes)
        : documents.swaggerObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
