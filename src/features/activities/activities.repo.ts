import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import { activities, activityLinks, organizations } from '../../db/schema.ts';

export type ActivityRow = typeof activities.$inferSelect;
export type LinkRow = typeof activityLinks.$inferSelect;

export const findActivity = (db: DbOrTx, id: number, lock = false) => findById(db, activities, id, lock);

export async function findLinks(db: DbOrTx, activityIds: readonly number[]) {
  if (activityIds.length === 0) return [];
  return db
    .select()
    .from(activityLinks)
    .where(inArray(activityLinks.activityId, [...activityIds]));
}

/** The names of the given organisations (the keepers of activity logs), by id. */
export async function findOrganizationNames(db: DbOrTx, organizationIds: readonly number[]) {
  const ids = [...new Set(organizationIds)];
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

export interface ActivityFilter {
  /** The logs the actor may read; undefined for administrators (every log). */
  readableLogs?: number[];
  organizationId?: number;
  partnershipId?: number;
  personId?: number;
  limit: number;
}

export async function listActivities(db: DbOrTx, filter: ActivityFilter) {
  const linked = (column: SQL, value: number) =>
    sql`exists (select 1 from activity_links l where l.activity_id = ${activities.id} and ${column} = ${value})`;
  return db
    .select()
    .from(activities)
    .where(
      and(
        isNull(activities.deletedAt),
        filter.readableLogs ? inArray(activities.organizationId, filter.readableLogs) : undefined,
        filter.organizationId
          ? sql`(${activities.organizationId} = ${filter.organizationId} or ${linked(sql`l.organization_id`, filter.organizationId)})`
          : undefined,
        filter.partnershipId ? linked(sql`l.partnership_id`, filter.partnershipId) : undefined,
        filter.personId ? linked(sql`l.person_id`, filter.personId) : undefined,
      ),
    )
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(filter.limit);
}

/** What an activity concerns: ties, other organisations and people. */
export interface ActivityLinks {
  partnershipIds: number[];
  organizationIds: number[];
  personIds: number[];
}

/** A new activity and what it concerns. */
export type ActivityInsert = typeof activities.$inferInsert & ActivityLinks;

/** Changes to an activity: fields of the record, and the links that replace its own. */
export type ActivityChanges = Partial<typeof activities.$inferInsert> & { links?: ActivityLinks };

export async function insertActivity(
  db: DbOrTx,
  { partnershipIds, organizationIds, personIds, ...values }: ActivityInsert,
) {
  const [row] = await db.insert(activities).values(values).returning({ id: activities.id });
  await replaceLinks(db, row!.id, { partnershipIds, organizationIds, personIds });
  return row!.id;
}

/** Writes changes to an activity and bumps the version. */
export async function updateActivity(db: DbOrTx, id: number, { links, ...values }: ActivityChanges) {
  await db
    .update(activities)
    .set({ ...values, ...nextVersion(activities) })
    .where(eq(activities.id, id));
  if (links) await replaceLinks(db, id, links);
}

async function replaceLinks(db: DbOrTx, activityId: number, links: ActivityLinks) {
  await db.delete(activityLinks).where(eq(activityLinks.activityId, activityId));
  const rows = [
    ...links.partnershipIds.map((partnershipId) => ({ activityId, partnershipId })),
    ...links.organizationIds.map((organizationId) => ({ activityId, organizationId })),
    ...links.personIds.map((personId) => ({ activityId, personId })),
  ];
  if (rows.length > 0) await db.insert(activityLinks).values(rows);
}

/** Activities logged per tie, the latest date each: for "no activity in two years". */
export async function lastActivityPerTie(
  db: DbOrTx,
  partnershipIds: readonly number[],
  readableLogs?: readonly number[],
) {
  if (partnershipIds.length === 0) return [];
  return db
    .select({
      partnershipId: activityLinks.partnershipId,
      last: sql<string>`max(${activities.occurredOn})::text`,
    })
    .from(activityLinks)
    .innerJoin(activities, eq(activities.id, activityLinks.activityId))
    .where(
      and(
        inArray(activityLinks.partnershipId, [...partnershipIds]),
        isNull(activities.deletedAt),
        readableLogs ? inArray(activities.organizationId, [...readableLogs]) : undefined,
      ),
    )
    .groupBy(activityLinks.partnershipId);
}
