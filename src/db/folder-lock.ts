import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
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

async function readRecord(file: string): Promise<LockRecord | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockRecord;
  } catch {
    // Unreadable or half-written: treat as no record, the caller retries.
    return undefined;
  }
}

/** Whether the process that wrote the lock is gone: on this machine, and not running (or an earlier us). */
function isStale(record: LockRecord): boolean {
  if (record.host !== hostname()) return false;
  if (record.pid === process.pid) return !held.has(record.nonce);
  return !isAlive(record.pid);
}

/**
 * Takes the lock file beside the embedded database folder, so that only one process opens it: PGlite is
 * PostgreSQL in one process, and a second process writing the same folder loses its writes. The file names the
 * holder's process id; a lock whose process is gone (killed, crashed) is taken over at once. PGlite's own
 * postmaster.pid cannot serve, as it always holds the same made-up process id.
 *
 * Resolves to a function that releases the lock; it is also released when the process exits.
 */
export async function lockFolder(folder: string): Promise<() => Promise<void>> {
  const file = `${folder}.lock`;
  const record: LockRecord = {
    pid: process.pid,
    host: hostname(),
    nonce: randomBytes(8).toString('hex'),
    command: process.argv.slice(2).join(' ') || process.argv[1] || 'node',
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify(record));
      await handle.close();
      held.add(record.nonce);
      const releaseOnExit = () => {
        try {
          if (JSON.parse(readFileSync(file, 'utf8')).nonce === record.nonce) unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
      process.once('exit', releaseOnExit);
      return async () => {
        process.removeListener('exit', releaseOnExit);
        held.delete(record.nonce);
        const current = await readRecord(file);
        if (current?.nonce === record.nonce) await unlink(file).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readRecord(file);
    if (!holder) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    if (!isStale(holder)) {
      throw new FolderLockedError(
        `The database folder ${folder} is in use by another CityBridge process ` +
          `(process ${holder.pid} on ${holder.host}, since ${holder.since}: ${holder.command}).\n` +
          'Stop that process first (for example the running server), then try again. ' +
          'To run several processes on one database, use a PostgreSQL server (DATABASE_URL).',
      );
    }
    // The holder is gone: remove its lock, unless another process has just done so and taken it.
    const again = await readRecord(file);
    if (again?.nonce === holder.nonce) await unlink(file).catch(() => {});
  }
  throw new FolderLockedError(
    `Could not take the lock ${file}; remove it if no CityBridge process is running.`,
  );
}
