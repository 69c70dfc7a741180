import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { apiDocsContentSecurityPolicy } from './security.ts';

export const API_VERSION = '0.1.0';

/** The OpenAPI 3.1 document at /api/openapi.json and its browsable docs at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CityBridge API',
        version: API_VERSION,
        description:
          'The registry of city-to-city cooperation: places, twin-town ties and other partnerships, with the sources ' +
          'that report them. Errors answer `{ "error": { "code", "message", "details" } }`.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      tags: [
        { name: 'places', description: 'Municipalities, districts and regions, and their partners' },
        { name: 'partnerships', description: 'Twin-town ties, MoUs, projects and other partnerships' },
        { name: 'events', description: 'Forums, trade fairs, visits and other events, with their hosts' },
        { name: 'statistics', description: 'Totals and the whole network' },
        { name: 'system', description: 'Health' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: apiDocsContentSecurityPolicy() });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
