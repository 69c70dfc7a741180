import { and, asc, eq, exists, gt, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { partnershipParties, partnerships, places } from '../../db/schema.ts';
import { placeSummaryColumns } from '../places/places.tables.ts';

export interface PartnershipFilter {
  country?: string;
  partnerCountry?: string;
  kind?: (typeof partnerships.$inferSelect)['kind'];
  status?: (typeof partnerships.$inferSelect)['status'];
  startedFrom?: string;
  startedTo?: string;
  afterId?: number;
  limit: number;
}

/** Published ties matching the filter, in id order, after `afterId`. */
export async function listPartnerships(db: DbOrTx, filter: PartnershipFilter) {
  const conditions: SQL[] = [eq(partnerships.isPublic, true)];
  if (filter.kind) conditions.push(eq(partnerships.kind, filter.kind));
  if (filter.status) conditions.push(eq(partnerships.status, filter.status));
  if (filter.startedFrom) conditions.push(gte(partnerships.startedOn, filter.startedFrom));
  if (filter.startedTo) conditions.push(lte(partnerships.startedOn, filter.startedTo));
  if (filter.afterId) conditions.push(gt(partnerships.id, filter.afterId));
  if (filter.country && filter.partnerCountry) {
    // Two different parties, one in each country (for Finland ↔ Finland, two Finnish parties).
    conditions.push(sql`exists (
      select 1 from partnership_parties a join places pa on pa.id = a.place_id
      join partnership_parties b on b.partnership_id = a.partnership_id and b.place_id <> a.place_id
      join places pb on pb.id = b.place_id
      where a.partnership_id = ${partnerships.id} and pa.country = ${filter.country}
        and pb.country = ${filter.partnerCountry})`);
  } else if (filter.country) {
    conditions.push(
      exists(
        db
          .select({ one: partnershipParties.id })
          .from(partnershipParties)
          .innerJoin(places, eq(places.id, partnershipParties.placeId))
          .where(
            and(eq(partnershipParties.partnershipId, partnerships.id), eq(places.country, filter.country)),
          ),
      ),
    );
  }
  return db
    .select({
      id: partnerships.id,
      kind: partnerships.kind,
      status: partnerships.status,
      startedOn: partnerships.startedOn,
      endedOn: partnerships.endedOn,
    })
    .from(partnerships)
    .where(and(...conditions))
    .orderBy(asc(partnerships.id))
    .limit(filter.limit);
}

/** The parties of the given ties, as place summaries. */
export async function findParties(db: DbOrTx, partnershipIds: number[]) {
  if (partnershipIds.length === 0) return [];
  return db
    .select({ partnershipId: partnershipParties.partnershipId, ...placeSummaryColumns })
    .from(partnershipParties)
    .innerJoin(places, eq(places.id, partnershipParties.placeId))
    .where(inArray(partnershipParties.partnershipId, partnershipIds))
    .orderBy(asc(places.name), asc(places.id));
}
