import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { identityId, ownerRef, versionedColumns } from '../../db/columns.ts';
import { users } from '../auth/auth.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { events, type LocalizedText } from './events.tables.ts';
import { MEDIA_KINDS } from './media.constants.ts';

export const eventMediaKind = pgEnum('event_media_kind', MEDIA_KINDS);

/**
 * A photo or a document of an event (the virtual group photo of a forum, its programme as a PDF). The file lives
 * under DATA_DIR/documents, kept once under its SHA-256 whichever records use it. An image carries its alternative
 * text per language and its size in pixels; a document its title per language. A removed item keeps its row
 * (`deleted_at`) for the event's history; its file leaves the disk with the last live row that uses it.
 */
export const eventMedia = pgTable(
  'event_media',
  {
    id: identityId(),
    eventId: ownerRef('event_id', () => events.id),
    kind: eventMediaKind('kind').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** An image's size in pixels, read from the file: the page reserves its room before it loads. */
    width: integer('width'),
    height: integer('height'),
    /** What an image shows, for those who cannot see it, per language. */
    alt: jsonb('alt').$type<LocalizedText>().notNull().default({}),
    /** A document's title per language. */
    title: jsonb('title').$type<LocalizedText>().notNull().default({}),
    caption: jsonb('caption').$type<LocalizedText>().notNull().default({}),
    /** Who took the photo or made the document (Shanghai Media Group). */
    credit: text('credit'),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    /** The organisation on whose behalf the file was uploaded: its storage quota pays for the file. */
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    ...versionedColumns(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    check('event_media_size', sql`${t.size} > 0`),
    check(
      'event_media_image',
      sql`${t.kind} <> 'image' or (${t.width} > 0 and ${t.height} > 0 and ${t.alt} <> '{}'::jsonb)`,
    ),
    check('event_media_document', sql`${t.kind} <> 'document' or ${t.title} <> '{}'::jsonb`),
    index('event_media_event_idx').on(t.eventId),
    index('event_media_sha256_idx').on(t.sha256),
    index('event_media_organization_idx').on(t.organizationId),
  ],
);
