/**
 * Queries behind a tie's sides: which party's own list in each source reports a tie. Only sources whose rows say
 * whose list they are from are read: a Wikidata P190 link is stated on its `source` item (the extract's
 * `source → target`), and a row of the Wikipedia lists belongs to the list of its `city1`. The row names that party
 * by the key its place was imported under (`place_origins`), so the answer follows merges of places.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';

/** The sources whose rows come from one party's own list, by source key. */
export const DIRECTED_SOURCES = ['wikidata-p190', 'wikipedia-twin-town-lists'] as const;

/** The origin key of the party whose list a source row `ps` of source `src` is from. */
const reportingKey = (ps: string, src: string): SQL =>
  sql.raw(`case ${src}.key
    when 'wikidata-p190' then ${ps}.raw->>'source'
    when 'wikipedia-twin-town-lists' then concat(${ps}.raw->>'city1', '|', ${ps}.raw->>'country1') end`);

const directed = sql.raw(DIRECTED_SOURCES.map((key) => `'${key}'`).join(', '));

export interface PartyListRow {
  partnershipId: number;
  placeId: number;
  sourceKey: string;
  sourceName: string;
  /** Whether the party has a list of its own in the source: a row of the source from its list, about any tie. */
  hasList: boolean;
  /** Whether the party's own list in the source names this tie. */
  namesTie: boolean;
}

/**
 * For each place party of the given ties and each directed source that reports the tie: whether the party has a
 * list of its own in that source, and whether that list names the tie. Lists are read from ties not deleted.
 */
export function findPartyLists(db: DbOrTx, partnershipIds: readonly number[]): Promise<PartyListRow[]> {
  if (partnershipIds.length === 0) return Promise.resolve([]);
  return queryRows<PartyListRow>(
    db,
    sql`select pp.partnership_id as "partnershipId", pp.place_id as "placeId", src.key as "sourceKey",
          src.name as "sourceName",
          exists (select 1 from partnership_parties mine
            join partnerships p on p.id = mine.partnership_id and p.deleted_at is null
            join partnership_sources ps on ps.partnership_id = mine.partnership_id and ps.source_id = src.id
            join place_origins o on o.place_id = pp.place_id and o.source_id = src.id
              and o.external_key = ${reportingKey('ps', 'src')}
            where mine.place_id = pp.place_id) as "hasList",
          exists (select 1 from partnership_sources ps
            join place_origins o on o.place_id = pp.place_id and o.source_id = src.id
              and o.external_key = ${reportingKey('ps', 'src')}
            where ps.partnership_id = pp.partnership_id and ps.source_id = src.id) as "namesTie"
        from partnership_parties pp
        join sources src on src.key in (${directed})
        where pp.partnership_id in (${idList(partnershipIds)}) and pp.place_id is not null
          and exists (select 1 from partnership_sources t where t.partnership_id = pp.partnership_id
            and t.source_id = src.id)
        order by pp.partnership_id, src.key, pp.place_id`,
  );
}

/** A directed source's rows about ties not deleted, each with the place whose own list it is from. */
function reportsOf(sourceKey: (typeof DIRECTED_SOURCES)[number], reportingKeyOf: SQL): SQL {
  return sql`select ps.partnership_id as tie, ps.source_id as src, o.place_id as place
    from partnership_sources ps
    join place_origins o on o.source_id = ps.source_id and o.external_key = ${reportingKeyOf}
    join partnerships p on p.id = ps.partnership_id and p.deleted_at is null
    where ps.source_id = (select id from sources where key = ${sourceKey})`;
}

/**
 * How many published ties are one-sided (see `isOneSided`), over the whole registry: ties with a party whose own
 * list reports them in no source, and that has a list of its own in a source that reports them from another party.
 */
export async function countOneSided(db: DbOrTx): Promise<number> {
  // The planner cannot tell how many rows the keys inside the JSON rows join, guesses one, and would walk tens of
  // thousands of them one index lookup at a time; hash joins answer the whole registry at once.
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_nestloop = off`);
    const [row] = await queryRows<{ count: number }>(
      tx,
      sql`with r as materialized (
            ${reportsOf('wikidata-p190', sql`ps.raw->>'source'`)}
            union all
            ${reportsOf('wikipedia-twin-town-lists', sql`concat(ps.raw->>'city1', '|', ps.raw->>'country1')`)}
          ),
          from_party as materialized (
            select distinct r.tie, r.src, r.place from r
            join partnership_parties pp on pp.partnership_id = r.tie and pp.place_id = r.place
          ),
          lists as materialized (select distinct src, place from r),
          reporting_sources as materialized (select distinct tie, src from from_party),
          reporters as materialized (select distinct tie, place from from_party)
          select count(distinct pp.partnership_id)::int as count
          from partnership_parties pp
          join partnerships p on p.id = pp.partnership_id and p.is_public
          join reporting_sources rs on rs.tie = pp.partnership_id
          join lists l on l.src = rs.src and l.place = pp.place_id
          left join reporters rep on rep.tie = pp.partnership_id and rep.place = pp.place_id
          where rep.tie is null`,
    );
    await tx.execute(sql`reset enable_nestloop`);
    return row?.count ?? 0;
  });
}
