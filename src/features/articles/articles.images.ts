import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { mediaKindOf, receiveMediaFile } from '../events/media.service.ts';
import {
  chargedOrganization,
  chargeStorage,
  cleanFileName,
  keepReceivedFile,
  openStoredFile,
  type ReceivedFile,
  storageRoom,
} from '../files/files.store.ts';
import { assertWritable, mayRead, readRecord } from '../records/records.service.ts';
import * as repo from './articles.repo.ts';
import { articleRecord, type LoadedArticle } from './articles.service.ts';

/**
 * The images of an article's body. The series' editors upload them to a story (any of its versions); the body
 * shows them by their address, /api/article-images/{id}, and no image from elsewhere. Whoever may read one of the
 * story's versions loads them; a draft's images stay with the series' people. The files are kept by the shared
 * store (features/files), charged to the series' organisation.
 */

/** The address of an image uploaded to an article; the only kind of image a body may show. */
export const articleImageUrl = (id: number) => `/api/article-images/${id}`;

/** An upload that may go ahead, worked out before its body is read. */
export interface ImageUpload {
  /** The story's first version, which the image belongs to. */
  storyId: number;
  documentsDir: string;
  organizationId: number | null;
  quotaBytes: number;
  roomBytes: number;
}

export interface ArticleImage {
  id: number;
  url: string;
  mediaType: string;
  width: number;
  height: number;
}

const present = (row: repo.ArticleImageRow): ArticleImage => ({
  id: row.id,
  url: articleImageUrl(row.id),
  mediaType: row.mediaType,
  width: row.width,
  height: row.height,
});

const storyOf = (loaded: LoadedArticle) => loaded.row.translationOf ?? loaded.row.id;

async function writableArticle(db: DbOrTx, actor: Actor | null, id: number, lock: boolean) {
  const loaded = await readRecord(db, actor, articleRecord, id, lock);
  assertWritable(actor, articleRecord, loaded);
  return loaded;
}

/**
 * Checks that the actor may add an image to the article, and how much room its organisation has left. Called before
 * a byte of the upload is read, so that an upload that will be refused is not received at all.
 */
export async function beginImageUpload(
  db: DbOrTx,
  actor: Actor | null,
  documentsDir: string | undefined,
  articleId: number,
  quotaBytes: number,
): Promise<ImageUpload> {
  if (!documentsDir) throw new AppError('NOT_READY', 'This server keeps no files');
  const loaded = await writableArticle(db, actor, articleId, false);
  const organizationId = chargedOrganization(actor!, [loaded.series.organizationId]);
  const roomBytes = await storageRoom(db, { organizationId, quotaBytes });
  return { storyId: storyOf(loaded), documentsDir, organizationId, quotaBytes, roomBytes };
}

/** The image type an upload declares: PNG, JPEG or WebP; anything else (SVG, PDF) is refused before it is read. */
export function imageTypeOf(declaredType: string) {
  const declared = mediaKindOf(declaredType);
  if (declared.kind !== 'image')
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'An article’s images must be PNG, JPEG or WebP images', [
      { field: 'file', message: `is declared as ${declared.mediaType}: send a PNG, JPEG or WebP image` },
    ]);
  return declared;
}

/** Streams an uploaded image into the files folder; refused as soon as it is too large or not what it claims. */
export async function receiveImage(
  upload: ImageUpload,
  declared: ReturnType<typeof imageTypeOf>,
  chunks: AsyncIterable<Buffer>,
) {
  const received = await receiveMediaFile(upload, declared, chunks);
  return { file: received.file, width: received.width!, height: received.height! };
}

/**
 * Adds a received image to the story and keeps its file. Rights and quota are checked again in the transaction,
 * the quota under a lock; the upload is in the article's history.
 */
export async function addImage(
  db: DbOrTx,
  actor: Actor | null,
  articleId: number,
  upload: ImageUpload,
  received: { file: ReceivedFile; fileName: string; width: number; height: number },
): Promise<ArticleImage> {
  const { file } = received;
  const row = await keepReceivedFile(db, upload.documentsDir, file, async (tx) => {
    const loaded = await writableArticle(tx, actor, articleId, true);
    const organizationId = chargedOrganization(actor!, [loaded.series.organizationId]);
    await chargeStorage(tx, { organizationId, quotaBytes: upload.quotaBytes }, file.size);
    const row = await repo.insertImage(tx, {
      articleId: storyOf(loaded),
      fileName: cleanFileName(received.fileName, file.mediaType, 'image'),
      mediaType: file.mediaType,
      size: file.size,
      sha256: file.sha256,
      width: received.width,
      height: received.height,
      uploadedBy: actor!.id,
      organizationId,
    });
    const { createdAt: _created, deletedAt: _deleted, ...audited } = row;
    await recordAudit(tx, actor, {
      action: 'add_image',
      entityType: 'article',
      entityId: articleId,
      after: audited,
    });
    return row;
  });
  return present(row);
}

const missing = (id: number) => new AppError('DOCUMENT_NOT_FOUND', `No image ${id}`);

/** An image's file, for whoever may read one of its story's versions; not found for anyone else. */
export async function readImage(
  db: DbOrTx,
  actor: Actor | null,
  documentsDir: string | undefined,
  id: number,
) {
  const row = await repo.findImage(db, id);
  if (!documentsDir || !row) throw missing(id);
  const story = await articleRecord.load(db, row.articleId, false);
  const readable = story?.versions.some((version) =>
    mayRead(actor, articleRecord, { ...story, row: version }),
  );
  if (!readable) throw missing(id);
  const file = await openStoredFile(documentsDir, row.sha256);
  if (!file) throw new AppError('DOCUMENT_NOT_FOUND', `The file of image ${id} is missing`);
  return { image: row, ...file };
}
