import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { groupBy } from '../../lib/collections.ts';
import type { PlaceSummary } from '../places/places.schema.ts';
import { findTieProvenance, presentPlaceSummary } from '../places/places.service.ts';
import { findParties, listPartnerships as listPartnershipsRepo } from './partnerships.repo.ts';
import type { PartnershipListQuery, PartnershipResponse } from './partnerships.schema.ts';

/** Opaque page cursors: the last id of a page, base64url-encoded. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(`p:${lastId}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^p:([1-9][0-9]{0,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const id = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request: querystring.cursor', [
      { field: 'querystring.cursor', message: 'must be a cursor returned as nextCursor' },
    ]);
  }
  return id;
}

/** One page of published ties with their parties and sources. */
export async function listPartnerships(db: DbOrTx, query: PartnershipListQuery) {
  const afterId = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await listPartnershipsRepo(db, { ...query, afterId, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const ids = page.map((row) => row.id);
  const parties = await findParties(db, ids);
  const tieSources = await findTieProvenance(db, ids);
  const partiesByTie = groupBy(parties, (party) => party.partnershipId);
  const sourcesByTie = groupBy(tieSources, (source) => source.partnershipId);
  const items: PartnershipResponse[] = page.map((row) => ({
    ...row,
    parties: (partiesByTie.get(row.id) ?? []).map((party): PlaceSummary => presentPlaceSummary(party)),
    sources: (sourcesByTie.get(row.id) ?? []).map(({ key, name, records }) => ({ key, name, records })),
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null };
}
