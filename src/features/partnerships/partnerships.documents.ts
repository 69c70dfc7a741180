import { createHash, randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { Stake } from '../auth/policy.ts';
import * as repo from './partnerships.write.repo.ts';
import { assertWritablePartnership, getPartnership } from './partnerships.write.service.ts';

/** Documents up to 20 MB: a scanned agreement fits, a video does not. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** What an organisation may keep in documents when the server sets no quota: 1 GB. */
export const DEFAULT_DOCUMENT_QUOTA_BYTES = 1024 * 1024 * 1024;

/** Enough of a file's first bytes to tell its type. */
const SNIFF_BYTES = 12;

/** The document's type from its first bytes; the name and the type the client claims are not trusted. */
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

/** A file name safe to store and to send back: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string, mediaType?: string): string {
  const base = path.basename(name.replaceAll('\\', '/'));
  // Control characters, and the direction marks that make `invoice\u202Efdp.exe` read as `invoiceexe.pdf`.
  const cleaned = base.replace(UNSAFE_IN_NAMES, '').trim();
  const named = (cleaned || 'document').slice(-190);
  // The name's extension says what the file is when it is opened: it must say what the bytes are.
  const extensions = mediaType ? MEDIA_EXTENSIONS[mediaType] : undefined;
  const extension = path.extname(named).slice(1).toLowerCase();
  return extensions && !extensions.includes(extension) ? `${named}.${extensions[0]}` : named;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The file name extensions of the document types, the usual one first. */
const MEDIA_EXTENSIONS: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
};

/** An upload that may go ahead, worked out before its body is read. */
export interface DocumentUpload {
  partnershipId: number;
  /** Where the file goes. */
  documentsDir: string;
  /** The organisation whose quota pays for the file; null when none does. */
  organizationId: number | null;
  /** How many bytes of documents the organisation may keep. */
  quotaBytes: number;
  /** How many more bytes it may store now; the file is refused as soon as it is larger. */
  roomBytes: number;
}

/** A file received under a temporary name in the documents folder, not yet listed on a tie. */
export interface ReceivedFile {
  temporaryPath: string;
  size: number;
  sha256: string;
  mediaType: string;
}

/** The answer to a document over MAX_DOCUMENT_BYTES, whether its size was declared or counted. */
export function documentTooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `Documents may be at most ${MAX_DOCUMENT_BYTES} bytes`, [
    { field: 'file', message: `is larger than ${MAX_DOCUMENT_BYTES} bytes` },
  ]);
}

function quotaExceeded(upload: Pick<DocumentUpload, 'organizationId' | 'quotaBytes'>): AppError {
  return new AppError(
    'STORAGE_QUOTA_EXCEEDED',
    `The organisation's documents may take at most ${upload.quotaBytes} bytes; remove documents to make room`,
    [
      {
        field: 'file',
        message: `does not fit in the storage quota of organisation ${upload.organizationId}`,
      },
    ],
  );
}

/**
 * The organisation on whose behalf the actor writes to the tie: the first one behind the tie that the actor
 * edits for, or for an administrator without such a membership the first one behind the tie.
 */
export function chargedOrganization(actor: Actor, stake: Pick<Stake, 'organizationIds'>): number | null {
  const own = stake.organizationIds.find((id) => actor.memberships.get(id) === 'editor');
  if (own !== undefined) return own;
  return actor.isAdmin ? (stake.organizationIds[0] ?? null) : null;
}

/**
 * Checks that the actor may attach a document to the tie, and how much room its organisation has left. Called
 * before a byte of the upload is read, so that an upload that will be refused is not received at all.
 */
export async function beginDocumentUpload(
  db: DbOrTx,
  actor: Actor | null,
  documentsDir: string | undefined,
  id: number,
  quotaBytes: number,
): Promise<DocumentUpload> {
  if (!documentsDir) throw new AppError('NOT_READY', 'This server keeps no documents');
  const tie = await getPartnership(db, actor, id);
  assertWritablePartnership(actor, tie);
  const organizationId = chargedOrganization(actor, tie.stake);
  const upload = { partnershipId: id, documentsDir, organizationId, quotaBytes, roomBytes: Infinity };
  if (organizationId !== null) {
    upload.roomBytes = quotaBytes - (await repo.sumDocumentBytes(db, organizationId));
    if (upload.roomBytes <= 0) throw quotaExceeded(upload);
  }
  return upload;
}

async function writeAll(handle: FileHandle, chunk: Buffer) {
  for (let offset = 0; offset < chunk.length; ) {
    const { bytesWritten } = await handle.write(chunk, offset);
    offset += bytesWritten;
  }
}

function knownMediaType(head: Buffer): string {
  const mediaType = sniffMediaType(head);
  if (mediaType) return mediaType;
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Documents must be PDF, PNG, JPEG or WebP files', [
    { field: 'file', message: 'is not a PDF, PNG, JPEG or WebP file' },
  ]);
}

/**
 * Streams an uploaded file into a temporary file in the documents folder, hashing it on the way. It is refused
 * as soon as it is larger than a document may be or than its organisation has room for, or its first bytes
 * show a type that is not accepted, so the rest is never read. A refused file leaves nothing behind.
 */
export async function receiveDocumentFile(
  upload: DocumentUpload,
  chunks: AsyncIterable<Buffer>,
): Promise<ReceivedFile> {
  await mkdir(upload.documentsDir, { recursive: true });
  const temporaryPath = path.join(upload.documentsDir, `upload-${randomBytes(8).toString('hex')}.part`);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let mediaType: string | undefined;
  try {
    const handle = await open(temporaryPath, 'wx');
    try {
      for await (const chunk of chunks) {
        size += chunk.length;
        if (size > MAX_DOCUMENT_BYTES) throw documentTooLarge();
        if (size > upload.roomBytes) throw quotaExceeded(upload);
        if (head.length < SNIFF_BYTES) {
          head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
          if (head.length === SNIFF_BYTES) mediaType = knownMediaType(head);
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
    mediaType ??= knownMediaType(head);
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
 * Lists a received file on the tie and keeps it under its SHA-256: the same file is kept once, whichever ties
 * it is on. Rights and quota are checked again in the transaction, the quota under a lock, so parallel uploads
 * cannot together go over it.
 */
export async function addDocument(
  db: DbOrTx,
  actor: Actor | null,
  upload: DocumentUpload,
  file: ReceivedFile,
  fileName: string,
) {
  const id = upload.partnershipId;
  let kept = false;
  try {
    return await db.transaction(async (tx) => {
      const tie = await getPartnership(tx, actor, id, true);
      assertWritablePartnership(actor, tie);
      const organizationId = chargedOrganization(actor, tie.stake);
      if (organizationId !== null) {
        await repo.lockDocumentQuota(tx, organizationId);
        const used = await repo.sumDocumentBytes(tx, organizationId);
        if (used + file.size > upload.quotaBytes) throw quotaExceeded({ ...upload, organizationId });
      }
      const document = await repo.insertDocument(tx, {
        partnershipId: id,
        fileName: cleanFileName(fileName, file.mediaType),
        mediaType: file.mediaType,
        size: file.size,
        sha256: file.sha256,
        uploadedBy: actor.id,
        organizationId,
      });
      await recordAudit(tx, actor, {
        action: 'add_document',
        entityType: 'partnership',
        entityId: id,
        after: {
          documentId: document.id,
          fileName: document.fileName,
          mediaType: file.mediaType,
          size: file.size,
          sha256: file.sha256,
          organizationId,
        },
      });
      // Under the file's lock, so a removal of the last other copy either sees this document or has already
      // deleted the file, which the rename puts back.
      await repo.lockDocumentFile(tx, file.sha256);
      await rename(file.temporaryPath, path.join(upload.documentsDir, file.sha256));
      kept = true;
      return document;
    });
  } catch (error) {
    await discardReceivedFile(file);
    if (kept) await releaseDocumentFile(db, upload.documentsDir, file.sha256);
    throw error;
  }
}

/** Deletes a stored file when no document that is not deleted refers to it any more. */
async function releaseDocumentFile(db: DbOrTx, documentsDir: string, sha256: string) {
  await db.transaction(async (tx) => {
    await repo.lockDocumentFile(tx, sha256);
    if (await repo.isDocumentFileInUse(tx, sha256)) return;
    await rm(path.join(documentsDir, sha256), { force: true });
  });
}

/**
 * Removes a document from its tie; its file leaves the disk once no other document refers to it. Documents of a
 * deleted tie are kept, so a restored tie has its files.
 */
export async function removeDocument(
  db: DbOrTx,
  actor: Actor | null,
  documentsDir: string | undefined,
  id: number,
  documentId: number,
) {
  const document = await db.transaction(async (tx) => {
    assertWritablePartnership(actor, await getPartnership(tx, actor, id, true));
    const document = await repo.findDocument(tx, id, documentId);
    if (!document || document.deletedAt)
      throw new AppError('DOCUMENT_NOT_FOUND', `No document ${documentId}`);
    await repo.markDocumentDeleted(tx, documentId);
    await recordAudit(tx, actor, {
      action: 'remove_document',
      entityType: 'partnership',
      entityId: id,
      before: { documentId, fileName: document.fileName, mediaType: document.mediaType, size: document.size },
    });
    return document;
  });
  if (documentsDir) await releaseDocumentFile(db, documentsDir, document.sha256);
}

/** A document's bytes, for whoever may read the tie. */
export async function readDocument(
  db: DbOrTx,
  actor: Actor | null,
  documentsDir: string | undefined,
  id: number,
  documentId: number,
) {
  await getPartnership(db, actor, id);
  const document = await repo.findDocument(db, id, documentId);
  if (!documentsDir || !document || document.deletedAt) {
    throw new AppError('DOCUMENT_NOT_FOUND', `No document ${documentId}`);
  }
  // Streamed, not read whole: a 20 MB scan costs the server a buffer, not 20 MB per download.
  const file = await open(path.join(documentsDir, document.sha256)).catch(() => {
    throw new AppError('DOCUMENT_NOT_FOUND', `The file of document ${documentId} is missing`);
  });
  return { document, size: (await file.stat()).size, stream: file.createReadStream() };
}

/**
 * Removes the temporary files of uploads that a stopped process left half-written; answers how many. Only files
 * untouched for an hour go: another process sharing the folder may be receiving an upload right now.
 */
export async function removeAbandonedUploads(documentsDir: string, now = Date.now()): Promise<number> {
  const names = await readdir(documentsDir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((entry) => /^upload-[0-9a-f]+\.part$/.test(entry))) {
    const file = path.join(documentsDir, name);
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
