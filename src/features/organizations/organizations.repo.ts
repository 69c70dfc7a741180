import { and, asc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import { organizations, places } from '../../db/schema.ts';
import type { ReadScope } from '../auth/policy.ts';
import { GOVERNMENT_KINDS } from './organizations.constants.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
export type OrganizationInsert = typeof organizations.$inferInsert;

export const findOrganization = (db: DbOrTx, id: number, lock = false) =>
  findById(db, organizations, id, lock);

export async function findOrganizations(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}

/** The organisations a read scope covers: published ones, and those its organisations stand behind. */
export function visibleOrganizations(scope: ReadScope): SQL | undefined {
  if (scope.all) return undefined;
  const mine = [...scope.organizationIds];
  if (mine.length === 0) return eq(organizations.visibility, 'published');
  return or(
    eq(organizations.visibility, 'published'),
    inArray(organizations.id, mine),
    inArray(organizations.keeperId, mine),
  );
}

export interface OrganizationFilter {
  q?: string;
  kind?: OrganizationRow['kind'];
  placeId?: number;
  afterId?: number;
  limit: number;
}

export async function listOrganizations(db: DbOrTx, scope: ReadScope, filter: OrganizationFilter) {
  const conditions = [
    isNull(organizations.deletedAt),
    isNull(organizations.mergedIntoId),
    visibleOrganizations(scope),
    filter.kind ? eq(organizations.kind, filter.kind) : undefined,
    filter.placeId ? eq(organizations.placeId, filter.placeId) : undefined,
    filter.afterId ? gt(organizations.id, filter.afterId) : undefined,
    filter.q
      ? sql`(cb_search_key(${organizations.name}) like '%' || cb_search_key(${filter.q}) || '%'
          or exists (select 1 from unnest(${organizations.aliases}) alias
                     where cb_search_key(alias) like '%' || cb_search_key(${filter.q}) || '%'))`
      : undefined,
  ];
  return db
    .select({ organization: organizations, placeName: places.name, placeCountry: places.country })
    .from(organizations)
    .leftJoin(places, eq(places.id, organizations.placeId))
    .where(and(...conditions))
    .orderBy(asc(organizations.id))
    .limit(filter.limit);
}

/** The place an organisation is based in, as its record shows it. */
export async function findPlaceLabel(db: DbOrTx, placeId: number) {
  const [row] = await db
    .select({ id: places.id, name: places.name, country: places.country })
    .from(places)
    .where(eq(places.id, placeId));
  return row;
}

export async function insertOrganization(db: DbOrTx, values: OrganizationInsert) {
  const [row] = await db.insert(organizations).values(values).returning();
  return row!;
}

export async function updateOrganization(db: DbOrTx, id: number, values: Partial<OrganizationInsert>) {
  const [row] = await db
    .update(organizations)
    .set({ ...values, ...nextVersion(organizations) })
    .where(eq(organizations.id, id))
    .returning();
  return row!;
}

/** Governments (city or regional) based in the given places: they speak for those places in ties. */
export async function findGovernmentsOf(
  db: DbOrTx,
  placeIds: readonly number[],
  { includeDeleted = false }: { includeDeleted?: boolean } = {},
) {
  if (placeIds.length === 0) return [];
  return db
    .select({ id: organizations.id, placeId: organizations.placeId })
    .from(organizations)
    .where(
      and(
        inArray(organizations.placeId, [...placeIds]),
        inArray(organizations.kind, [...GOVERNMENT_KINDS]),
        includeDeleted ? undefined : isNull(organizations.deletedAt),
        isNull(organizations.mergedIntoId),
      ),
    );
}
