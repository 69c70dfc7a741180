/**
 * A tie's sides: which party's own list reports it in each source. The open sources are lists kept per place (a
 * Wikidata item's "twinned administrative body" statements, a city's section of a Wikipedia list), so a tie that one
 * side's list names and the other side's own list leaves out is one-sided: the sources disagree, and the tie is shown
 * as reported by one side only. Derived from the stored source rows whenever asked, so it follows every import,
 * merge and undo.
 */
import type { DbOrTx } from '../../db/client.ts';
import { countOneSided, findPartyLists } from './partnerships.sides.repo.ts';

/** What one source says about a tie's sides. */
export interface SourceSides {
  key: string;
  name: string;
  /** The parties (place ids) whose own list in the source names the tie. */
  listedBy: number[];
  /** The parties that have a list of their own in the source that leaves the tie out. */
  notListedBy: number[];
}

export interface TieSides {
  oneSided: boolean;
  sources: SourceSides[];
}

/**
 * Whether a tie is one-sided: some party's own list reports it, and another party, whose list reports it in no
 * source, has a list of its own that leaves it out in a source that reports it from the other side. A tie each side
 * reports (in one source or another) is not; nor is one whose other side keeps no list to compare with.
 */
export function isOneSided(placeIds: readonly number[], sources: readonly SourceSides[]): boolean {
  const reporters = new Set(sources.flatMap((source) => source.listedBy));
  if (reporters.size === 0) return false;
  return placeIds.some(
    (placeId) =>
      !reporters.has(placeId) &&
      sources.some((source) => source.listedBy.length > 0 && source.notListedBy.includes(placeId)),
  );
}

/** The sides of each of the given ties, by tie id; a tie no directed source reports has no sources and no side. */
export async function findTieSides(
  db: DbOrTx,
  partnershipIds: readonly number[],
): Promise<Map<number, TieSides>> {
  const rows = await findPartyLists(db, partnershipIds);
  const byTie = new Map<number, { placeIds: Set<number>; sources: Map<string, SourceSides> }>();
  for (const row of rows) {
    const tie = byTie.get(row.partnershipId) ?? { placeIds: new Set<number>(), sources: new Map() };
    byTie.set(row.partnershipId, tie);
    tie.placeIds.add(row.placeId);
    const source = tie.sources.get(row.sourceKey) ?? {
      key: row.sourceKey,
      name: row.sourceName,
      listedBy: [],
      notListedBy: [],
    };
    tie.sources.set(row.sourceKey, source);
    if (row.namesTie) source.listedBy.push(row.placeId);
    else if (row.hasList) source.notListedBy.push(row.placeId);
  }
  return new Map(
    partnershipIds.map((id) => {
      const tie = byTie.get(id);
      const sources = tie ? [...tie.sources.values()] : [];
      return [id, { oneSided: tie ? isOneSided([...tie.placeIds], sources) : false, sources }];
    }),
  );
}

/** How many published ties of the whole registry are one-sided. */
export function countOneSidedTies(db: DbOrTx): Promise<number> {
  return countOneSided(db);
}
