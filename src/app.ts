import multipart from '@fastify/multipart';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type LogController,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { METRICS_ALLOW_DEFAULT, type TrustProxy } from './config.ts';
import type { Database } from './db/client.ts';
import { activitiesRoutes } from './features/activities/activities.routes.ts';
import { articleImagesRoutes } from './features/articles/articles.images.routes.ts';
import { articlesRoutes } from './features/articles/articles.routes.ts';
import { authRoutes } from './features/auth/auth.routes.ts';
import { usersRoutes } from './features/auth/users.routes.ts';
import { backupRoutes } from './features/backup/backup.routes.ts';
import { campaignsRoutes } from './features/campaigns/campaigns.routes.ts';
import { doorOpenerRoutes } from './features/door-opener/door-opener.routes.ts';
import { eventsRoutes } from './features/events/events.routes.ts';
import { eventMediaRoutes } from './features/events/media.routes.ts';
import { exportsRoutes } from './features/exports/exports.routes.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { spreadsheetImportRoutes } from './features/imports/spreadsheet/spreadsheet.routes.ts';
import { wikidataRefreshRoutes } from './features/imports/wikidata-refresh/wikidata-refresh.routes.ts';
import type { MailOptions } from './features/mail/mailer.ts';
import { duplicatesRoutes } from './features/merges/duplicates.routes.ts';
import { mergesRoutes } from './features/merges/merges.routes.ts';
import { networkReadModels, networkRoutes } from './features/network/network.routes.ts';
import { networksRoutes } from './features/networks/networks.routes.ts';
import { postsRoutes } from './features/networks/posts.routes.ts';
import { notificationsRoutes } from './features/notifications/notifications.routes.ts';
import { organizationsRoutes } from './features/organizations/organizations.routes.ts';
import { outcomesRoutes } from './features/outcomes/outcomes.routes.ts';
import { supportRequestsRoutes } from './features/outcomes/support-requests.routes.ts';
import { pagesRoutes } from './features/pages/pages.routes.ts';
import { publicPages } from './features/pages/pages.ts';
import { partnershipsRoutes } from './features/partnerships/partnerships.routes.ts';
import { peopleRoutes } from './features/people/people.routes.ts';
import { placesRoutes } from './features/places/places.routes.ts';
import { ReadModels } from './features/registry/read-models.ts';
import { remindersRoutes } from './features/reminders/reminders.routes.ts';
import { reportsRoutes } from './features/reports/reports.routes.ts';
import { settingsRoutes } from './features/settings/settings.routes.ts';
import { statsRoutes } from './features/stats/stats.routes.ts';
import { workspaceRoutes } from './features/workspace/workspace.routes.ts';
import { registerAuth } from './http/auth.ts';
import { answerClientError, answerFrameworkError, registerErrorHandling } from './http/errors.ts';
import { registerLifecycle } from './http/lifecycle.ts';
import { registerMetrics } from './http/metrics.ts';
import { registerOpenApi } from './http/openapi.ts';
import { REQUEST_ID_HEADER, registerRequestId, requestId } from './http/request-id.ts';
import { registerSecurityHeaders } from './http/security.ts';
import { registerWeb } from './http/web.ts';

/**
 * How long after it starts listening a server on PGlite begins building its hot read models. PGlite answers on the
 * event loop, which the build holds for a few hundred ms: the first requests after a restart (the pages browsers
 * reload, /api/health) are answered before it. /api/ready answers 503 until the build is done, so it comes this much
 * later. On PostgreSQL the build waits on the server, not the event loop, and begins at once.
 */
const WARM_AFTER_MS = 250;

export interface AppOptions {
  database: Database;
  /** Fastify's logger option: false in tests, a pino configuration when serving JSON lines. */
  logger?: FastifyServerOptions['logger'];
  /** A logger to log through instead of `logger`: the terminal's pretty one (see createLogger in src/logger.ts). */
  loggerInstance?: FastifyBaseLogger;
  /** How Fastify logs each request; Fastify's two JSON lines without one. */
  logController?: LogController;
  /** The built web app to serve (web/dist); without one only the API is served. */
  webDir?: string;
  /** A map style URL for deployments online; the offline base map is used without one. */
  mapStyleUrl?: string;
  /** The address users reach the app at, used in one-time links. */
  publicUrl?: string;
  /** Where uploaded documents are kept (DATA_DIR/documents when serving). */
  documentsDir?: string;
  /** How many bytes of documents each organisation may keep (DOCUMENT_QUOTA_MB when serving); 1 GB without one. */
  documentQuotaBytes?: number;
  /**
   * Behind reverse proxies that terminate TLS: which to trust for X-Forwarded-For and -Proto (see TrustProxy), so
   * that session cookies are Secure and sign-in attempts are counted per client address.
   */
  trustProxy?: TrustProxy;
  /**
   * The client addresses and ranges that may read /api/metrics (METRICS_ALLOW); an empty list turns it off. This
   * machine (127.0.0.0/8, ::1) without one.
   */
  metricsAllow?: readonly string[];
  /** How often the read models compare the registry's revision with the database, in ms; 15 s without one. */
  registryCheckMs?: number;
  /** Where e-mail goes out (SMTP_URL and MAIL_FROM); without it no e-mail is sent. */
  mail?: MailOptions;
  /** Where reports and diffs of imports are kept (DATA_DIR/reports when serving). */
  reportsDir?: string;
}

/**
 * Fastify's trust setting for the proxies in front. A number n trusts the n addresses nearest the server in
 * X-Forwarded-For (Fastify's `true` would trust every hop, and so the left-most address, which the client writes).
 */
function proxyTrust(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** Composes the CityBridge HTTP application; it does not listen. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    loggerInstance: options.loggerInstance,
    logController: options.logController,
    // Not Fastify's requestIdHeader, which takes any value a client sends: requestId keeps only plain tokens.
    requestIdHeader: false,
    genReqId: requestId,
    bodyLimit: 1_048_576,
    trustProxy: proxyTrust(options.trustProxy ?? false),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Requests that arrive while the app closes answer 503 SHUTTING_DOWN in the error shape (http/lifecycle.ts).
    return503OnClosing: false,
    // Node's own default, which Fastify turns off: a request (a 20 MB upload included) has five minutes.
    requestTimeout: 300_000,
    // Answered before any hook runs: the request id header that registerRequestId's hook sets is set here.
    frameworkErrors: (error, request, reply) =>
      answerFrameworkError(error, request, reply.header(REQUEST_ID_HEADER, request.id)),
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The very first hook, so that every answer names its request, whichever hook or handler gives it.
  registerRequestId(app);
  // Next, so that every answer after it carries the headers, including errors thrown by later hooks.
  await registerSecurityHeaders(app, { mapStyleUrl: options.mapStyleUrl });
  await registerOpenApi(app);
  const servesWeb = options.webDir
    ? await registerWeb(app, options.webDir, publicPages(options.database.db, options.publicUrl))
    : false;
  registerErrorHandling(app, servesWeb);
  const lifecycle = registerLifecycle(app);
  const readModels = new ReadModels({ revisionCheckMs: options.registryCheckMs });
  // Before authentication: /api/metrics checks the client's address before anything else is done for it.
  registerMetrics(app, {
    database: options.database,
    readModels,
    allow: options.metricsAllow ?? METRICS_ALLOW_DEFAULT,
  });
  await registerAuth(app, options.database.db);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 0, parts: 2 } });

  // Building the app takes no query: the read models start with the server (or the first injected request), so that a
  // server can build its app before its database is migrated.
  app.addHook('onReady', () => readModels.start(options.database));
  app.addHook('onClose', () => readModels.stop());
  // Once serving, the world network is built in the background, so that the first map view need not wait.
  app.addHook('onListen', async () => {
    const { network, names } = networkReadModels(options.database.db);
    const afterMs = options.database.engine === 'pglite' ? WARM_AFTER_MS : 0;
    readModels.warm([network, names], afterMs).catch((error: unknown) => {
      app.log.warn({ err: error }, 'warming the read models failed');
    });
  });

  const context = {
    lifecycle,
    db: options.database.db,
    readModels,
    publicUrl: options.publicUrl,
    documentsDir: options.documentsDir,
    documentQuotaBytes: options.documentQuotaBytes,
    mail: options.mail,
  };
  const features = [
    healthRoutes,
    authRoutes,
    usersRoutes,
    organizationsRoutes,
    peopleRoutes,
    activitiesRoutes,
    supportRequestsRoutes,
    outcomesRoutes,
    eventsRoutes,
    eventMediaRoutes,
    workspaceRoutes,
    mergesRoutes,
    duplicatesRoutes,
    placesRoutes,
    partnershipsRoutes,
    statsRoutes,
    networkRoutes,
    doorOpenerRoutes,
    networksRoutes,
    postsRoutes,
    notificationsRoutes,
    remindersRoutes,
    reportsRoutes,
    articlesRoutes,
    articleImagesRoutes,
    exportsRoutes,
    backupRoutes,
    spreadsheetImportRoutes,
    pagesRoutes,
  ];
  for (const routes of features) await app.register(routes, context);
  await app.register(campaignsRoutes, context);
  await app.register(wikidataRefreshRoutes, {
    ...context,
    database: options.database,
    reportsDir: options.reportsDir,
  });
  await app.register(settingsRoutes, { mapStyleUrl: options.mapStyleUrl ?? null });
  return app;
}
