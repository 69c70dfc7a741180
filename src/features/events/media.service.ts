import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertVersion } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { readImageSize } from '../files/files.images.ts';
import {
  chargedOrganization,
  chargeStorage,
  cleanFileName,
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
import { assertWritable, readRecord } from '../records/records.service.ts';
import { eventRecord, type LoadedEvent } from './events.service.ts';
import {
  DOCUMENT_MEDIA_TYPES,
  IMAGE_MEDIA_TYPES,
  MAX_MEDIA_BYTES,
  type MediaKind,
} from './media.constants.ts';
import { presentMedia } from './media.present.ts';
import * as repo from './media.repo.ts';
import type { MediaResponse, MediaTexts, UpdateMediaBody } from './media.schema.ts';

/**
 * An event's photos and documents. The hosts' editors add them (the same right that edits the event), change their
 * texts and remove them; whoever may read the event sees them and downloads their files. An image needs its
 * alternative text, a document its title, in every language the event's title is in. The files are kept by the
 * shared store (features/files), charged to the storage quota of the host the editor works for.
 */

/** An upload that may go ahead, worked out before its body is read. */
export interface MediaUpload {
  eventId: number;
  /** Where the file goes. */
  documentsDir: string;
  /** The host whose quota pays for the file; null when none does. */
  organizationId: number | null;
  quotaBytes: number;
  /** How many more bytes the host may store now. */
  roomBytes: number;
  /** The languages the event's title is in: each image's alt text and each document's title must be in them. */
  languages: string[];
}

/** The languages a text is given in, empty ones aside. */
const languagesOf = (texts: Record<string, string>) =>
  Object.entries(texts)
    .filter(([, text]) => text.trim() !== '')
    .map(([language]) => language)
    .sort();

const missing = () => new AppError('DOCUMENT_NOT_FOUND', 'No such photo or document');

/** The answer to a file over MAX_MEDIA_BYTES, whether its size was declared or counted. */
export function mediaTooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `Photos and documents may be at most ${MAX_MEDIA_BYTES} bytes`, [
    { field: 'file', message: `is larger than ${MAX_MEDIA_BYTES} bytes` },
  ]);
}

const TYPE_NAMES: Record<string, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
};

/**
 * What a file is by the type its upload declares: an image (PNG, JPEG, WebP) or a document (PDF). SVG is refused
 * by name, as it may carry scripts; so is any other type.
 */
export function mediaKindOf(declaredType: string): { kind: MediaKind; mediaType: string } {
  const mediaType = declaredType.split(';')[0]!.trim().toLowerCase();
  if ((IMAGE_MEDIA_TYPES as readonly string[]).includes(mediaType)) return { kind: 'image', mediaType };
  if ((DOCUMENT_MEDIA_TYPES as readonly string[]).includes(mediaType)) return { kind: 'document', mediaType };
  if (mediaType === 'image/svg+xml') {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'SVG images are not accepted: an SVG file can carry scripts',
      [{ field: 'file', message: 'is an SVG image: send a PNG, JPEG or WebP image' }],
    );
  }
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    'Photos must be PNG, JPEG or WebP images and documents PDF files',
    [
      {
        field: 'file',
        message: `is declared as ${mediaType || 'no type'}: send a PNG, JPEG, WebP or PDF file`,
      },
    ],
  );
}

/**
 * Checks the texts of a photo or document against the event's languages: an image needs alt text and a document a
 * title in each of them (empty texts are refused by the schema); alt text is for images and titles for documents.
 */
export function checkMediaTexts(kind: MediaKind, texts: Omit<MediaTexts, 'credit'>, languages: string[]) {
  const details: ErrorDetail[] = [];
  const required = kind === 'image' ? 'alt' : 'title';
  const other = kind === 'image' ? 'title' : 'alt';
  const given = new Set(languagesOf(texts[required]));
  if (given.size === 0 && languages.length === 0)
    details.push({ field: required, message: 'is missing: give it in at least one language' });
  for (const language of languages) {
    if (!given.has(language))
      details.push({
        field: `${required}.${language}`,
        message:
          kind === 'image'
            ? `is missing: the event's title is in ${language}, so its images need alternative text in ${language}`
            : `is missing: the event's title is in ${language}, so its documents need a title in ${language}`,
      });
  }
  if (Object.keys(texts[other]).length > 0)
    details.push({
      field: other,
      message:
        kind === 'image'
          ? 'is for documents: describe an image with alt'
          : 'is for images: give a document a title',
    });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid request', details);
}

/** The event, for an actor who may change it: one they may not read answers not found, one they may not change 401/403. */
async function writableEvent(db: DbOrTx, actor: Actor | null, eventId: number, lock: boolean) {
  const loaded = await readRecord(db, actor, eventRecord, eventId, lock);
  assertWritable(actor, eventRecord, loaded);
  return loaded;
}

const titleLanguages = (loaded: LoadedEvent) => languagesOf(loaded.row.title);

/**
 * Checks that the actor may add a photo or document to the event, and how much room the host they work for has
 * left. Called before a byte of the upload is read, so that an upload that will be refused is not received at all.
 */
export async function beginMediaUpload(
  db: DbOrTx,
  actor: Actor | null,
  documentsDir: string | undefined,
  eventId: number,
  quotaBytes: number,
): Promise<MediaUpload> {
  if (!documentsDir) throw new AppError('NOT_READY', 'This server keeps no files');
  const loaded = await writableEvent(db, actor, eventId, false);
  const organizationId = chargedOrganization(actor!, eventRecord.stake(loaded).organizationIds);
  const roomBytes = await storageRoom(db, { organizationId, quotaBytes });
  return { eventId, documentsDir, organizationId, quotaBytes, roomBytes, languages: titleLanguages(loaded) };
}

/**
 * Streams an uploaded file into the files folder, refused as soon as it is too large, over the host's quota, or its
 * first bytes are not of the type its upload declared (a "PNG" that is not one). An image must also have a
 * readable size in its header. A refused file leaves nothing behind.
 */
export async function receiveMediaFile(
  upload: Pick<MediaUpload, 'documentsDir' | 'roomBytes' | 'organizationId' | 'quotaBytes'>,
  declared: { kind: MediaKind; mediaType: string },
  chunks: AsyncIterable<Buffer>,
): Promise<{ file: ReceivedFile; width: number | null; height: number | null }> {
  const name = TYPE_NAMES[declared.mediaType] ?? declared.mediaType;
  const notOfType = () =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', `The file is not the ${name} file its upload declares`, [
      { field: 'file', message: `is not a ${name} file` },
    ]);
  const file = await receiveFile(upload.documentsDir, chunks, {
    maxBytes: MAX_MEDIA_BYTES,
    roomBytes: upload.roomBytes,
    tooLarge: mediaTooLarge,
    overQuota: () => quotaExceeded(upload),
    mediaType: (head) => {
      if (sniffMediaType(head) !== declared.mediaType) throw notOfType();
      return declared.mediaType;
    },
  });
  if (declared.kind === 'document') return { file, width: null, height: null };
  const size = await readImageSize(file.temporaryPath, declared.mediaType);
  if (!size) {
    await discardReceivedFile(file);
    throw notOfType();
  }
  return { file, ...size };
}

/** What an event's history keeps of a photo or document. */
function audited(row: repo.MediaRow) {
  return {
    mediaId: row.id,
    kind: row.kind,
    fileName: row.fileName,
    mediaType: row.mediaType,
    size: row.size,
    sha256: row.sha256,
    alt: row.alt,
    title: row.title,
    caption: row.caption,
    credit: row.credit,
    organizationId: row.organizationId,
  };
}

/** A received file and what the upload said about it. */
export interface ReceivedMedia {
  file: ReceivedFile;
  fileName: string;
  kind: MediaKind;
  width: number | null;
  height: number | null;
  texts: MediaTexts;
}

/**
 * Adds a received file to the event and keeps it under its SHA-256. Rights, texts and quota are checked again in the
 * transaction, the quota under a lock, so parallel uploads cannot together go over it.
 */
export async function addMedia(
  db: DbOrTx,
  actor: Actor | null,
  upload: MediaUpload,
  received: ReceivedMedia,
): Promise<MediaResponse> {
  const { file, texts } = received;
  const row = await keepReceivedFile(db, upload.documentsDir, file, async (tx) => {
    const loaded = await writableEvent(tx, actor, upload.eventId, true);
    checkMediaTexts(received.kind, texts, titleLanguages(loaded));
    const organizationId = chargedOrganization(actor!, eventRecord.stake(loaded).organizationIds);
    await chargeStorage(tx, { organizationId, quotaBytes: upload.quotaBytes }, file.size);
    const row = await repo.insertMedia(tx, {
      eventId: upload.eventId,
      kind: received.kind,
      fileName: cleanFileName(
        received.fileName,
        file.mediaType,
        received.kind === 'image' ? 'photo' : 'document',
      ),
      mediaType: file.mediaType,
      size: file.size,
      sha256: file.sha256,
      width: received.width,
      height: received.height,
      ...texts,
      uploadedBy: actor!.id,
      organizationId,
    });
    await recordAudit(tx, actor, {
      action: 'add_media',
      entityType: 'event',
      entityId: upload.eventId,
      after: audited(row),
    });
    return row;
  });
  return presentMedia(row);
}

/** Changes the texts of a photo or document, against its version; the result must meet the event's languages. */
export async function updateMedia(
  db: DbOrTx,
  actor: Actor | null,
  eventId: number,
  mediaId: number,
  body: UpdateMediaBody,
): Promise<MediaResponse> {
  const row = await db.transaction(async (tx) => {
    const loaded = await writableEvent(tx, actor, eventId, true);
    const before = await repo.findMedia(tx, eventId, mediaId, true);
    if (!before || before.deletedAt) throw missing();
    await assertVersion(before, body.version, () => presentMedia(before));
    const { version: _version, ...changes } = body;
    checkMediaTexts(
      before.kind,
      { alt: changes.alt ?? before.alt, title: changes.title ?? before.title, caption: {} },
      titleLanguages(loaded),
    );
    const after = await repo.updateMedia(tx, mediaId, changes);
    await recordAudit(tx, actor, {
      action: 'update_media',
      entityType: 'event',
      entityId: eventId,
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
  return presentMedia(row);
}

/**
 * Removes a photo or document from the event, in the event's history; its file leaves the disk once no other record
 * refers to it. The photos of a deleted event are kept, so a restored event has them.
 */
export async function removeMedia(
  db: DbOrTx,
  actor: Actor | null,
  documentsDir: string | undefined,
  eventId: number,
  mediaId: number,
): Promise<void> {
  const row = await db.transaction(async (tx) => {
    await writableEvent(tx, actor, eventId, true);
    const row = await repo.findMedia(tx, eventId, mediaId, true);
    if (!row || row.deletedAt) throw missing();
    await repo.updateMedia(tx, mediaId, { deletedAt: new Date() });
    await recordAudit(tx, actor, {
      action: 'remove_media',
      entityType: 'event',
      entityId: eventId,
      before: audited(row),
    });
    return row;
  });
  if (documentsDir) await releaseStoredFile(db, documentsDir, row.sha256);
}

/** A photo's or document's file, for whoever may read the event; not found for anyone else. */
export async function readMedia(
  db: DbOrTx,
  actor: Actor | null,
  documentsDir: string | undefined,
  eventId: number,
  mediaId: number,
) {
  await readRecord(db, actor, eventRecord, eventId);
  const row = await repo.findMedia(db, eventId, mediaId);
  if (!documentsDir || !row || row.deletedAt) throw missing();
  const file = await openStoredFile(documentsDir, row.sha256);
  if (!file) throw new AppError('DOCUMENT_NOT_FOUND', `The file of ${row.kind} ${mediaId} is missing`);
  return { media: row, ...file };
}
