// The server's build: src/ bundled into dist/, built when it is missing or was built from other sources.
// Plain JavaScript, because it runs before anything is compiled; `npm run check` type-checks it (checkJs).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash, filesUnder, fingerprint, isStampCurrent, stampOf } from './build-stamp.js';

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = 'dist';
const STAMP = '.source-hash';
/** The list of the chunks a build made itself, beside them. */
const OWN_CHUNKS = '.own-chunks';
const ESBUILD = path.join(PROJECT_DIR, 'node_modules', 'esbuild');
/** The modules the build starts from: the command, and the web build's check (run by `npm run build`). */
const ENTRY_POINTS = ['cli/main.ts', 'http/web-build.ts'];
/**
 * The packages the build leaves where npm put them, to be loaded from node_modules at run time: a native addon
 * (argon2), PGlite (which finds its WebAssembly by its module's address), pdfkit (its font data; loaded by the first
 * report only), and pino-pretty (a terminal's logs; loaded by name). Every other package is bundled in with the
 * server's own modules.
 */
const EXTERNAL = ['@electric-sql/pglite', '@node-rs/argon2', 'pino-pretty', 'pdfkit'];
/**
 * The folders under src/ that the server reads at run time, from src/ (migrations, the empty database): not part of
 * the build, so not of its hash.
 */
const RUNTIME_FOLDERS = ['db/migrations', 'db/pglite-template'].map((folder) => path.join('src', folder));
/**
 * What else the build is made from: its settings and these scripts. (The packages it bundles count by their manifests,
 * which the stamp names: not package-lock.json, which `npm prune` rewrites without changing them.)
 */
const BUILD_FILES = ['tsconfig.json', 'bin/server-build.js', 'bin/build-stamp.js'];
/**
 * The start of every file of the build. Bundled CommonJS packages `require` Node's own modules, and some find files
 * of their own by `__dirname` (see packageFolders); an ES module has neither. So each file makes its `require`, and
 * knows the project's folder from its own: every file of the build sits two folders down (dist/cli, dist/http,
 * dist/chunks). The names are unlikely ones, for the bundled modules' own names share each file's scope.
 */
const BANNER = [
  "import { createRequire as createRequireOfChunk } from 'node:module';",
  "import { dirname as dirnameOfChunk, join as joinOfChunk } from 'node:path';",
  'const require = createRequireOfChunk(import.meta.url);',
  "const projectDirOfChunk = joinOfChunk(import.meta.dirname, '..', '..');",
].join('\n');

/**
 * An esbuild plugin: a bundled package's module that uses CommonJS's `__dirname` or `__filename` gets them as they are
 * in node_modules, so that it finds the files beside it (@fastify/swagger-ui its pages, @fastify/swagger its
 * package.json), bundled or not.
 * @param {string} projectDir
 * @returns {import('esbuild').Plugin}
 */
function packageFolders(projectDir) {
  return {
    name: 'package-folders',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
        const file = path.relative(projectDir, args.path).split(path.sep).join('/');
        const names = `var __filename = joinOfChunk(projectDirOfChunk, ${JSON.stringify(file)}), __dirname = dirnameOfChunk(__filename);`;
        // After a hashbang and a 'use strict' directive, which must stay first.
        const prologue = /^(#![^\n]*\n)?\s*((['"])use strict\3;?)?/.exec(source)?.[0] ?? '';
        return { contents: `${prologue}\n${names}\n${source.slice(prologue.length)}`, loader: 'js' };
      });
    },
  };
}

/**
 * Everything the build is made from: the sources (everything under src/ but the tests and their fixtures,
 * `*.test.ts` and `*.test-*.ts`, and the folders read at run time), and the build's settings and scripts.
 * @param {string} projectDir
 * @returns {string[]}
 */
function buildInputs(projectDir) {
  const runtime = RUNTIME_FOLDERS.map((folder) => path.join(projectDir, folder, path.sep));
  const sources = filesUnder(
    path.join(projectDir, 'src'),
    (file) => !/\.test(\.|-[^.]*\.)ts$/.test(file) && !runtime.some((folder) => file.startsWith(folder)),
  );
  return [
    ...sources,
    ...BUILD_FILES.map((file) => path.join(projectDir, file)).filter((file) => existsSync(file)),
  ];
}

/**
 * A hash of everything the build is made from.
 * @param {string} [projectDir]
 * @returns {Promise<string>}
 */
export function serverSourceHash(projectDir = PROJECT_DIR) {
  return contentHash(projectDir, buildInputs(projectDir));
}

/**
 * Lists the new build's chunks, and links the chunks of the build it replaces in beside them: a server still running
 * the previous build loads its modules on demand (a calendar, a report), by their names, which content hashes make
 * different from build to build. Only the previous build's own chunks are kept, so they do not pile up.
 * @param {string} dist the build in place
 * @param {string} staging the new build
 */
async function keepPreviousChunks(dist, staging) {
  const chunks = path.join(staging, 'chunks');
  const own = existsSync(chunks) ? (await readdir(chunks)).filter((name) => name.endsWith('.js')) : [];
  await writeFile(path.join(staging, OWN_CHUNKS), `${own.join('\n')}\n`);
  const previous = await readFile(path.join(dist, OWN_CHUNKS), 'utf8').catch(() => '');
  const kept = previous.split('\n').filter((line) => line && !own.includes(line));
  if (kept.length > 0) await mkdir(chunks, { recursive: true });
  for (const name of kept) {
    await link(path.join(dist, 'chunks', name), path.join(chunks, name)).catch(() => {});
  }
}

/**
 * The manifests (package.json) of the packages a build bundled in, from esbuild's record of what it read: a package
 * upgraded in node_modules makes the build stale, whatever package-lock.json says.
 * @param {string} projectDir
 * @param {import('esbuild').Metafile} metafile
 * @returns {string[]}
 */
function bundledManifests(projectDir, metafile) {
  const roots = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const at = input.lastIndexOf('node_modules/');
    if (at === -1) continue;
    const [scope = '', name = ''] = input.slice(at + 'node_modules/'.length).split('/');
    roots.add(`${input.slice(0, at)}node_modules/${scope.startsWith('@') ? `${scope}/${name}` : scope}`);
  }
  return [...roots]
    .sort()
    .map((root) => path.join(projectDir, root, 'package.json'))
    .filter((file) => existsSync(file));
}

/**
 * @typedef {object} BuildOptions
 * @property {string} [projectDir] the project to build (this one without it)
 * @property {(message: string) => void} [log] where progress goes
 * @property {boolean} [keepCurrent] keep a build of the same sources that another process put in place meanwhile
 */

/**
 * Whether dist/ was built from the sources as they are now (see build-stamp.js).
 * @param {string} [projectDir]
 * @returns {Promise<boolean>}
 */
export function isServerBuildCurrent(projectDir = PROJECT_DIR) {
  return isStampCurrent(path.join(projectDir, DIST, STAMP), projectDir, buildInputs(projectDir));
}

/**
 * Bundles src/ into dist/ with esbuild: the entry points, and a chunk for each module loaded on demand, with the
 * packages bundled in but for EXTERNAL. Few files rather than hundreds, because a restart spends most of its time
 * having Node find, read and link modules. Types are not checked here (`npm run check` does that). Built in a
 * folder of its own and then put in place, so that a process that starts meanwhile never sees half a build.
 * @param {BuildOptions} [options]
 * @returns {Promise<void>}
 */
export async function buildServer(options = {}) {
  const projectDir = options.projectDir ?? PROJECT_DIR;
  if (!existsSync(ESBUILD)) {
    throw new Error(
      'the server is not built and esbuild is not installed: run `npm install`, then `npm run build`',
    );
  }
  const inputs = buildInputs(projectDir);
  const before = fingerprint(projectDir, inputs);
  const started = Date.now();
  const dist = path.join(projectDir, DIST);
  const staging = path.join(projectDir, `.dist-${randomBytes(4).toString('hex')}`);
  const retired = `${staging}-retired`;
  try {
    /** @type {typeof import('esbuild')} */
    const esbuild = await import('esbuild');
    const src = path.join(projectDir, 'src');
    const { metafile } = await esbuild.build({
      absWorkingDir: projectDir,
      metafile: true,
      entryPoints: ENTRY_POINTS.map((entry) => path.join(src, entry)).filter((entry) => existsSync(entry)),
      outbase: src,
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      chunkNames: 'chunks/[name]-[hash]',
      external: EXTERNAL,
      banner: { js: BANNER },
      plugins: [packageFolders(projectDir)],
      sourcemap: 'linked',
      logLevel: 'silent',
    });
    // A source changed while it was read: the stamp says so, and the next start builds again.
    const stamp =
      fingerprint(projectDir, inputs) === before
        ? await stampOf(projectDir, inputs, bundledManifests(projectDir, metafile))
        : 'sources changed during the build\n';
    await writeFile(path.join(staging, STAMP), stamp);
    await keepPreviousChunks(dist, staging);
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
 * Builds the server when dist/ is missing or stale, as `npm start` needs. Without esbuild, or where the project
 * cannot be written to, a stale build is run as it is, with a warning.
 * @param {BuildOptions} [options]
 * @returns {Promise<'current' | 'built' | 'stale'>} what it found: a current build, none or a stale one it built, or a
 *   stale one it could not rebuild
 */
export async function ensureServerBuild(options = {}) {
  const projectDir = options.projectDir ?? PROJECT_DIR;
  if (await isServerBuildCurrent(projectDir)) return 'current';
  const built = existsSync(path.join(projectDir, DIST, STAMP));
  if (!existsSync(ESBUILD) && built) {
    options.log?.(
      'warning: the server build is older than its sources, and esbuild is not installed to rebuild it',
    );
    return 'stale';
  }
  options.log?.(built ? 'the server changed: building it' : 'building the server');
  try {
    await buildServer({ ...options, keepCurrent: true });
  } catch (error) {
    // A release that cannot be written to (a service's read-only /opt, see docs/deploy.md) runs the build it has.
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    if (!built || !['EACCES', 'EPERM', 'EROFS'].includes(code ?? '')) throw error;
    options.log?.(
      `warning: the server build is older than its sources and cannot be rebuilt here (${code}): running it`,
    );
    return 'stale';
  }
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
