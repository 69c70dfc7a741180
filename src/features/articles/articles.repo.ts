import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import { articleImages, articleLinks, articleSeries, articles } from '../../db/schema.ts';
import type { ArticleLanguage, ArticleStatus } from './articles.constants.ts';
import type { ArticleLinks } from './articles.schema.ts';

export type SeriesRow = typeof articleSeries.$inferSelect;
export type SeriesInsert = typeof articleSeries.$inferInsert;
export type SeriesChanges = Partial<SeriesInsert>;
export type ArticleRow = typeof articles.$inferSelect;
export type ArticleInsert = typeof articles.$inferInsert & { links: ArticleLinks };
export type ArticleChanges = Partial<typeof articles.$inferInsert> & { links?: ArticleLinks };

/** Published, or scheduled with its time come: what anyone may read. */
export const publishedNow = (table = sql`articles`) =>
  sql`(${table}.status = 'published' or (${table}.status = 'scheduled' and ${table}.publish_at <= now()))`;

// ---- series

export const findSeries = (db: DbOrTx, id: number, lock = false) => findById(db, articleSeries, id, lock);

export async function findSeriesBySlug(db: DbOrTx, slug: string) {
  const [row] = await db.select().from(articleSeries).where(eq(articleSeries.slug, slug));
  return row;
}

export async function listSeries(db: DbOrTx, filter: { organizationId?: number }) {
  return db
    .select()
    .from(articleSeries)
    .where(
      and(
        isNull(articleSeries.deletedAt),
        filter.organizationId ? eq(articleSeries.organizationId, filter.organizationId) : undefined,
      ),
    )
    .orderBy(articleSeries.id);
}

export async function insertSeries(db: DbOrTx, values: SeriesInsert) {
  const [row] = await db.insert(articleSeries).values(values).returning({ id: articleSeries.id });
  return row!.id;
}

export async function updateSeries(db: DbOrTx, id: number, changes: SeriesChanges) {
  await db
    .update(articleSeries)
    .set({ ...changes, ...nextVersion(articleSeries) })
    .where(eq(articleSeries.id, id));
}

// ---- articles

export const findArticle = (db: DbOrTx, id: number, lock = false) => findById(db, articles, id, lock);

export async function findArticleBySlug(db: DbOrTx, slug: string) {
  const [row] = await db.select().from(articles).where(eq(articles.slug, slug));
  return row;
}

/** Every live version of the given stories (by their first version's id). */
export async function findStoryVersions(db: DbOrTx, storyIds: readonly number[]): Promise<ArticleRow[]> {
  if (storyIds.length === 0) return [];
  const ids = [...new Set(storyIds)];
  return db
    .select()
    .from(articles)
    .where(
      and(
        isNull(articles.deletedAt),
        sql`coalesce(${articles.translationOf}, ${articles.id}) in (${idList(ids)})`,
      ),
    )
    .orderBy(articles.id);
}

export async function findLinkRows(db: DbOrTx, storyIds: readonly number[]) {
  if (storyIds.length === 0) return [];
  return db
    .select()
    .from(articleLinks)
    .where(inArray(articleLinks.articleId, [...new Set(storyIds)]))
    .orderBy(articleLinks.id);
}

/** Of the records given, those anyone may read: live and published (places are all public). */
export async function findPublicTargets(db: DbOrTx, links: ArticleLinks): Promise<ArticleLinks> {
  const of = async (ids: number[], table: string, condition: SQL) => {
    if (ids.length === 0) return [];
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select id from ${sql.raw(table)} where id in (${idList(ids)}) and ${condition} order by id`,
    );
    return rows.map((row) => row.id);
  };
  const live = sql`deleted_at is null and visibility = 'published'`;
  // One query at a time: `db` may be a transaction's single connection.
  return {
    placeIds: await of(links.placeIds, 'places', sql`merged_into_id is null`),
    partnershipIds: await of(links.partnershipIds, 'partnerships', live),
    eventIds: await of(links.eventIds, 'events', live),
    outcomeIds: await of(links.outcomeIds, 'outcomes', live),
    networkIds: await of(links.networkIds, 'networks', live),
  };
}

/** The post an article names for more information: the person, whether they are published, the organisation. */
export interface ContactPostRow {
  id: number;
  personId: number;
  personName: string | null;
  personPublished: boolean;
  role: ArticleRow['authorRole'] & string;
  title: string | null;
  organizationName: string;
}

export async function findContactPosts(db: DbOrTx, ids: readonly number[]): Promise<ContactPostRow[]> {
  if (ids.length === 0) return [];
  return queryRows<ContactPostRow>(
    db,
    sql`select po.id, po.person_id as "personId", pe.name as "personName",
               (pe.visibility = 'published' and pe.deleted_at is null and pe.erased_at is null
                and (po.ended_on is null or po.ended_on > current_date)
                and o.visibility = 'published' and o.deleted_at is null) as "personPublished",
               po.role, po.title, o.name as "organizationName"
        from posts po join people pe on pe.id = po.person_id join organizations o on o.id = po.organization_id
        where po.id in (${idList([...new Set(ids)])})`,
  );
}

/**
 * Whether the address or number is one of the contact points (kept private) of a person whose keeper is one of
 * `keeperIds` (every person for administrators: undefined); phone numbers compared by their digits.
 */
export async function isPrivateContactPoint(
  db: DbOrTx,
  value: string,
  keeperIds: readonly number[] | undefined,
): Promise<boolean> {
  if (keeperIds && keeperIds.length === 0) return false;
  const digits = value.replace(/[^0-9]/g, '');
  const rows = await queryRows<{ found: number }>(
    db,
    sql`select 1 as found from contact_points c join people p on p.id = c.person_id
        where (lower(c.value) = lower(${value})
               or (c.kind = 'phone' and ${digits} <> '' and regexp_replace(c.value, '[^0-9]', '', 'g') = ${digits}))
          ${keeperIds ? sql`and p.keeper_id in (${idList(keeperIds)})` : sql``}
        limit 1`,
  );
  return rows.length > 0;
}

/** The link column of each table an article may link to. */
const TARGET_COLUMNS: Record<string, string> = {
  partnerships: 'partnership_id',
  events: 'event_id',
  outcomes: 'outcome_id',
  networks: 'network_id',
};

export interface ArticleFilter {
  seriesId?: number;
  organizationId?: number;
  language?: ArticleLanguage;
  placeId?: number;
  partnershipId?: number;
  eventId?: number;
  outcomeId?: number;
  networkId?: number;
  status?: ArticleStatus;
  /** The organisations whose unpublished articles may be listed; all when undefined (administrators). */
  organizationIds?: readonly number[];
  limit: number;
}

/** Live articles matching the filter, newest first; published ones unless a status is asked for. */
export async function listArticles(db: DbOrTx, filter: ArticleFilter) {
  // A public list finds stories only by their links to records anyone may read: a link to a record that has
  // become internal since must not tell that the record exists.
  const publicList = filter.status === undefined || filter.status === 'published';
  const published = (table: string) =>
    !publicList
      ? sql``
      : sql`and exists (select 1 from ${sql.raw(table)} t where t.id = ${value(table)} and t.deleted_at is null
                        and t.visibility = 'published')`;
  const value = (table: string) => sql.raw(`l.${TARGET_COLUMNS[table]!}`);
  const linked = (column: string, target: number, table?: string) =>
    sql`exists (select 1 from article_links l where l.article_id = coalesce(${articles.translationOf}, ${articles.id})
                and ${sql.raw(`l.${column}`)} = ${target} ${table ? published(table) : sql``})`;
  const status = filter.status;
  const statusCondition =
    status === undefined || status === 'published'
      ? publishedNow()
      : status === 'scheduled'
        ? sql`(articles.status = 'scheduled' and articles.publish_at > now())`
        : eq(articles.status, status);
  return db
    .select()
    .from(articles)
    .innerJoin(articleSeries, eq(articleSeries.id, articles.seriesId))
    .where(
      and(
        isNull(articles.deletedAt),
        isNull(articleSeries.deletedAt),
        statusCondition,
        status !== undefined && status !== 'published' && filter.organizationIds
          ? filter.organizationIds.length > 0
            ? inArray(articleSeries.organizationId, [...filter.organizationIds])
            : sql`false`
          : undefined,
        filter.seriesId ? eq(articles.seriesId, filter.seriesId) : undefined,
        filter.organizationId ? eq(articleSeries.organizationId, filter.organizationId) : undefined,
        filter.language ? eq(articles.language, filter.language) : undefined,
        filter.placeId ? linked('place_id', filter.placeId) : undefined,
        filter.partnershipId ? linked('partnership_id', filter.partnershipId, 'partnerships') : undefined,
        filter.eventId ? linked('event_id', filter.eventId, 'events') : undefined,
        filter.outcomeId ? linked('outcome_id', filter.outcomeId, 'outcomes') : undefined,
        filter.networkId ? linked('network_id', filter.networkId, 'networks') : undefined,
      ),
    )
    .orderBy(sql`${articles.publishAt} desc nulls first`, desc(articles.id))
    .limit(filter.limit);
}

/** Every published article with its language versions' slugs, for the sitemap. */
export async function findPublishedArticleSlugs(db: DbOrTx) {
  return queryRows<{
    id: number;
    slug: string;
    language: ArticleLanguage;
    storyId: number;
    updatedAt: string;
  }>(
    db,
    sql`select a.id, a.slug, a.language, coalesce(a.translation_of, a.id) as "storyId", a.updated_at::text as "updatedAt"
        from articles a join article_series s on s.id = a.series_id
        where a.deleted_at is null and s.deleted_at is null and ${publishedNow(sql`a`)}
        order by a.id`,
  );
}

export async function insertArticle(db: DbOrTx, { links, ...values }: ArticleInsert) {
  const [row] = await db.insert(articles).values(values).returning({ id: articles.id });
  const id = row!.id;
  if (values.translationOf === undefined || values.translationOf === null) await replaceLinks(db, id, links);
  return id;
}

export async function updateArticle(db: DbOrTx, id: number, { links, ...changes }: ArticleChanges) {
  await db
    .update(articles)
    .set({ ...changes, ...nextVersion(articles) })
    .where(eq(articles.id, id));
  if (links) {
    const [row] = await db
      .select({ storyId: sql<number>`coalesce(${articles.translationOf}, ${articles.id})` })
      .from(articles)
      .where(eq(articles.id, id));
    await replaceLinks(db, row!.storyId, links);
  }
}

async function replaceLinks(db: DbOrTx, articleId: number, links: ArticleLinks) {
  await db.delete(articleLinks).where(eq(articleLinks.articleId, articleId));
  const rows = [
    ...links.placeIds.map((placeId) => ({ articleId, placeId })),
    ...links.partnershipIds.map((partnershipId) => ({ articleId, partnershipId })),
    ...links.eventIds.map((eventId) => ({ articleId, eventId })),
    ...links.outcomeIds.map((outcomeId) => ({ articleId, outcomeId })),
    ...links.networkIds.map((networkId) => ({ articleId, networkId })),
  ];
  if (rows.length > 0) await db.insert(articleLinks).values(rows);
}

/** Whether a live series or article other than `exceptId` has the slug. */
export async function slugTaken(
  db: DbOrTx,
  table: 'articles' | 'article_series',
  slug: string,
  exceptId = 0,
) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from ${sql.raw(table)} where slug = ${slug} and id <> ${exceptId} limit 1`,
  );
  return rows.length > 0;
}

// ---- images

export type ArticleImageRow = typeof articleImages.$inferSelect;

export async function insertImage(db: DbOrTx, values: typeof articleImages.$inferInsert) {
  const [row] = await db.insert(articleImages).values(values).returning();
  return row!;
}

export async function findImage(db: DbOrTx, id: number) {
  const [row] = await db
    .select()
    .from(articleImages)
    .where(and(eq(articleImages.id, id), isNull(articleImages.deletedAt)));
  return row;
}

/** Of these image ids, those that are live images of the story. */
export async function findStoryImageIds(db: DbOrTx, storyId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: articleImages.id })
    .from(articleImages)
    .where(
      and(
        eq(articleImages.articleId, storyId),
        inArray(articleImages.id, [...ids]),
        isNull(articleImages.deletedAt),
      ),
    );
  return rows.map((row) => row.id);
}
