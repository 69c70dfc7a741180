import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { filesUnder, isStampCurrent, stampOf } from '../../bin/build-stamp.js';
import { PROJECT_DIR } from '../project-dir.ts';

const run = promisify(execFile);

export const WEB_DIR = path.join(PROJECT_DIR, 'web');
export const WEB_DIST_DIR = path.join(WEB_DIR, 'dist');
const STAMP = '.source-hash';

/** Everything the web build is made from: the app's sources and the locked dependencies. */
function webInputs(): string[] {
  return [
    ...filesUnder(path.join(WEB_DIR, 'src')),
    ...filesUnder(path.join(WEB_DIR, 'public')),
    path.join(WEB_DIR, 'index.html'),
    path.join(WEB_DIR, 'vite.config.ts'),
    path.join(PROJECT_DIR, 'package-lock.json'),
  ];
}

/**
 * Builds the web app when web/dist is missing or was built from other sources, so `npm start` alone is enough.
 * Answers whether a build is there to serve.
 */
export async function ensureWebBuild(logger: Pick<Logger, 'info' | 'warn'>): Promise<boolean> {
  const stampFile = path.join(WEB_DIST_DIR, STAMP);
  const inputs = webInputs();
  if (
    existsSync(path.join(WEB_DIST_DIR, 'index.html')) &&
    (await isStampCurrent(stampFile, PROJECT_DIR, inputs))
  ) {
    return true;
  }
  const viteBin = path.join(PROJECT_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(viteBin)) {
    const built = existsSync(path.join(WEB_DIST_DIR, 'index.html'));
    logger.warn(
      built
        ? 'the web app was built from other sources and Vite is not installed to build it again: serving it as it is'
        : 'the web app is not built and Vite is not installed: serving the API only',
    );
    return built;
  }
  logger.info(existsSync(stampFile) ? 'the web app changed: building it' : 'building the web app');
  const started = Date.now();
  const stamp = await stampOf(PROJECT_DIR, inputs);
  // In a process of its own, as a production build, whatever the environment of this one (a test run sets
  // NODE_ENV=test, which would give React's development build).
  await run(
    process.execPath,
    [viteBin, 'build', '--config', path.join(WEB_DIR, 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: PROJECT_DIR,
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  await writeFile(stampFile, stamp);
  logger.info({ ms: Date.now() - started }, 'web app built');
  return true;
}
