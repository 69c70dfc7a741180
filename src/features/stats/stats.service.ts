import type { DbOrTx } from '../../db/client.ts';
import { duplicateFigures } from '../merges/duplicates.service.ts';
import type { PartnershipResponse } from '../partnerships/partnerships.schema.ts';
import { countOneSidedTies } from '../partnerships/partnerships.sides.ts';
import {
  countByCountry,
  countByCountryPair,
  countByKind,
  countTotals,
  countUndatedTies,
} from './stats.repo.ts';
import type { StatsResponse } from './stats.schema.ts';

/** Totals and ties per country, country pair and kind; restricted to one country's ties when given. */
export async function getStats(db: DbOrTx, country?: string): Promise<StatsResponse> {
  const totals = await countTotals(db);
  const byCountry = await countByCountry(db, country);
  const pairs = await countByCountryPair(db, country);
  const byKind = await countByKind(db);
  const ties = { oneSided: await countOneSidedTies(db), dateUnknown: await countUndatedTies(db) };
  const { merged, pending, distinct, tiesChanged } = await duplicateFigures(db);
  return {
    totals,
    byCountry,
    byCountryPair: pairs.map((pair) => ({
      countries: [pair.first, pair.second] as [string, string],
      partnerships: pair.partnerships,
    })),
    byKind: byKind.map((row) => ({
      kind: row.kind as PartnershipResponse['kind'],
      partnerships: row.partnerships,
    })),
    ties,
    duplicates: { merged, pending, notTheSame: distinct, tiesChanged },
  };
}
