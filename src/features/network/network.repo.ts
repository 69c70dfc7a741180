import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';

/** Places on the map: with coordinates and at least one tie. */
export async function findMappedPlaces(db: DbOrTx) {
  return queryRows<{
    id: number;
    name: string;
    country: string;
    lat: number;
    lng: number;
    partnerCount: number;
  }>(
    db,
    sql`select id, name, country, lat, lng, partner_count as "partnerCount"
      from places where lat is not null and partner_count > 0 order by id`,
  );
}

/** Every pair of parties of every published tie. */
export async function findEdges(db: DbOrTx) {
  return queryRows<{ a: number; b: number; kind: string; status: string; startYear: number | null }>(
    db,
    sql`select a.place_id as a, b.place_id as b, p.kind, p.status,
        extract(year from p.started_on)::int as "startYear"
      from partnerships p
      join partnership_parties a on a.partnership_id = p.id
      join partnership_parties b on b.partnership_id = p.id and a.place_id < b.place_id
      where p.is_public
      order by p.id, a.place_id, b.place_id`,
  );
}
