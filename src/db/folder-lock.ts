import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';

/** The embedded database folder is held by another process; the message says which and what to do. */
export class FolderLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FolderLockedError';
  }
}

interface LockRecord {
  pid: number;
  host: string;
  nonce: string;
  command: string;
  since: string;
}

/** How often a holder marks its lock as alive (the file's modification time). */
export const HEARTBEAT_MS = 5_000;
/** A lock not marked alive for this long is abandoned, whichever machine or container wrote it. */
export const ABANDONED_MS = 30_000;

export interface LockOptions {
  /**
   * How long to wait for a lock held from another machine or container whose holder may just have died (its
   * heartbeat stops, and the lock is abandoned after ABANDONED_MS). A holder on this machine that is alive is
   * refused at once. Without it, every live-looking lock is refused at once.
   */
  waitMs?: number;
}

/** The nonces of the locks this process holds, so that a lock left by an earlier process with our pid is stale. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's record and the age of its last heartbeat, or undefined when there is none (or it is half-written). */
async function readLock(file: string): Promise<{ record: LockRecord; age: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    return { record: JSON.parse(text) as LockRecord, age: Date.now() - info.mtimeMs };
  } catch {
    return undefined;
  }
}

/**
 * Whether the holder is gone: its heartbeat stopped long ago (any machine), or it ran on this machine and its
 * process has ended (an earlier process with our own pid counts as ended).
 */
function isAbandoned(lock: { record: LockRecord; age: number }): boolean {
  if (lock.age > ABANDONED_MS) return true;
  const { record } = lock;
  if (record.host !== hostname()) return false;
  if (record.pid === process.pid) return !held.has(record.nonce);
  return !isAlive(record.pid);
}

async function createExclusive(file: string, content: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    await handle.writeFile(content);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes an abandoned lock, unless another process is doing so: only the process that creates the takeover file
 * may remove the lock, and it checks under it that the lock is still the abandoned one, so that it never removes
 * a lock another process has just taken. Answers whether the lock was removed.
 */
async function removeAbandoned(file: string, nonce: string): Promise<boolean> {
  const takeover = `${file}.takeover`;
  if (!(await createExclusive(takeover, String(process.pid)))) {
    // Another process is taking over; a takeover file left by a process that died meanwhile goes after a while.
    const age = await stat(takeover).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (age > ABANDONED_MS) await unlink(takeover).catch(() => {});
    return false;
  }
  try {
    const current = await readLock(file);
    if (current?.record.nonce !== nonce) return false;
    await unlink(file).catch(() => {});
    return true;
  } finally {
    await unlink(takeover).catch(() => {});
  }
}

function describe(folder: string, lock: { record: LockRecord; age: number }): string {
  const { record } = lock;
  return (
    `The database folder ${folder} is in use by another CityBridge process ` +
    `(process ${record.pid} on ${record.host}, since ${record.since}: ${record.command}).\n` +
    'Stop that process first (for example the running server), then try again. ' +
    `A lock whose process has ended is taken over; one from another machine or container after ${ABANDONED_MS / 1000} s. ` +
    'To run several processes on one database, use a PostgreSQL server (DATABASE_URL).'
  );
}

/**
 * Takes the lock file beside the embedded database folder, so that only one process opens it: PGlite is
 * PostgreSQL in one process, and a second process writing the same folder loses its writes. The file names the
 * holder, whose heartbeat keeps its modification time fresh. A lock whose process has ended on this machine is
 * taken over at once, one whose heartbeat stopped (a container that was replaced) after ABANDONED_MS. PGlite's
 * own postmaster.pid cannot serve: it always holds the same made-up process id.
 *
 * Resolves to a function that releases the lock; it is also released when the process exits.
 */
export async function lockFolder(folder: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const file = `${folder}.lock`;
  const record: LockRecord = {
    pid: process.pid,
    host: hostname(),
    nonce: randomBytes(8).toString('hex'),
    command: process.argv.slice(2).join(' ') || process.argv[1] || 'node',
    since: new Date().toISOString(),
  };
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    if (await createExclusive(file, JSON.stringify(record))) break;
    const holder = await readLock(file);
    if (!holder) {
      await pause(50);
      continue;
    }
    if (isAbandoned(holder)) {
      if (!(await removeAbandoned(file, holder.record.nonce))) await pause(50);
      continue;
    }
    const sameMachine = holder.record.host === hostname();
    if (sameMachine || Date.now() >= deadline) throw new FolderLockedError(describe(folder, holder));
    await pause(1000);
  }

  held.add(record.nonce);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const releaseOnExit = () => {
    try {
      if (JSON.parse(readFileSync(file, 'utf8')).nonce === record.nonce) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.once('exit', releaseOnExit);
  return async () => {
    clearInterval(heartbeat);
    process.removeListener('exit', releaseOnExit);
    held.delete(record.nonce);
    const current = await readLock(file);
    if (current?.record.nonce === record.nonce) await unlink(file).catch(() => {});
  };
}
