import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { PROJECT_DIR } from '../project-dir.ts';

const run = promisify(execFile);

export const WEB_DIR = path.join(PROJECT_DIR, 'web');
export const WEB_DIST_DIR = path.join(WEB_DIR, 'dist');
const STAMP = '.source-hash';

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** A hash of everything the web build is made from: the app's sources and the locked dependencies. */
export async function webSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = [
    ...(await filesUnder(path.join(WEB_DIR, 'src'))),
    ...(await filesUnder(path.join(WEB_DIR, 'public'))),
    path.join(WEB_DIR, 'index.html'),
    path.join(WEB_DIR, 'vite.config.ts'),
    path.join(PROJECT_DIR, 'package-lock.json'),
  ];
  for (const file of files) {
    hash.update(path.relative(PROJECT_DIR, file));
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

/**
 * Builds the web app when web/dist is missing or was built from other sources, so `npm start` alone is enough.
 * Answers whether a build is there to serve.
 */
export async function ensureWebBuild(logger: Pick<Logger, 'info' | 'warn'>): Promise<boolean> {
  const wanted = await webSourceHash();
  const stampFile = path.join(WEB_DIST_DIR, STAMP);
  const current = existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : undefined;
  if (current === wanted && existsSync(path.join(WEB_DIST_DIR, 'index.html'))) return true;
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
  logger.info(current ? 'the web app changed: building it' : 'building the web app');
  const started = Date.now();
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
  await writeFile(stampFile, `${wanted}\n`);
  logger.info({ ms: Date.now() - started }, 'web app built');
  return true;
}
