import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';

const published = sql`select id, kind from partnerships where is_public`;

export async function countTotals(db: DbOrTx) {
  const [row] = await queryRows<{
    places: number;
    partnerships: number;
    sources: number;
    sourceRecords: number;
  }>(
    db,
    sql`select
      (select count(*) from places where merged_into_id is null)::int as places,
      (select count(*) from partnerships where is_public)::int as partnerships,
      (select count(distinct ps.source_id) from partnership_sources ps
         join partnerships p on p.id = ps.partnership_id and p.is_public)::int as sources,
      (select count(*) from partnership_sources ps
         join partnerships p on p.id = ps.partnership_id and p.is_public)::int as "sourceRecords"`,
  );
  return row!;
}

/** Published ties whose start and signing dates no source gives. */
export async function countUndatedTies(db: DbOrTx): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from partnerships
      where is_public and started_on is null and signed_on is null`,
  );
  return row?.count ?? 0;
}

export async function countByCountry(db: DbOrTx, country?: string) {
  const filter = country ? sql`where pl.country = ${country}` : sql``;
  return queryRows<{ country: string; partnerships: number }>(
    db,
    sql`select pl.country, count(distinct pp.partnership_id)::int as partnerships
      from (${published}) p
      join partnership_parties pp on pp.partnership_id = p.id
      join places pl on pl.id = pp.place_id
      ${filter}
      group by pl.country
      order by partnerships desc, pl.country`,
  );
}

/** Country pairs over every two parties of a tie, so ties of three or more parties count for each pair. */
export async function countByCountryPair(db: DbOrTx, country?: string) {
  const filter = country ? sql`where ${country} in (a.country, b.country)` : sql``;
  return queryRows<{ first: string; second: string; partnerships: number }>(
    db,
    sql`with party as (
        select pp.partnership_id, pp.place_id, pl.country
        from (${published}) p
        join partnership_parties pp on pp.partnership_id = p.id
        join places pl on pl.id = pp.place_id
      )
      select least(a.country, b.country) as first, greatest(a.country, b.country) as second,
             count(distinct a.partnership_id)::int as partnerships
      from party a join party b on a.partnership_id = b.partnership_id and a.place_id < b.place_id
      ${filter}
      group by 1, 2
      order by partnerships desc, first, second`,
  );
}

export async function countByKind(db: DbOrTx) {
  return queryRows<{ kind: string; partnerships: number }>(
    db,
    sql`select kind, count(*)::int as partnerships from (${published}) p group by kind order by partnerships desc, kind`,
  );
}
