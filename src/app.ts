import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from './db/client.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { networkRoutes } from './features/network/network.routes.ts';
import { partnershipsRoutes } from './features/partnerships/partnerships.routes.ts';
import { placesRoutes } from './features/places/places.routes.ts';
import { ReadModels } from './features/registry/read-models.ts';
import { settingsRoutes } from './features/settings/settings.routes.ts';
import { statsRoutes } from './features/stats/stats.routes.ts';
import type { RouteContext } from './http/context.ts';
import { registerErrorHandling } from './http/errors.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerWeb } from './http/web.ts';

export interface AppOptions {
  database: Database;
  /** Fastify's logger option: false in tests, a pino configuration when serving. */
  logger?: FastifyServerOptions['logger'];
  /** The built web app to serve (web/dist); without one only the API is served. */
  webDir?: string;
  /** A map style URL for deployments online; the offline base map is used without one. */
  mapStyleUrl?: string;
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
  await registerOpenApi(app);
  const servesWeb = options.webDir ? await registerWeb(app, options.webDir) : false;
  registerErrorHandling(app, servesWeb);

  const readModels = new ReadModels();
  await readModels.start(options.database);
  app.addHook('onClose', () => readModels.stop());

  const context: RouteContext = { db: options.database.db, readModels };
  await app.register(healthRoutes, context);
  await app.register(placesRoutes, context);
  await app.register(partnershipsRoutes, context);
  await app.register(statsRoutes, context);
  await app.register(networkRoutes, context);
  await app.register(settingsRoutes, { mapStyleUrl: options.mapStyleUrl ?? null });
  return app;
}
