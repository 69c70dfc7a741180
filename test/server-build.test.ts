import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuild, isServerBuildCurrent, serverSourceHash } from '../bin/server-build.js';

const run = promisify(execFile);

/** The compiled server: `npm start` builds it when it is missing or stale, and runs the build it finds current. */

let project: string;

/**
 * A small project of the same shape: src/ with a module, a test, a migration and an empty database's template, and
 * the build's settings.
 */
async function makeProject(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'citybridge-build-'));
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
  // The project's own build settings, on the small project's files.
  const settings = JSON.parse(await readFile(path.resolve('tsconfig.build.json'), 'utf8')) as object;
  await writeFile(path.join(dir, 'tsconfig.build.json'), JSON.stringify(settings));
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  await writeFile(
    path.join(dir, 'src', 'main.ts'),
    "import { answer } from './answer.ts';\nexport const value = answer;\n",
  );
  await writeFile(path.join(dir, 'src', 'answer.ts'), 'export const answer: number = 41;\n');
  await writeFile(path.join(dir, 'src', 'answer.test.ts'), 'export {};\n');
  await writeFile(path.join(dir, 'src', 'db', 'migrations', '0000_first.sql'), 'select 1;\n');
  await writeFile(path.join(dir, 'src', 'db', 'pglite-template', 'empty.json'), '{}\n');
  return dir;
}

/** The built server's value, run in a process of its own (a module once imported stays in this one's cache). */
async function builtValue(dir: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, [
    '--input-type=module',
    '-e',
    `const { value } = await import(${JSON.stringify(path.join(dir, 'dist', 'main.js'))}); console.log(value);`,
  ]);
  return Number(stdout.trim());
}

beforeAll(async () => {
  project = await makeProject();
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('the server build', () => {
  it('is built when missing, with relative imports rewritten to JavaScript and its data files beside it', async () => {
    const messages: string[] = [];
    expect(await isServerBuildCurrent(project)).toBe(false);
    expect(await ensureServerBuild({ projectDir: project, log: (message) => messages.push(message) })).toBe(
      'built',
    );
    expect(messages[0]).toBe('building the server');
    expect(await builtValue(project)).toBe(41);
    expect(existsSync(path.join(project, 'dist', 'db', 'migrations', '0000_first.sql'))).toBe(true);
    expect(existsSync(path.join(project, 'dist', 'db', 'pglite-template', 'empty.json'))).toBe(true);
    // Tests are not part of the build.
    expect(existsSync(path.join(project, 'dist', 'answer.test.js'))).toBe(false);
    expect(await isServerBuildCurrent(project)).toBe(true);
  }, 60_000);

  it('is run as it is while its sources are unchanged', async () => {
    const messages: string[] = [];
    expect(await ensureServerBuild({ projectDir: project, log: (message) => messages.push(message) })).toBe(
      'current',
    );
    expect(messages).toEqual([]);
  });

  it('is built again when a source changes, and the new build replaces the old one whole', async () => {
    await writeFile(path.join(project, 'src', 'answer.ts'), 'export const answer: number = 42;\n');
    expect(await isServerBuildCurrent(project)).toBe(false);
    const messages: string[] = [];
    expect(await ensureServerBuild({ projectDir: project, log: (message) => messages.push(message) })).toBe(
      'built',
    );
    expect(messages[0]).toBe('the server changed: building it');
    expect(await builtValue(project)).toBe(42);
    expect((await readFile(path.join(project, 'dist', '.source-hash'), 'utf8')).trim()).toBe(
      await serverSourceHash(project),
    );
  }, 60_000);

  it('is built once in place when two processes start at once, and leaves no half build behind', async () => {
    await writeFile(path.join(project, 'src', 'answer.ts'), 'export const answer: number = 43;\n');
    const outcomes = await Promise.all([
      ensureServerBuild({ projectDir: project }),
      ensureServerBuild({ projectDir: project }),
    ]);
    expect(outcomes).toEqual(['built', 'built']);
    expect(await builtValue(project)).toBe(43);
    expect(await isServerBuildCurrent(project)).toBe(true);
    expect((await readdir(project)).filter((name) => name.startsWith('.dist-'))).toEqual([]);
  }, 60_000);

  it('counts a source renamed or removed, and not a change to a test', async () => {
    const before = await serverSourceHash(project);
    await writeFile(path.join(project, 'src', 'answer.test.ts'), 'export const changed = true;\n');
    expect(await serverSourceHash(project)).toBe(before);
    await writeFile(path.join(project, 'src', 'extra.ts'), 'export {};\n');
    const added = await serverSourceHash(project);
    expect(added).not.toBe(before);
    await rm(path.join(project, 'src', 'extra.ts'));
    expect(await serverSourceHash(project)).toBe(before);
  });
});
