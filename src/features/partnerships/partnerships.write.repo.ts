import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import {
  organizations,
  partnershipDocuments,
  partnershipParties,
  partnerships,
  places,
} from '../../db/schema.ts';

export type PartnershipRow = typeof partnerships.$inferSelect;
export type PartnershipInsert = typeof partnerships.$inferInsert;

export const findPartnershipRow = (db: DbOrTx, id: number, lock = false) =>
  findById(db, partnerships, id, lock);

/** The parties of a tie with their names, places first. */
export async function findTieParties(db: DbOrTx, partnershipId: number) {
  return db
    .select({
      placeId: partnershipParties.placeId,
      organizationId: partnershipParties.organizationId,
      confirmedAt: partnershipParties.confirmedAt,
      placeName: places.name,
      placeCountry: places.country,
      organizationName: organizations.name,
      organizationPlaceCountry: sql<
        string | null
      >`(select country from places where id = ${organizations.placeId})`,
    })
    .from(partnershipParties)
    .leftJoin(places, eq(places.id, partnershipParties.placeId))
    .leftJoin(organizations, eq(organizations.id, partnershipParties.organizationId))
    .where(eq(partnershipParties.partnershipId, partnershipId))
    .orderBy(sql`${partnershipParties.placeId} is null`, asc(places.name), asc(organizations.name));
}

export async function findDocuments(db: DbOrTx, partnershipId: number) {
  return db
    .select()
    .from(partnershipDocuments)
    .where(and(eq(partnershipDocuments.partnershipId, partnershipId), isNull(partnershipDocuments.deletedAt)))
    .orderBy(asc(partnershipDocuments.id));
}

export async function findDocument(db: DbOrTx, partnershipId: number, documentId: number) {
  const [row] = await db
    .select()
    .from(partnershipDocuments)
    .where(
      and(eq(partnershipDocuments.id, documentId), eq(partnershipDocuments.partnershipId, partnershipId)),
    );
  return row;
}

export async function insertDocument(db: DbOrTx, values: typeof partnershipDocuments.$inferInsert) {
  const [row] = await db.insert(partnershipDocuments).values(values).returning();
  return row!;
}

export async function markDocumentDeleted(db: DbOrTx, documentId: number) {
  await db
    .update(partnershipDocuments)
    .set({ deletedAt: new Date() })
    .where(eq(partnershipDocuments.id, documentId));
}

/** A tie of a kind with exactly these parties (of the kinds two places have only one of). */
export async function findTieByParties(db: DbOrTx, kind: PartnershipRow['kind'], partyKey: string) {
  const [row] = await db
    .select({ id: partnerships.id, deletedAt: partnerships.deletedAt })
    .from(partnerships)
    .where(and(eq(partnerships.kind, kind), eq(partnerships.partyKey, partyKey)));
  return row;
}

export interface PartyWrite {
  placeId: number | null;
  organizationId: number | null;
  confirmedAt: Date | null;
  confirmedBy: number | null;
}

/** A new tie and its parties. */
export type TieInsert = PartnershipInsert & { parties: PartyWrite[] };

/** Changes to a tie: fields of the record, and the parties that replace its own. */
export type TieChanges = Partial<PartnershipInsert> & { parties?: PartyWrite[] };

export async function insertPartnership(db: DbOrTx, { parties, ...values }: TieInsert) {
  const [row] = await db.insert(partnerships).values(values).returning({ id: partnerships.id });
  await replaceParties(db, row!.id, parties);
  return row!.id;
}

/** Writes changes to a tie and bumps the version. */
export async function updatePartnership(db: DbOrTx, id: number, { parties, ...values }: TieChanges) {
  await db
    .update(partnerships)
    .set({ ...values, ...nextVersion(partnerships) })
    .where(eq(partnerships.id, id));
  if (parties) await replaceParties(db, id, parties);
}

/** Replaces a tie's parties; the database checks them against the party key at commit. */
async function replaceParties(db: DbOrTx, partnershipId: number, parties: PartyWrite[]) {
  await db.delete(partnershipParties).where(eq(partnershipParties.partnershipId, partnershipId));
  await db.insert(partnershipParties).values(parties.map((party) => ({ ...party, partnershipId })));
}

export async function confirmParty(
  db: DbOrTx,
  partnershipId: number,
  party: { placeId: number | null; organizationId: number | null },
  userId: number,
) {
  await db
    .update(partnershipParties)
    .set({ confirmedAt: new Date(), confirmedBy: userId })
    .where(
      and(
        eq(partnershipParties.partnershipId, partnershipId),
        party.placeId
          ? eq(partnershipParties.placeId, party.placeId)
          : eq(partnershipParties.organizationId, party.organizationId!),
        isNull(partnershipParties.confirmedAt),
      ),
    );
}

export async function findExistingPlaces(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select({ id: places.id }).from(places).where(inArray(places.id, ids));
}

export async function findLiveOrganizations(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(inArray(organizations.id, ids), isNull(organizations.deletedAt)));
}

/**
 * Whether a live network (or working group) with this id exists that the organisations may read: a published one,
 * or an internal one they coordinate (appointed, or as the secretariat) or are current members of (themselves, or
 * as the government of a member place); `all` for administrators.
 */
export async function findReadableNetwork(
  db: DbOrTx,
  id: number,
  scope: { all: true } | { all: false; organizationIds: readonly number[] },
): Promise<boolean> {
  const orgs = scope.all ? sql`null` : idList(scope.organizationIds);
  const [row] = await queryRows<{ readable: boolean }>(
    db,
    sql`select (${scope.all} or n.visibility = 'published'
          or coalesce(n.secretariat_id, p.secretariat_id) in (${orgs})
          or exists (select 1 from network_coordinators c where c.network_id = n.id and c.organization_id in (${orgs}))
          or exists (select 1 from network_members m where m.network_id = n.id
                     and (m.left_on is null or m.left_on >= current_date)
                     and (m.organization_id in (${orgs}) or m.place_id in (
                       select g.place_id from organizations g where g.id in (${orgs}) and g.deleted_at is null
                       and g.merged_into_id is null and g.kind in ('city_government', 'regional_government'))))) as readable
        from networks n left join networks p on p.id = n.parent_id
        where n.id = ${id} and n.deleted_at is null`,
  );
  return row?.readable === true;
}
