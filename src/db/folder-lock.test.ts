import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ABANDONED_MS, FolderLockedError, lockFolder } from './folder-lock.ts';

const run = promisify(execFile);
const holder = path.resolve('test/fixtures/lock-holder.ts');

/** Runs a second process that tries the lock and holds it for `holdMs`; answers "got" or "refused". */
async function tryInAnotherProcess(folder: string, holdMs = 0, startAt = 0): Promise<string> {
  const args = ['--import', 'tsx', holder, folder, String(holdMs), String(startAt)];
  const { stdout } = await run(process.execPath, args);
  return stdout.trim();
}

/** A process id that is certainly not running: one that has just exited. */
async function deadPid(): Promise<number> {
  const { stdout } = await run(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(stdout);
}

let dir: string;
let folder: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'citybridge-folder-lock-'));
  folder = path.join(dir, 'db');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const writeLock = (record: object, ageMs = 0) =>
  writeFile(`${folder}.lock`, JSON.stringify({ nonce: 'old', command: 'serve', since: '', ...record })).then(
    () => utimes(`${folder}.lock`, new Date(Date.now() - ageMs), new Date(Date.now() - ageMs)),
  );

describe('the folder lock', () => {
  it('lets one process in at a time, and names the holder to the others', async () => {
    const release = await lockFolder(folder);
    expect(await tryInAnotherProcess(folder)).toBe('refused');
    await expect(lockFolder(folder)).rejects.toThrow(
      new RegExp(`in use by another CityBridge process \\(process ${process.pid} on ${hostname()}`),
    );
    await release();
    expect(await tryInAnotherProcess(folder)).toBe('got');
  });

  it('takes over at once a lock whose process has ended on this machine', async () => {
    await writeLock({ pid: await deadPid(), host: hostname() });
    const release = await lockFolder(folder);
    expect(JSON.parse(await readFile(`${folder}.lock`, 'utf8')).pid).toBe(process.pid);
    await release();
  });

  it('gives an abandoned lock to exactly one of several processes starting at once', async () => {
    for (let round = 0; round < 4; round += 1) {
      await writeLock({ pid: await deadPid(), host: hostname() });
      const startAt = Date.now() + 2500;
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => tryInAnotherProcess(folder, 1500, startAt)),
      );
      expect(
        answers.filter((answer) => answer === 'got'),
        answers.join(' '),
      ).toHaveLength(1);
    }
  }, 120_000);

  it('waits for a lock from another machine or container until its heartbeat has stopped long enough', async () => {
    // Written by a container that was replaced: another host name, a process id that means nothing here.
    await writeLock({ pid: 1, host: 'replaced-container' }, ABANDONED_MS - 2000);
    await expect(lockFolder(folder)).rejects.toBeInstanceOf(FolderLockedError);
    const started = Date.now();
    const release = await lockFolder(folder, { waitMs: 10_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await release();
  }, 30_000);

  it('keeps its own lock fresh while it holds it', async () => {
    const release = await lockFolder(folder);
    const old = new Date(Date.now() - ABANDONED_MS - 5000);
    await utimes(`${folder}.lock`, old, old);
    // The heartbeat marks it alive again within a few seconds, so no other machine takes it over.
    const age = async () => Date.now() - (await stat(`${folder}.lock`)).mtimeMs;
    await expect.poll(age, { timeout: 10_000 }).toBeLessThan(ABANDONED_MS);
    await release();
  }, 20_000);
});
