import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuild, isServerBuildCurrent, serverSourceHash } from '../bin/server-build.js';

const run = promisify(execFile);

/** The compiled server: `npm start` builds it when it is missing or stale, and runs the build it finds current. */

let project: string;

/**
 * A small project of the same shape: the command's module in src/cli/ with a module of its own, a test, a package in
 * node_modules (CommonJS, requiring one of Node's modules), a migration and an empty database's template.
 */
async function makeProject(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'citybridge-build-'));
  await mkdir(path.join(dir, 'src', 'cli'), { recursive: true });
  await mkdir(path.join(dir, 'src', 'db', 'migrations'), { recursive: true });
  await mkdir(path.join(dir, 'src', 'db', 'pglite-template'), { recursive: true });
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        allowImportingTsExtensions: true,
        noEmit: true,
        types: [],
      },
    }),
  );
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  await writeFile(path.join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: {} }));
  await writePackage(dir);
  await writeFile(
    path.join(dir, 'src', 'cli', 'main.ts'),
    "import { offset } from 'offset';\nimport { answer } from './answer.ts';\nexport const value = answer + offset;\n" +
      "export { greet } from 'greeting';\nexport const later = () => import('./later.ts');\n",
  );
  await writeFile(path.join(dir, 'src', 'cli', 'answer.ts'), 'export const answer: number = 41;\n');
  await writeFile(path.join(dir, 'src', 'cli', 'later.ts'), "export const word = 'first';\n");
  await writeFile(path.join(dir, 'src', 'cli', 'answer.test.ts'), 'export {};\n');
  await writeFile(path.join(dir, 'src', 'db', 'migrations', '0000_first.sql'), 'select 1;\n');
  await writeFile(path.join(dir, 'src', 'db', 'pglite-template', 'empty.json'), '{}\n');
  return dir;
}

/** A CommonJS package in the small project's node_modules, with its files. */
async function writeNodePackage(dir: string, name: string, files: Record<string, string>): Promise<void> {
  const folder = path.join(dir, 'node_modules', name);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'package.json'), JSON.stringify({ main: 'index.js' }));
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(folder, file), text);
}

/**
 * The packages the small project imports: one gives 0, found with one of Node's modules (as bundled CommonJS finds
 * them); the other reads a file of its own, found by __dirname.
 */
async function writePackage(dir: string): Promise<void> {
  await writeNodePackage(dir, 'offset', {
    'index.js': "exports.offset = require('node:path').posix.sep === '/' ? 0 : 100;\n",
  });
  await writeNodePackage(dir, 'greeting', {
    'greeting.txt': 'hello from beside the package\n',
    'index.js':
      "'use strict';\nconst fs = require('node:fs');\n" +
      "exports.greet = () => fs.readFileSync(require('node:path').join(__dirname, 'greeting.txt'), 'utf8').trim();\n",
  });
}

/** What the built server's `expression` gives, run in a process of its own (a module once imported stays cached). */
async function built(dir: string, expression: string): Promise<string> {
  const main = JSON.stringify(path.join(dir, 'dist', 'cli', 'main.js'));
  const { stdout } = await run(process.execPath, [
    '--input-type=module',
    '-e',
    `const built = await import(${main}); console.log(${expression});`,
  ]);
  return stdout.trim();
}

const builtValue = async (dir: string) => Number(await built(dir, 'built.value'));

beforeAll(async () => {
  project = await makeProject();
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('the server build', () => {
  it('is bundled when missing, with the packages it imports and without tests or the files read at run time', async () => {
    const messages: string[] = [];
    expect(await isServerBuildCurrent(project)).toBe(false);
    expect(await ensureServerBuild({ projectDir: project, log: (message) => messages.push(message) })).toBe(
      'built',
    );
    expect(messages[0]).toBe('building the server');
    expect(await builtValue(project)).toBe(41);
    // A bundled package finds the files beside it in node_modules.
    expect(await built(project, 'built.greet()')).toBe('hello from beside the package');
    // The package is in the build: it runs without node_modules.
    await rm(path.join(project, 'node_modules'), { recursive: true });
    expect(await builtValue(project)).toBe(41);
    await writePackage(project);
    // The entry point, and a chunk for each module loaded on demand (with the code they share); no test.
    const files = (await readdir(path.join(project, 'dist'), { recursive: true })).filter((file) =>
      file.endsWith('.js'),
    );
    expect(files.filter((file) => !file.startsWith(`chunks${path.sep}`))).toEqual([
      path.join('cli', 'main.js'),
    ]);
    expect(files.filter((file) => file.includes('later-'))).toHaveLength(1);
    expect(await isServerBuildCurrent(project)).toBe(true);
  }, 60_000);

  it('is run as it is while its sources are unchanged', async () => {
    const messages: string[] = [];
    expect(await ensureServerBuild({ projectDir: project, log: (message) => messages.push(message) })).toBe(
      'current',
    );
    expect(messages).toEqual([]);
  });

  it('is current when a source is touched but not changed, and reads no source at the next start', async () => {
    const stampFile = path.join(project, 'dist', '.source-hash');
    const [hash, fingerprint] = (await readFile(stampFile, 'utf8')).trim().split('\n');
    const source = path.join(project, 'src', 'cli', 'answer.ts');
    await utimes(source, new Date(), new Date(Date.now() + 60_000));
    expect(await ensureServerBuild({ projectDir: project })).toBe('current');
    // The stamp took the new times, beside the same hash of the contents.
    const [sameHash, newFingerprint] = (await readFile(stampFile, 'utf8')).trim().split('\n');
    expect(sameHash).toBe(hash);
    expect(newFingerprint).not.toBe(fingerprint);
    // While names, sizes and times are those of the stamp, no source is read: a change that keeps a file's size and
    // time (which editors and git do not make) goes unseen, as it does by make.
    const { mtime } = await stat(source);
    const before = await readFile(source, 'utf8');
    await writeFile(source, before.replace('41', '49'));
    await utimes(source, mtime, mtime);
    try {
      expect(await isServerBuildCurrent(project)).toBe(true);
    } finally {
      await writeFile(source, before);
      await utimes(source, mtime, mtime);
    }
  });

  it('is built again when a source changes, and the new build replaces the old one whole', async () => {
    await writeFile(path.join(project, 'src', 'cli', 'answer.ts'), 'export const answer: number = 42;\n');
    expect(await isServerBuildCurrent(project)).toBe(false);
    const messages: string[] = [];
    expect(await ensureServerBuild({ projectDir: project, log: (message) => messages.push(message) })).toBe(
      'built',
    );
    expect(messages[0]).toBe('the server changed: building it');
    expect(await builtValue(project)).toBe(42);
    // The stamp names the manifests of the packages bundled in.
    const named = (await readFile(path.join(project, 'dist', '.source-hash'), 'utf8'))
      .trim()
      .split('\n')
      .slice(2);
    expect(named).toEqual([
      path.join('node_modules', 'greeting', 'package.json'),
      path.join('node_modules', 'offset', 'package.json'),
    ]);
  }, 60_000);

  it('keeps the chunks of the build it replaces, for a process still running that build', async () => {
    // A process on the current build, which loads a module on demand when told to.
    const main = JSON.stringify(path.join(project, 'dist', 'cli', 'main.js'));
    const running = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const built = await import(${main}); console.log('ready');
         process.stdin.once('data', async () => { console.log((await built.later()).word); process.exit(0); });`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: running.stdout! })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe('ready');
    await writeFile(path.join(project, 'src', 'cli', 'later.ts'), "export const word = 'second';\n");
    expect(await ensureServerBuild({ projectDir: project })).toBe('built');
    running.stdin!.write('go\n');
    expect((await lines.next()).value).toBe('first');
    expect(await built(project, '(await built.later()).word')).toBe('second');
    // A build later, the first build's chunk is gone: only the build replaced is kept.
    await writeFile(path.join(project, 'src', 'cli', 'later.ts'), "export const word = 'third';\n");
    await ensureServerBuild({ projectDir: project });
    const chunks = await readdir(path.join(project, 'dist', 'chunks'));
    expect(chunks.filter((file) => /^later-.*\.js$/.test(file))).toHaveLength(2);
  }, 60_000);

  it('is built once in place when two processes start at once, and leaves no half build behind', async () => {
    await writeFile(path.join(project, 'src', 'cli', 'answer.ts'), 'export const answer: number = 43;\n');
    const outcomes = await Promise.all([
      ensureServerBuild({ projectDir: project }),
      ensureServerBuild({ projectDir: project }),
    ]);
    expect(outcomes).toEqual(['built', 'built']);
    expect(await builtValue(project)).toBe(43);
    expect(await isServerBuildCurrent(project)).toBe(true);
    expect((await readdir(project)).filter((name) => name.startsWith('.dist-'))).toEqual([]);
  }, 60_000);

  it('counts a bundled package upgraded in node_modules, not package-lock.json alone, which npm prune rewrites', async () => {
    expect(await isServerBuildCurrent(project)).toBe(true);
    const lock = await readFile(path.join(project, 'package-lock.json'), 'utf8');
    await writeFile(
      path.join(project, 'package-lock.json'),
      lock.replace('{}', '{"node_modules/offset":{}}'),
    );
    expect(await isServerBuildCurrent(project)).toBe(true);
    const manifest = path.join(project, 'node_modules', 'offset', 'package.json');
    const before = await readFile(manifest, 'utf8');
    await writeFile(manifest, JSON.stringify({ main: 'index.js', version: '2.0.0' }));
    expect(await isServerBuildCurrent(project)).toBe(false);
    await writeFile(manifest, before);
    expect(await isServerBuildCurrent(project)).toBe(true);
    // A bundled package removed.
    await rm(manifest);
    expect(await isServerBuildCurrent(project)).toBe(false);
    await writeFile(manifest, before);
  });

  it('counts a source renamed or removed, not a test or a file read at run time', async () => {
    const before = await serverSourceHash(project);
    await writeFile(path.join(project, 'src', 'cli', 'answer.test.ts'), 'export const changed = true;\n');
    await writeFile(path.join(project, 'src', 'db', 'migrations', '0001_second.sql'), 'select 2;\n');
    await writeFile(path.join(project, 'src', 'db', 'pglite-template', 'empty.json'), '{"changed":true}\n');
    expect(await serverSourceHash(project)).toBe(before);
    await writeFile(path.join(project, 'src', 'extra.ts'), 'export {};\n');
    const added = await serverSourceHash(project);
    expect(added).not.toBe(before);
    await rm(path.join(project, 'src', 'extra.ts'));
    expect(await serverSourceHash(project)).toBe(before);
  });
});
