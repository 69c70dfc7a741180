import type { Logger } from 'pino';
import { importProgressReporter } from './cli/progress.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { ABANDONED_MS } from './db/folder-lock.ts';
import { hasEveryMigration } from './db/migrations-applied.ts';
import { describeDatabase, openConfiguredDatabase } from './db/open.ts';
import { holdsNoDatabase } from './db/pglite-template.ts';
import { withEventLoopHeld } from './event-loop.ts';
import { failInterruptedImports, runImport } from './features/imports/imports.service.ts';
import type { WorldImportOptions } from './features/imports/world/world.import.ts';
import { countPlaces } from './features/places/places.repo.ts';
import { ensureWebBuild, WEB_DIST_DIR } from './http/web-build.ts';
import { createLogger, standOut } from './logger.ts';
import { suspendOptimizeForSize } from './v8-flags.ts';

/** How long a shutdown waits for requests in flight before it closes their connections. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface PrepareOptions {
  /** Import the shipped world data when the registry holds no places. */
  importOnStart: boolean;
  /** How the first-start import runs: where its report goes, its progress, and (tests) its files. */
  world?: WorldImportOptions;
  logger?: Pick<Logger, 'info'>;
  /** Called just before the first-start import begins. */
  beforeImport?: () => void;
}

/**
 * Makes the database ready to serve: applies the migrations, marks imports that a killed process left
 * "running" as failed, and on a new installation imports the world data. Several processes may start at once on
 * one PostgreSQL database: the migrations and the first-start import each run in one of them, under an advisory
 * lock, while the others wait and then find the work done. Answers whether this process imported.
 */
export async function prepareDatabase(database: Database, options: PrepareOptions): Promise<boolean> {
  // A restart finds the schema current: one query says so, and no lock is taken.
  if (!(await hasEveryMigration(database.db))) await database.withLock('schema', () => database.migrate());
  await failInterruptedImports(database);
  if (!options.importOnStart) return false;
  return database.withLock('first-start', async () => {
    if ((await countPlaces(database.db)) > 0) return false;
    options.logger?.info('registry is empty: importing the shipped world data');
    options.beforeImport?.();
    const [{ importWorld }, { formatImportSummary }] = await Promise.all([
      import('./features/imports/world/world.import.ts'),
      import('./features/imports/world/world.summary.ts'),
    ]);
    const summary = await runImport(database, () => importWorld(database, options.world));
    process.stderr.write(`${formatImportSummary(summary)}\n`);
    return true;
  });
}

/** The modules of the app and its scheduled work, which a server loads once (see `startServer` for when). */
function appModules() {
  return Promise.all([
    import('./app.ts'),
    import('./background.ts'),
    import('./features/auth/auth.links.service.ts'),
  ]);
}

/**
 * Starts a serving process: opens and prepares the database, builds the web app when it is stale, and listens.
 * Resolves to a function that stops it gracefully: /api/ready turns 503, requests in flight finish (for up to
 * SHUTDOWN_TIMEOUT_MS), then the database closes.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  // Memory saving (npm start's --optimize-for-size) is off until the server serves or imports: see v8-flags.ts.
  const favourMemory = suspendOptimizeForSize();
  try {
    // Held until the server listens, which holds it from then on: see withEventLoopHeld.
    return await withEventLoopHeld(() => serve(config, favourMemory));
  } finally {
    favourMemory();
  }
}

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

async function serve(config: Config, favourMemory: () => void): Promise<RunningServer> {
  const { logger, http: httpLogging } = createLogger(config);
  // Told before the database opens, which fills a new folder.
  const newFolder = !config.databaseUrl && config.importOnStart && holdsNoDatabase(config.pgliteDir);
  // A replaced container's lock is abandoned once its heartbeat stops: a new server waits for that, not a CLI.
  const opening = openConfiguredDatabase(config, { lockWaitMs: ABANDONED_MS + 10_000 });
  let modules: ReturnType<typeof appModules> | undefined;
  const loadModules = () => {
    modules ??= appModules();
    return modules;
  };
  // While PGlite starts (much of which is waiting for its WebAssembly to compile), the app's modules load and the
  // web build is checked: a restart is as quick as the slower of the two, not their sum. A new data folder is
  // imported into first, and the modules (40 MB) load after the import, so that a first start's peak memory is the
  // import's alone. (A start on a folder whose first import was cut short imports with the modules loaded.)
  const loading = Promise.all([newFolder ? undefined : loadModules(), ensureWebBuild(logger)]);
  // Should the database fail to open, the loading's own failure (if any) has nobody to report to.
  loading.catch(() => {});
  const database = await opening;
  const closeOnFailure = async (error: unknown): Promise<never> => {
    await database.close();
    throw error;
  };
  const [, webBuilt] = await loading.catch(closeOnFailure);
  logger.info({ database: describeDatabase(config) }, 'database opened');
  const build = async () => {
    const [{ buildApp }] = await loadModules();
    return buildApp({
      database,
      ...httpLogging,
      webDir: webBuilt ? WEB_DIST_DIR : undefined,
      mapStyleUrl: config.mapStyleUrl,
      publicUrl: config.publicUrl,
      documentsDir: config.documentsDir,
      documentQuotaBytes: config.documentQuotaBytes,
      reportsDir: config.reportsDir,
      mail: config.mail,
      trustProxy: config.trustProxy,
      metricsAllow: config.metricsAllow,
    });
  };
  // On a restart the app is built before the database is prepared: building it takes no query, and it is work for
  // the main thread while PGlite's WebAssembly finishes compiling in the background, which the first query would
  // otherwise stand and wait for (a quarter of a second). A new folder imports first (see above).
  const built = newFolder ? undefined : await build().catch(closeOnFailure);
  const progress = importProgressReporter();
  try {
    await prepareDatabase(database, {
      importOnStart: config.importOnStart,
      beforeImport: favourMemory,
      world: { reportsDir: config.reportsDir, onProgress: progress.onProgress },
      logger,
    });
  } catch (error) {
    try {
      await built?.close();
    } finally {
      await database.close();
    }
    throw error;
  } finally {
    progress.stop();
  }
  const app = built ?? (await build().catch(closeOnFailure));
  const [, { startBackgroundWork }, { issueSetupLink }] = await loadModules();
  const closeAppOnFailure = async (error: unknown): Promise<never> => {
    try {
      await app.close();
    } finally {
      await closeOnFailure(error);
    }
    throw error;
  };
  // Listening gets the app ready, which starts its read models: should that or the port fail, both close.
  const address = await app.listen({ port: config.port, host: config.host }).catch(closeAppOnFailure);
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  logger.info({ url }, `CityBridge is serving on ${url}`);
  const stopBackgroundWork = startBackgroundWork(database, logger, config);
  const setup = await issueSetupLink(database.db, config.publicUrl).catch(async (error: unknown) => {
    await stopBackgroundWork();
    return closeAppOnFailure(error);
  });
  if (setup) {
    // Printed, not logged: the link is a secret for whoever started the server.
    process.stdout.write(
      standOut(
        `No user exists yet. Open this link within 24 hours to create the first administrator:\n\n  ${setup.url}`,
      ),
    );
  }
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    logger.info('shutting down: finishing the requests in flight');
    // Past the deadline, the connections still open are closed, so that a stuck client cannot hold the exit.
    const deadline = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    // Scheduled work that has not begun never begins; a run in progress is waited for once the requests are done.
    const backgroundStopped = stopBackgroundWork();
    try {
      await app.close();
    } finally {
      clearTimeout(deadline);
      try {
        await backgroundStopped;
      } finally {
        await database.close();
      }
    }
    logger.info('stopped');
  };
  return {
    url,
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}
