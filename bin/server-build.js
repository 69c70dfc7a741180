// The compiled server: src/ as JavaScript in dist/, built when it is missing or was built from other sources.
// Plain JavaScript, because it runs before anything is compiled; `npm run check` type-checks it (checkJs).
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the server is compiled to: dist/ beside src/, at the same depth, so paths relative to a module hold in both. */
const DIST = 'dist';
const STAMP = '.source-hash';
const TSC = path.join(PROJECT_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
/** The folders under src/ that the server reads files from at run time: copied beside the compiled modules. */
const DATA_FOLDERS = ['db/migrations', 'db/pglite-template'];
/** The compiler's settings for the build, and what they extend. */
const CONFIG_FILES = ['tsconfig.build.json', 'tsconfig.json'];

/**
 * The server's sources: everything under src/ but the tests and their fixtures (`*.test.ts`, `*.test-*.ts`), which
 * the build leaves out.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function sourceFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !/\.test(\.|-[^.]*\.)ts$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * A hash of everything the build is made from: the sources (with their names, so that a file moved or deleted
 * counts) and the compiler's settings.
 * @param {string} [projectDir]
 * @returns {Promise<string>}
 */
export async function serverSourceHash(projectDir = PROJECT_DIR) {
  const hash = createHash('sha256');
  const files = [
    ...(await sourceFiles(path.join(projectDir, 'src'))),
    ...CONFIG_FILES.map((file) => path.join(projectDir, file)),
  ];
  const contents = await Promise.all(files.map((file) => readFile(file)));
  files.forEach((file, index) => {
    hash.update(path.relative(projectDir, file));
    hash.update('\0');
    hash.update(/** @type {Buffer} */ (contents[index]));
  });
  return hash.digest('hex');
}

/**
 * @typedef {object} BuildOptions
 * @property {string} [projectDir] the project to build (this one without it)
 * @property {(message: string) => void} [log] where progress goes
 * @property {boolean} [keepCurrent] keep a build of the same sources that another process put in place meanwhile
 */

/**
 * Whether dist/ was built from the sources as they are now.
 * @param {string} [projectDir]
 * @returns {Promise<boolean>}
 */
export async function isServerBuildCurrent(projectDir = PROJECT_DIR) {
  const stamp = path.join(projectDir, DIST, STAMP);
  if (!existsSync(stamp)) return false;
  const [built, current] = await Promise.all([readFile(stamp, 'utf8'), serverSourceHash(projectDir)]);
  return built.trim() === current;
}

/**
 * Compiles src/ into dist/: TypeScript's compiler without its type check (`npm run check` does that), the
 * migrations and the empty database's template beside the compiled database client. Built in a folder of its own
 * and then put in place, so that a process that starts meanwhile never sees half a build.
 * @param {BuildOptions} [options]
 * @returns {Promise<void>}
 */
export async function buildServer(options = {}) {
  const projectDir = options.projectDir ?? PROJECT_DIR;
  if (!existsSync(TSC)) {
    throw new Error(
      'the server is not built and TypeScript is not installed: run `npm install`, then `npm run build`',
    );
  }
  const wanted = await serverSourceHash(projectDir);
  const started = Date.now();
  const dist = path.join(projectDir, DIST);
  const staging = path.join(projectDir, `.dist-${randomBytes(4).toString('hex')}`);
  const retired = `${staging}-retired`;
  try {
    await run(
      process.execPath,
      [TSC, '-p', path.join(projectDir, 'tsconfig.build.json'), '--outDir', staging],
      {
        cwd: projectDir,
      },
    );
    for (const folder of DATA_FOLDERS) {
      const source = path.join(projectDir, 'src', folder);
      if (existsSync(source)) await cp(source, path.join(staging, folder), { recursive: true });
    }
    await writeFile(path.join(staging, STAMP), `${wanted}\n`);
    // Another process (a second instance, a parallel test) may have built the same sources meanwhile, and may be
    // running that build: it stays.
    if (options.keepCurrent && (await isServerBuildCurrent(projectDir))) return;
    // The build in place is moved aside whole (a rename, which another process cannot interleave with), then the new
    // one takes its place.
    await rename(dist, retired).catch((/** @type {NodeJS.ErrnoException} */ error) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(staging, dist).catch(async (/** @type {unknown} */ error) => {
      // Another process put its build in place first: it is built from the same sources, or it is stale and the
      // next start builds again.
      if (!existsSync(path.join(dist, STAMP))) throw error;
    });
  } finally {
    await Promise.all([staging, retired].map((dir) => rm(dir, { recursive: true, force: true })));
  }
  options.log?.(`server built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Builds the server when dist/ is missing or stale, as `npm start` needs. Without TypeScript (dependencies installed
 * with --omit=dev), a stale build is run as it is, with a warning.
 * @param {BuildOptions} [options]
 * @returns {Promise<'current' | 'built' | 'stale'>} what it found: a current build, none or a stale one it built, or a
 *   stale one it could not rebuild
 */
export async function ensureServerBuild(options = {}) {
  const projectDir = options.projectDir ?? PROJECT_DIR;
  if (await isServerBuildCurrent(projectDir)) return 'current';
  const built = existsSync(path.join(projectDir, DIST, STAMP));
  if (!existsSync(TSC) && built) {
    options.log?.(
      'warning: the server build is older than its sources, and TypeScript is not installed to rebuild it',
    );
    return 'stale';
  }
  options.log?.(built ? 'the server changed: building it' : 'building the server');
  await buildServer({ ...options, keepCurrent: true });
  return 'built';
}

// `node bin/server-build.js` (npm run build): the server now, then the web app when its build is stale, with the
// stamp that tells the next start it is current.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const log = (/** @type {string} */ message) => process.stderr.write(`${message}\n`);
  await buildServer({ log });
  /** @type {{ ensureWebBuild: (logger: { info: (...args: unknown[]) => void, warn: (...args: unknown[]) => void }) => Promise<boolean> }} */
  const web = await import(new URL('../dist/http/web-build.js', import.meta.url).href);
  const say = (/** @type {unknown[]} */ ...args) => log(String(args.at(-1)));
  if (!(await web.ensureWebBuild({ info: say, warn: say }))) process.exitCode = 1;
}
