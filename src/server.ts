import { buildApp } from './app.ts';
import { importProgressReporter } from './cli/progress.ts';
import type { Config } from './config.ts';
import { describeDatabase, openConfiguredDatabase } from './db/open.ts';
import { issueSetupLink } from './features/auth/auth.service.ts';
import { importWorld } from './features/imports/world/world.import.ts';
import { formatImportSummary } from './features/imports/world/world.summary.ts';
import { countPlaces } from './features/places/places.repo.ts';
import { ensureWebBuild, WEB_DIST_DIR } from './http/web-build.ts';
import { createLogger } from './logger.ts';

/**
 * Starts a serving process: opens and migrates the database, imports the shipped world data when the registry
 * is empty, and listens. Resolves to a function that stops it.
 */
export async function startServer(config: Config): Promise<{ url: string; stop: () => Promise<void> }> {
  const logger = createLogger(config);
  const database = await openConfiguredDatabase(config);
  logger.info({ database: describeDatabase(config) }, 'database opened');
  await database.migrate();
  if (config.importOnStart && (await countPlaces(database.db)) === 0) {
    logger.info('registry is empty: importing the shipped world data');
    const progress = importProgressReporter();
    const summary = await importWorld(database, {
      reportsDir: config.reportsDir,
      onProgress: progress.onProgress,
    }).finally(progress.stop);
    process.stderr.write(`${formatImportSummary(summary)}\n`);
  }
  const webBuilt = await ensureWebBuild(logger);
  const app = await buildApp({
    database,
    logger: { level: config.logLevel },
    webDir: webBuilt ? WEB_DIST_DIR : undefined,
    mapStyleUrl: config.mapStyleUrl,
    publicUrl: config.publicUrl,
    documentsDir: config.documentsDir,
    documentQuotaBytes: config.documentQuotaBytes,
    trustProxy: config.trustProxy,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  logger.info({ url }, `CityBridge is serving on ${url}`);
  const setup = await issueSetupLink(database.db, config.publicUrl);
  if (setup) {
    // Printed, not logged: the link is a secret for whoever started the server.
    process.stdout.write(
      `\nNo user exists yet. Open this link within 24 hours to create the first administrator:\n\n  ${setup.url}\n\n`,
    );
  }
  return {
    url,
    stop: async () => {
      await app.close();
      await database.close();
    },
  };
}
