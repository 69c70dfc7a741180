import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DbOrTx } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import * as repo from './partnerships.write.repo.ts';
import { getPartnership } from './partnerships.write.service.ts';

/** Documents up to 20 MB: a scanned agreement fits, a video does not. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

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
export function cleanFileName(name: string): string {
  const base = path.basename(name.replaceAll('\\', '/'));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'document').slice(-200);
}

/** Stores a document under its SHA-256 (the same file is kept once) and lists it on the tie. */
export async function addDocument(
  db: DbOrTx,
  actor: Actor | null,
  documentsDir: string | undefined,
  id: number,
  file: { fileName: string; bytes: Buffer },
) {
  if (!documentsDir) throw new AppError('NOT_READY', 'This server keeps no documents');
  const { row, stake } = await getPartnership(db, actor, id);
  if (row.deletedAt) throw new AppError('PARTNERSHIP_NOT_FOUND', `No partnership ${id}`);
  authorize(actor, policy.write(actor, stake));
  if (file.bytes.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request: file', [
      { field: 'file', message: 'is empty' },
    ]);
  }
  const mediaType = sniffMediaType(file.bytes);
  if (!mediaType) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Documents must be PDF, PNG, JPEG or WebP files', [
      { field: 'file', message: 'is not a PDF, PNG, JPEG or WebP file' },
    ]);
  }
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  await mkdir(documentsDir, { recursive: true });
  const target = path.join(documentsDir, sha256);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, file.bytes);
    await rename(temporary, target);
  }
  return db.transaction(async (tx) => {
    const document = await repo.insertDocument(tx, {
      partnershipId: id,
      fileName: cleanFileName(file.fileName),
      mediaType,
      size: file.bytes.length,
      sha256,
      uploadedBy: actor.id,
    });
    await recordAudit(tx, actor, {
      action: 'add_document',
      entityType: 'partnership',
      entityId: id,
      after: { documentId: document.id, fileName: document.fileName, mediaType, size: document.size, sha256 },
    });
    return document;
  });
}

export async function removeDocument(db: DbOrTx, actor: Actor | null, id: number, documentId: number) {
  return db.transaction(async (tx) => {
    const { row, stake } = await getPartnership(tx, actor, id, true);
    if (row.deletedAt) throw new AppError('PARTNERSHIP_NOT_FOUND', `No partnership ${id}`);
    authorize(actor, policy.write(actor, stake));
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
  });
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
  const bytes = await readFile(path.join(documentsDir, document.sha256)).catch(() => {
    throw new AppError('DOCUMENT_NOT_FOUND', `The file of document ${documentId} is missing`);
  });
  return { document, bytes };
}
