import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { identityId, keptRecordColumns, ownerRef, requiredRef } from '../../db/columns.ts';
import { users } from '../auth/auth.tables.ts';
import { events } from '../events/events.tables.ts';
import { networks } from '../networks/networks.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { outcomes } from '../outcomes/outcomes.tables.ts';
import { partnerships } from '../partnerships/partnerships.tables.ts';
import { postRole, posts } from '../people/people.tables.ts';
import { places } from '../places/places.tables.ts';
import { ARTICLE_LANGUAGES, ARTICLE_STATUSES, SLUG_PATTERN } from './articles.constants.ts';

type LocalizedText = Record<string, string>;

export const articleStatus = pgEnum('article_status', ARTICLE_STATUSES);

/**
 * An organisation's series of public articles ("International Espoo"): its name is public, and so are the articles
 * of it that are published; its organisation's editors write them.
 */
export const articleSeries = pgTable(
  'article_series',
  {
    id: identityId(),
    organizationId: requiredRef('organization_id', () => organizations.id),
    /** The series' address: /series/{slug}. */
    slug: text('slug').notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull().default({}),
    ...keptRecordColumns(),
  },
  (t) => [
    unique('article_series_slug_unique').on(t.slug),
    check('article_series_slug_form', sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`),
    index('article_series_organization_idx').on(t.organizationId),
  ],
);

/**
 * One language version of an article. The versions of one story point at the first one (`translationOf`), which
 * holds what the story links to; each version has its own address, status and history.
 */
export const articles = pgTable(
  'articles',
  {
    id: identityId(),
    seriesId: requiredRef('series_id', () => articleSeries.id),
    /** The version this one translates (always the story's first version); null for the first version. */
    translationOf: integer('translation_of').references((): AnyPgColumn => articles.id, {
      onDelete: 'restrict',
    }),
    language: text('language', { enum: ARTICLE_LANGUAGES }).notNull(),
    /** The version's address: /articles/{slug}. */
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    lead: text('lead').notNull().default(''),
    /** HTML, sanitised on the way in with the allow-list of articles.sanitize.ts. */
    body: text('body').notNull().default(''),
    status: articleStatus('status').notNull().default('draft'),
    /** When it is (or was, or will be) published: set by publishing or scheduling. */
    publishAt: timestamp('publish_at', { withTimezone: true }),
    /** The author as the page names them: by the post they hold, not by name. */
    authorRole: postRole('author_role'),
    /** The "more information" block: a published person's post, and/or a role address. */
    contactPostId: integer('contact_post_id').references(() => posts.id, { onDelete: 'set null' }),
    contactLabel: jsonb('contact_label').$type<LocalizedText>().notNull().default({}),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    /** Written for the demo workspace, and said so on its page. */
    demo: boolean('demo').notNull().default(false),
    ...keptRecordColumns(),
  },
  (t) => [
    unique('articles_slug_unique').on(t.slug),
    check('articles_slug_form', sql`${t.slug} ~ ${sql.raw(`'${SLUG_PATTERN}'`)}`),
    check('articles_language', sql`${t.language} in ('fi', 'sv', 'en')`),
    check('articles_scheduled_when', sql`${t.status} = 'draft' or ${t.publishAt} is not null`),
    uniqueIndex('articles_story_language_unique')
      .on(sql`coalesce(${t.translationOf}, ${t.id})`, t.language)
      .where(sql`${t.deletedAt} is null`),
    index('articles_series_idx').on(t.seriesId, t.publishAt),
    index('articles_translation_idx').on(t.translationOf),
  ],
);

/** What a story is about: places, ties, events, outcomes and networks, whose pages list it back. */
export const articleLinks = pgTable(
  'article_links',
  {
    id: identityId(),
    /** The story's first version. */
    articleId: ownerRef('article_id', () => articles.id),
    placeId: integer('place_id').references(() => places.id, { onDelete: 'cascade' }),
    partnershipId: integer('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    eventId: integer('event_id').references(() => events.id, { onDelete: 'cascade' }),
    outcomeId: integer('outcome_id').references(() => outcomes.id, { onDelete: 'cascade' }),
    networkId: integer('network_id').references(() => networks.id, { onDelete: 'cascade' }),
  },
  (t) => [
    check(
      'article_links_one_target',
      sql`num_nonnulls(${t.placeId}, ${t.partnershipId}, ${t.eventId}, ${t.outcomeId}, ${t.networkId}) = 1`,
    ),
    unique('article_links_unique')
      .on(t.articleId, t.placeId, t.partnershipId, t.eventId, t.outcomeId, t.networkId)
      .nullsNotDistinct(),
    index('article_links_place_idx').on(t.placeId),
    index('article_links_partnership_idx').on(t.partnershipId),
    index('article_links_event_idx').on(t.eventId),
    index('article_links_outcome_idx').on(t.outcomeId),
    index('article_links_network_idx').on(t.networkId),
  ],
);

/**
 * An image uploaded for a story's body, served at /api/article-images/{id} to whoever may read one of the story's
 * versions. The file is kept by the shared store (features/files) under its SHA-256, charged to the series'
 * organisation.
 */
export const articleImages = pgTable(
  'article_images',
  {
    id: identityId(),
    /** The story's first version: every language version may show the image. */
    articleId: ownerRef('article_id', () => articles.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** Read from the file: the page reserves the image's room before it loads. */
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    /** The organisation whose storage quota pays for the file. */
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    check('article_images_size', sql`${t.size} > 0 and ${t.width} > 0 and ${t.height} > 0`),
    index('article_images_article_idx').on(t.articleId),
    index('article_images_sha256_idx').on(t.sha256),
    index('article_images_organization_idx').on(t.organizationId),
  ],
);
