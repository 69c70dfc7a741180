import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import { supportRequests } from '../../db/schema.ts';

export type SupportRequestRow = typeof supportRequests.$inferSelect;
export type SupportRequestInsert = typeof supportRequests.$inferInsert;
export type SupportRequestChanges = Partial<SupportRequestInsert>;

export const findSupportRequest = (db: DbOrTx, id: number, lock = false) =>
  findById(db, supportRequests, id, lock);

export async function insertSupportRequest(db: DbOrTx, values: SupportRequestInsert) {
  const [row] = await db.insert(supportRequests).values(values).returning({ id: supportRequests.id });
  return row!.id;
}

export async function updateSupportRequest(db: DbOrTx, id: number, values: SupportRequestChanges) {
  await db
    .update(supportRequests)
    .set({ ...values, ...nextVersion(supportRequests) })
    .where(eq(supportRequests.id, id));
}

/** Live requests kept by the given organisations (every one: undefined), newest first. */
export function listSupportRequests(
  db: DbOrTx,
  filter: {
    keepers: readonly number[] | undefined;
    organizationId?: number;
    companyId?: number;
    status?: SupportRequestRow['status'];
    limit: number;
  },
) {
  if (filter.keepers?.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(supportRequests)
    .where(
      and(
        isNull(supportRequests.deletedAt),
        filter.keepers ? inArray(supportRequests.organizationId, [...filter.keepers]) : undefined,
        filter.organizationId ? eq(supportRequests.organizationId, filter.organizationId) : undefined,
        filter.companyId ? eq(supportRequests.companyId, filter.companyId) : undefined,
        filter.status ? eq(supportRequests.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(supportRequests.receivedOn), desc(supportRequests.id))
    .limit(filter.limit);
}

export interface NamedRow {
  id: number;
  name: string;
  country: string | null;
  kind: string | null;
}

/** Names of organisations (with their kind) and places (with their country, and whether merged), by id. */
export async function findNames(db: DbOrTx, organizationIds: readonly number[], placeIds: readonly number[]) {
  // One query at a time: `db` may be a transaction's single connection.
  const organizations = await queryRows<NamedRow>(
    db,
    sql`select id, name, null as country, kind::text as kind from organizations
        where id in (${idList([...new Set(organizationIds)])})`,
  );
  const places = await queryRows<NamedRow>(
    db,
    sql`select id, name, country, case when merged_into_id is null then null else 'merged' end as kind from places where id in (${idList([...new Set(placeIds)])})`,
  );
  return {
    organizations: new Map(organizations.map((row) => [row.id, row])),
    places: new Map(places.map((row) => [row.id, row])),
  };
}
