import type { MediaRow } from './media.repo.ts';
import type { MediaResponse } from './media.schema.ts';

/** Where a photo's or document's file is downloaded. */
export const mediaUrl = (eventId: number, mediaId: number) => `/api/events/${eventId}/media/${mediaId}`;

/** A photo or a document as the API shows it. */
export function presentMedia(row: MediaRow): MediaResponse {
  return {
    id: row.id,
    kind: row.kind,
    url: mediaUrl(row.eventId, row.id),
    fileName: row.fileName,
    mediaType: row.mediaType,
    size: row.size,
    width: row.width,
    height: row.height,
    alt: row.alt,
    title: row.title,
    caption: row.caption,
    credit: row.credit,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One event's live photos and documents, from the rows of several. */
export const presentEventMedia = (eventId: number, rows: readonly MediaRow[]): MediaResponse[] =>
  rows.filter((row) => row.eventId === eventId).map(presentMedia);
