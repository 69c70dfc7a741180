import type { Db } from '../../src/db/client.ts';
import {
  organizations,
  partnershipParties,
  partnershipSources,
  partnerships,
  placeNames,
  places,
  sources,
} from '../../src/db/schema.ts';
import { announceCommitted } from '../../src/features/registry/registry.changes.ts';
import {
  bumpRegistryRevision,
  findPartnerPlaceIds,
  recountPartners,
} from '../../src/features/registry/registry.service.ts';

type PlaceInsert = typeof places.$inferInsert;
type PartnershipInsert = typeof partnerships.$inferInsert;

let sequence = 0;

/** Inserts a place with sensible defaults, its display name as an English name, and any extra names. */
export async function makePlace(
  db: Db,
  overrides: Partial<PlaceInsert> & {
    names?: { name: string; lang: string; kind?: 'official' | 'alias' }[];
  } = {},
) {
  sequence += 1;
  const { names = [], ...values } = overrides;
  const [place] = await db
    .insert(places)
    .values({ name: `Place ${sequence}`, country: 'FI', lat: 60, lng: 25, ...values })
    .returning();
  await db
    .insert(placeNames)
    .values([{ name: place!.name, lang: 'en' }, ...names].map((name) => ({ ...name, placeId: place!.id })))
    .onConflictDoNothing();
  return place!;
}

export async function makeSource(db: Db, key = 'test-source') {
  const [row] = await db
    .insert(sources)
    .values({ key, name: `Source ${key}`, licence: 'CC0-1.0', attribution: 'Test data' })
    .onConflictDoUpdate({ target: sources.key, set: { name: `Source ${key}` } })
    .returning();
  return row!;
}

/** Inserts a tie between the given places, reported by one source row, and keeps partner counts right. */
export async function makePartnership(
  db: Db,
  placeIds: number[],
  overrides: Partial<Omit<PartnershipInsert, 'partyKey'>> = {},
) {
  const source = await makeSource(db);
  const sorted = [...placeIds].sort((a, b) => a - b);
  const { row, notice } = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnerships)
      .values({ kind: 'twin_town', ...overrides, partyKey: sorted.join('-') })
      .returning();
    await tx
      .insert(partnershipParties)
      .values(sorted.map((placeId) => ({ partnershipId: row!.id, placeId })));
    await tx.insert(partnershipSources).values({
      partnershipId: row!.id,
      sourceId: source.id,
      recordKey: `row-${row!.id}`,
      raw: { parties: sorted },
    });
    await recountPartners(tx);
    // The parties' partner counts changed: their partners' lists show them.
    const partners = await findPartnerPlaceIds(tx, sorted);
    const notice = await bumpRegistryRevision(tx, { ties: true, partnersOf: [...sorted, ...partners] });
    return { row: row!, notice };
  });
  announceCommitted(db, notice);
  return row;
}

/** Inserts an organisation; a city government when no kind is given. */
export async function makeOrganization(db: Db, overrides: Partial<typeof organizations.$inferInsert> = {}) {
  sequence += 1;
  const [row] = await db
    .insert(organizations)
    .values({ kind: 'city_government', name: `Organisation ${sequence}`, ...overrides })
    .returning();
  return row!;
}

/** Inserts places of these names and countries, one after another, and answers them in the same order. */
export async function makePlaces<const Places extends readonly (readonly [name: string, country: string])[]>(
  db: Db,
  ...places: Places
): Promise<{ -readonly [Index in keyof Places]: Awaited<ReturnType<typeof makePlace>> }> {
  const made = [];
  for (const [name, country] of places) made.push(await makePlace(db, { name, country }));
  return made as { -readonly [Index in keyof Places]: Awaited<ReturnType<typeof makePlace>> };
}
