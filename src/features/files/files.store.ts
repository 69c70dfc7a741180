import { createHash, randomBytes } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import * as repo from './files.repo.ts';

/**
 * The files that records keep (a tie's documents, an event's photos and documents), in one folder: each received
 * under a temporary name while it streams in and is hashed, within its size limit and its organisation's storage
 * quota; then kept under its SHA-256, once whichever records use it; and removed with the last live record that
 * uses it. What a record keeps about its file, and who may add or read it, is its own feature's business.
 */

/** What an organisation may keep in files when the server sets no quota: 1 GB. */
export const DEFAULT_STORAGE_QUOTA_BYTES = 1024 * 1024 * 1024;

/** Enough of a file's first bytes to tell its type. */
export const SNIFF_BYTES = 12;

/** A file's type from its first bytes; the name and the type the client claims are not trusted. */
export function sniffMediaType(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  return undefined;
}

/**
 * A file name safe to store and to send back: no folders, no control characters, at most 200 characters, ending in
 * the extension of what the bytes are. `fallback` names a file whose name is left empty.
 */
export function cleanFileName(name: string, mediaType?: string, fallback = 'document'): string {
  const base = path.basename(name.replaceAll('\\', '/'));
  // Control characters, and the direction marks that make `invoice\u202Efdp.exe` read as `invoiceexe.pdf`.
  const cleaned = base.replace(UNSAFE_IN_NAMES, '').trim();
  const named = (cleaned || fallback).slice(-190);
  // The name's extension says what the file is when it is opened: it must say what the bytes are.
  const extensions = mediaType ? MEDIA_EXTENSIONS[mediaType] : undefined;
  const extension = path.extname(named).slice(1).toLowerCase();
  return extensions && !extensions.includes(extension) ? `${named}.${extensions[0]}` : named;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The file name extensions of the types kept, the usual one first. */
const MEDIA_EXTENSIONS: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
};

/** A file received under a temporary name in the files folder, not yet kept for a record. */
export interface ReceivedFile {
  temporaryPath: string;
  size: number;
  sha256: string;
  mediaType: string;
}

/** What a file being received may be: how large, and which types its first bytes may show. */
export interface ReceiveLimits {
  /** The most bytes a file of this kind may have. */
  maxBytes: number;
  /** How many more bytes its organisation may store now; Infinity when no quota applies. */
  roomBytes: number;
  /** The answer to a file over `maxBytes`. */
  tooLarge(): AppError;
  /** The answer to a file over `roomBytes`. */
  overQuota(): AppError;
  /** The file's type from its first bytes (up to SNIFF_BYTES of them); throws for a type that is refused. */
  mediaType(head: Buffer): string;
}

async function writeAll(handle: FileHandle, chunk: Buffer) {
  for (let offset = 0; offset < chunk.length; ) {
    const { bytesWritten } = await handle.write(chunk, offset);
    offset += bytesWritten;
  }
}

/**
 * Streams a file into a temporary file in the folder, hashing it on the way. It is refused as soon as it is larger
 * than `limits` allow, or its first bytes show a type they refuse, so the rest is never read. A refused file leaves
 * nothing behind.
 */
export async function receiveFile(
  dir: string,
  chunks: AsyncIterable<Buffer>,
  limits: ReceiveLimits,
): Promise<ReceivedFile> {
  await mkdir(dir, { recursive: true });
  const temporaryPath = path.join(dir, `upload-${randomBytes(8).toString('hex')}.part`);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let mediaType: string | undefined;
  try {
    const handle = await open(temporaryPath, 'wx');
    try {
      for await (const chunk of chunks) {
        size += chunk.length;
        if (size > limits.maxBytes) throw limits.tooLarge();
        if (size > limits.roomBytes) throw limits.overQuota();
        if (head.length < SNIFF_BYTES) {
          head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
          if (head.length === SNIFF_BYTES) mediaType = limits.mediaType(head);
        }
        hash.update(chunk);
        await writeAll(handle, chunk);
      }
    } finally {
      await handle.close();
    }
    if (size === 0) {
      throw new AppError('VALIDATION_FAILED', 'Invalid request: file', [
        { field: 'file', message: 'is empty' },
      ]);
    }
    mediaType ??= limits.mediaType(head);
    return { temporaryPath, size, sha256: hash.digest('hex'), mediaType };
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

/** Removes a received file that will not be kept. */
export async function discardReceivedFile(file: ReceivedFile): Promise<void> {
  await rm(file.temporaryPath, { force: true });
}

/**
 * The organisation on whose behalf the actor writes to a record kept by these organisations: the first of them the
 * actor edits for, or for an administrator without such a membership the first of them.
 */
export function chargedOrganization(actor: Actor, organizationIds: readonly number[]): number | null {
  const own = organizationIds.find((id) => actor.memberships.get(id) === 'editor');
  if (own !== undefined) return own;
  return actor.isAdmin ? (organizationIds[0] ?? null) : null;
}

/** Who pays for a file in storage: an organisation and its quota; nobody when `organizationId` is null. */
export interface StorageCharge {
  organizationId: number | null;
  /** How many bytes of files the organisation may keep. */
  quotaBytes: number;
}

export function quotaExceeded(charge: StorageCharge): AppError {
  return new AppError(
    'STORAGE_QUOTA_EXCEEDED',
    `The organisation's documents may take at most ${charge.quotaBytes} bytes; remove documents to make room`,
    [
      {
        field: 'file',
        message: `does not fit in the storage quota of organisation ${charge.organizationId}`,
      },
    ],
  );
}

/**
 * How many more bytes the organisation may store now (Infinity when nobody pays); a full quota answers
 * STORAGE_QUOTA_EXCEEDED at once, before any byte of an upload is read.
 */
export async function storageRoom(db: DbOrTx, charge: StorageCharge): Promise<number> {
  if (charge.organizationId === null) return Number.POSITIVE_INFINITY;
  const room = charge.quotaBytes - (await repo.sumStoredBytes(db, charge.organizationId));
  if (room <= 0) throw quotaExceeded(charge);
  return room;
}

/**
 * Checks, in the transaction that keeps a file, that it fits in its organisation's quota. The quota is held under a
 * lock until the transaction ends, so parallel uploads cannot together go over it.
 */
export async function chargeStorage(tx: DbOrTx, charge: StorageCharge, size: number): Promise<void> {
  if (charge.organizationId === null) return;
  await repo.lockStorageQuota(tx, charge.organizationId);
  const used = await repo.sumStoredBytes(tx, charge.organizationId);
  if (used + size > charge.quotaBytes) throw quotaExceeded(charge);
}

/**
 * Keeps a received file under its SHA-256 in the transaction that lists it on a record: `write` checks and writes
 * the record (and charges the storage), then the file is moved into place. If anything fails, the received file is
 * removed and nothing is kept.
 */
export async function keepReceivedFile<T>(
  db: DbOrTx,
  dir: string,
  file: ReceivedFile,
  write: (tx: DbOrTx) => Promise<T>,
): Promise<T> {
  let kept = false;
  try {
    return await db.transaction(async (tx) => {
      const result = await write(tx);
      // Under the file's lock, so a removal of the last other copy either sees this record or has already deleted
      // the file, which the rename puts back.
      await repo.lockStoredFile(tx, file.sha256);
      await rename(file.temporaryPath, path.join(dir, file.sha256));
      kept = true;
      return result;
    });
  } catch (error) {
    await discardReceivedFile(file);
    if (kept) await releaseStoredFile(db, dir, file.sha256);
    throw error;
  }
}

/** Deletes a stored file when no live record of any kind refers to it any more. */
export async function releaseStoredFile(db: DbOrTx, dir: string, sha256: string): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.lockStoredFile(tx, sha256);
    if (await repo.isFileInUse(tx, sha256)) return;
    await rm(path.join(dir, sha256), { force: true });
  });
}

/** A stored file, opened to be streamed; undefined when it is not on the disk. */
export async function openStoredFile(
  dir: string,
  sha256: string,
): Promise<{ size: number; stream: ReadStream } | undefined> {
  // Streamed, not read whole: a 20 MB scan costs the server a buffer, not 20 MB per download.
  const file = await open(path.join(dir, sha256)).catch(() => undefined);
  if (!file) return undefined;
  return { size: (await file.stat()).size, stream: file.createReadStream() };
}

/**
 * Removes the temporary files of uploads that a stopped process left half-written; answers how many. Only files
 * untouched for an hour go: another process sharing the folder may be receiving an upload right now.
 */
export async function removeAbandonedUploads(dir: string, now = Date.now()): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((entry) => /^upload-[0-9a-f]+\.part$/.test(entry))) {
    const file = path.join(dir, name);
    const modified = await stat(file).then(
      (info) => info.mtimeMs,
      () => now,
    );
    if (now - modified < 60 * 60 * 1000) continue;
    await rm(file, { force: true });
    removed += 1;
  }
  return removed;
}
