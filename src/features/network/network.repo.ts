import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';

/**
 * The rows of a query as one JSON array of arrays built by the database: a single value crosses to the process and
 * is read with JSON.parse, where tens of thousands of rows would each be read field by field (on PGlite, on the
 * event loop, while every other request waits).
 */
async function jsonRows<T extends unknown[]>(db: DbOrTx, query: SQL): Promise<T[]> {
  const [row] = await queryRows<{ rows: string }>(db, query);
  return JSON.parse(row?.rows ?? '[]') as T[];
}

/** Places on the map: with coordinates and at least one tie, by id. */
export async function findMappedPlaces(db: DbOrTx) {
  const rows = await jsonRows<[number, string, string, number, number, number]>(
    db,
    sql`select coalesce(json_agg(json_build_array(id, name, country, lat, lng, partner_count) order by id), '[]')::text
        as rows
      from places where lat is not null and partner_count > 0`,
  );
  return rows.map(([id, name, country, lat, lng, partnerCount]) => ({
    id,
    name,
    country,
    lat,
    lng,
    partnerCount,
  }));
}

/** Every pair of parties of every published tie. */
export async function findEdges(db: DbOrTx) {
  const rows = await jsonRows<[number, number, string, string, number | null]>(
    db,
    sql`select coalesce(json_agg(json_build_array(a.place_id, b.place_id, p.kind, p.status,
          extract(year from p.started_on)::int) order by p.id, a.place_id, b.place_id), '[]')::text as rows
      from partnerships p
      join partnership_parties a on a.partnership_id = p.id
      join partnership_parties b on b.partnership_id = p.id and a.place_id < b.place_id
      where p.is_public`,
  );
  return rows.map(([a, b, kind, status, startYear]) => ({ a, b, kind, status, startYear }));
}
