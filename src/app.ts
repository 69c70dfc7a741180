import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from './db/client.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { networkRoutes } from './features/network/network.routes.ts';
import { partnershipsRoutes } from './features/partnerships/partnerships.routes.ts';
import { placesRoutes } from './features/places/places.routes.ts';
import { ReadModels } from './features/registry/read-models.ts';
import { statsRoutes } from './features/stats/stats.routes.ts';
import type { RouteContext } from './http/context.ts';
import { registerErrorHandling } from './http/errors.ts';
import { registerOpenApi } from './http/openapi.ts';

export interface AppOptions {
  database: Database;
  /** Fastify's logger option: false in tests, a pino configuration when serving. */
  logger?: FastifyServerOptions['logger'];
}

/** Composes the CityBridge HTTP application; it does not listen. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await registerOpenApi(app);

  const readModels = new ReadModels();
  await readModels.start(options.database);
  app.addHook('onClose', () => readModels.stop());

  const context: RouteContext = { db: options.database.db, readModels };
  await app.register(healthRoutes, context);
  await app.register(placesRoutes, context);
  await app.register(partnershipsRoutes, context);
  await app.register(statsRoutes, context);
  await app.register(networkRoutes, context);
  return app;
}
