import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { Stake } from '../auth/policy.ts';
import {
  chargedOrganization as chargedOrganizationOf,
  chargeStorage,
  cleanFileName,
  DEFAULT_STORAGE_QUOTA_BYTES,
  discardReceivedFile,
  keepReceivedFile,
  openStoredFile,
  quotaExceeded,
  type ReceivedFile,
  receiveFile,
  releaseStoredFile,
  sniffMediaType,
  storageRoom,
} from '../files/files.store.ts';
import * as repo from './partnerships.write.repo.ts';
import { assertWritablePartnership, getPartnership } from './partnerships.write.service.ts';

export { discardReceivedFile, type ReceivedFile };

/** Documents up to 20 MB: a scanned agreement fits, a video does not. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** What an organisation may keep in documents when the server sets no quota: 1 GB. */
export const DEFAULT_DOCUMENT_QUOTA_BYTES = DEFAULT_STORAGE_QUOTA_BYTES;

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

/** The answer to a document over MAX_DOCUMENT_BYTES, whether its size was declared or counted. */
export function documentTooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `Documents may be at most ${MAX_DOCUMENT_BYTES} bytes`, [
    { field: 'file', message: `is larger than ${MAX_DOCUMENT_BYTES} bytes` },
  ]);
}

/**
 * The organisation on whose behalf the actor writes to the tie: the first one behind the tie that the actor
 * edits for, or for an administrator without such a membership the first one behind the tie.
 */
export function chargedOrganization(actor: Actor, stake: Pick<Stake, 'organizationIds'>): number | null {
  return chargedOrganizationOf(actor, stake.organizationIds);
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
  const roomBytes = await storageRoom(db, { organizationId, quotaBytes });
  return { partnershipId: id, documentsDir, organizationId, quotaBytes, roomBytes };
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
export function receiveDocumentFile(
  upload: DocumentUpload,
  chunks: AsyncIterable<Buffer>,
): Promise<ReceivedFile> {
  return receiveFile(upload.documentsDir, chunks, {
    maxBytes: MAX_DOCUMENT_BYTES,
    roomBytes: upload.roomBytes,
    tooLarge: documentTooLarge,
    overQuota: () => quotaExceeded(upload),
    mediaType: knownMediaType,
  });
}

/**
 * Lists a received file on the tie and keeps it under its SHA-256: the same file is kept once, whichever records
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
  return keepReceivedFile(db, upload.documentsDir, file, async (tx) => {
    const tie = await getPartnership(tx, actor, id, true);
    assertWritablePartnership(actor, tie);
    const organizationId = chargedOrganization(actor, tie.stake);
    await chargeStorage(tx, { organizationId, quotaBytes: upload.quotaBytes }, file.size);
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
    return document;
  });
}

/**
 * Removes a document from its tie; its file leaves the disk once no other record refers to it. Documents of a
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
  if (documentsDir) await releaseStoredFile(db, documentsDir, document.sha256);
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
  const file = await openStoredFile(documentsDir, document.sha256);
  if (!file) throw new AppError('DOCUMENT_NOT_FOUND', `The file of document ${documentId} is missing`);
  return { document, ...file };
}
