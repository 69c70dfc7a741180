import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import {
  auditEvents,
  networkPosts,
  networks,
  organizations,
  placeNames,
  places,
  users,
} from '../../db/schema.ts';

export type PostRow = typeof networkPosts.$inferSelect;
export type PostInsert = typeof networkPosts.$inferInsert;
export type PostChanges = Partial<Pick<PostInsert, 'body' | 'mentions' | 'links' | 'deletedAt'>>;

export const findPost = (db: DbOrTx, id: number, lock = false) => findById(db, networkPosts, id, lock);

export async function insertPost(db: DbOrTx, values: PostInsert): Promise<number> {
  const [row] = await db.insert(networkPosts).values(values).returning({ id: networkPosts.id });
  return row!.id;
}

/** Writes changes to a post and bumps its version. */
export async function updatePost(db: DbOrTx, id: number, changes: PostChanges): Promise<void> {
  await db
    .update(networkPosts)
    .set({ ...changes, ...nextVersion(networkPosts) })
    .where(eq(networkPosts.id, id));
}

/** The network or working group a discussion belongs to. */
export async function findNetwork(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      id: networks.id,
      kind: networks.kind,
      name: networks.name,
      visibility: networks.visibility,
      deletedAt: networks.deletedAt,
    })
    .from(networks)
    .where(eq(networks.id, id));
  return row;
}

/** When a thread last had a post: its own, or its latest reply's. */
// Spelled out: Drizzle leaves a column unqualified in a select list, where `id` would name the reply's own.
const lastActivity = sql`coalesce((select max(r.created_at) from network_posts r where r.parent_id = network_posts.id), network_posts.created_at)`;

/** A page of a discussion's threads (its top-level posts, deleted ones too), newest activity first. */
export async function listThreads(db: DbOrTx, networkId: number, page: { limit: number; offset: number }) {
  const where = and(eq(networkPosts.networkId, networkId), isNull(networkPosts.parentId));
  const rows = await db
    .select({
      ...getTableColumns(networkPosts),
      lastActivityAt: lastActivity.mapWith(networkPosts.createdAt),
    })
    .from(networkPosts)
    .where(where)
    .orderBy(desc(lastActivity), desc(networkPosts.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(networkPosts).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** The replies to these posts, oldest first. */
export async function findReplies(db: DbOrTx, parentIds: readonly number[]) {
  if (parentIds.length === 0) return [];
  return db
    .select()
    .from(networkPosts)
    .where(inArray(networkPosts.parentId, [...parentIds]))
    .orderBy(asc(networkPosts.createdAt), asc(networkPosts.id));
}

async function namesOf(db: DbOrTx, table: typeof users | typeof organizations, ids: readonly number[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<number, string>();
  const rows = await db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(inArray(table.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The names of users (authors), by id. */
export const findUserNames = (db: DbOrTx, ids: readonly number[]) => namesOf(db, users, ids);

/** The names of organisations, by id. */
export const findOrganizationNames = (db: DbOrTx, ids: readonly number[]) => namesOf(db, organizations, ids);

/** When each of these posts' text was last changed after it was posted, from their history. */
export async function findEditTimes(db: DbOrTx, postIds: readonly number[]) {
  if (postIds.length === 0) return new Map<number, Date>();
  const rows = await db
    .select({
      id: auditEvents.entityId,
      at: sql`max(${auditEvents.occurredAt})`.mapWith(auditEvents.occurredAt),
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, 'network_post'),
        eq(auditEvents.action, 'update'),
        inArray(auditEvents.entityId, [...postIds]),
      ),
    )
    .groupBy(auditEvents.entityId);
  return new Map(rows.map((row) => [row.id, row.at]));
}

/**
 * The names of places (not merged into another), each in Finnish, Swedish and English where known (official names
 * first) and under '' its display name.
 */
export async function findPlaceNames(db: DbOrTx, placeIds: readonly number[]) {
  const unique = [...new Set(placeIds)];
  const result = new Map<number, Record<string, string>>();
  if (unique.length === 0) return result;
  const rows = await db
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(and(inArray(places.id, unique), isNull(places.mergedIntoId)));
  for (const row of rows) result.set(row.id, { '': row.name });
  const names = await queryRows<{ placeId: number; lang: string; name: string }>(
    db,
    sql`select distinct on (${placeNames.placeId}, ${placeNames.lang})
          ${placeNames.placeId} as "placeId", ${placeNames.lang} as lang, ${placeNames.name} as name
        from ${placeNames}
        where ${inArray(placeNames.placeId, unique)} and ${inArray(placeNames.lang, ['fi', 'sv', 'en'])}
        order by ${placeNames.placeId}, ${placeNames.lang}, (${placeNames.kind} = 'official') desc, ${placeNames.id}`,
  );
  for (const name of names) {
    const labels = result.get(name.placeId);
    if (labels) labels[name.lang] = name.name;
  }
  return result;
}
