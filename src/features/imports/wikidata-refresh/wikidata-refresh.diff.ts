/**
 * The reconciliation of a newer Wikidata extract with the registry: the extract's plan (the world import's reader,
 * Wikidata phase and ties, on the two Wikidata files alone) is matched to the database as the world writer would
 * match it, and compared record by record with what the registry holds from Wikidata. Record keys are the links'
 * own (`source⇥target`, numbered when a row repeats), so a link is the same record in any extract.
 */
import type { DbOrTx } from '../../../db/client.ts';
import type { Gazetteer } from '../world/gazetteer.ts';
import { matchPlannedPlaces } from '../world/world.import.ts';
import { PlanBuilder, type PlannedPlace, type WorldPlan } from '../world/world.plan.ts';
import type { SourceRow, WikidataInput, WikidataNode } from '../world/world.reader.ts';
import { reconcileWorld } from '../world/world.reconcile.ts';
import { WORLD_SOURCES } from '../world/world.sources.ts';
import { addWikidataCities } from '../world/world.wikidata.ts';
import {
  findLastTieActions,
  findTiePlaces,
  findTieRecords,
  findTieUserWork,
  loadOriginsWithPlaces,
  loadSourceIds,
  loadSourceRecords,
  loadTies,
} from './wikidata-refresh.repo.ts';
import {
  type ChangedPlace,
  type GoneTie,
  type NewTie,
  PLACE_FIELDS,
  type PlaceField,
  type PlaceValues,
  type RefreshCounts,
  type RefreshPlace,
  TIE_USER_WORK,
  type TieUserWork,
} from './wikidata-refresh.schema.ts';

/**
 * The audit actions of a refresh itself: a tie it created, withdrew or reinstated, a place it updated. They are not
 * people's work on a tie.
 */
export const REFRESH_ACTIONS = ['import', 'withdraw', 'reinstate'] as const;

/** What a newer extract changes in the registry, as a diff shows it and applying does it. */
export interface RefreshContent {
  counts: RefreshCounts;
  new: NewTie[];
  gone: GoneTie[];
  changed: ChangedPlace[];
  unresolved: { line: number; row: Record<string, unknown>; reason: string }[];
}

/** The plan of the extract's ties and cities, through the world import's own reconciliation. */
export function planWikidataExtract(input: WikidataInput, gazetteer: Gazetteer): WorldPlan {
  return reconcileWorld(
    { ...input, wikipediaPairs: [], wikipediaGeocoded: [], finnishMunicipalities: [] },
    gazetteer,
  );
}

const valuesOf = (place: Pick<PlannedPlace, 'name' | 'country' | 'lat' | 'lng'>): PlaceValues => ({
  name: place.name,
  country: place.country,
  lat: place.lat,
  lng: place.lng,
});

function sameField(a: PlaceValues, b: PlaceValues, field: PlaceField): boolean {
  switch (field) {
    case 'name':
      return a.name === b.name;
    case 'country':
      return a.country === b.country;
    case 'coordinates':
      return a.lat === b.lat && a.lng === b.lng;
  }
}

/** The cities of these nodes as the Wikidata phase makes them: names trimmed, coordinates parsed, borders fixed. */
function citiesOf(nodes: readonly SourceRow<WikidataNode>[], gazetteer: Gazetteer): PlanBuilder {
  const builder = new PlanBuilder({ wikidata: 0, wikipedia: 0, finnishMunicipalities: 0 });
  addWikidataCities(builder, nodes, gazetteer);
  return builder;
}

/** A source's record of a node, as the nodes file had it. */
function nodeOfRaw(raw: Record<string, unknown>): WikidataNode {
  const text = (key: keyof WikidataNode) => (typeof raw[key] === 'string' ? raw[key] : '');
  return {
    id: text('id'),
    name: text('name'),
    lng: text('lng'),
    lat: text('lat'),
    country: text('country'),
    countrycd: text('countrycd'),
    continent: text('continent'),
  };
}

/**
 * Compares the extract's plan with the registry: the ties it reports that the registry does not have from
 * Wikidata, the registry's Wikidata records it no longer has (with what applying does to their ties), and the
 * cities whose name, coordinates or country changed. Reads only, one query at a time (`db` may be a transaction).
 */
export async function reconcileWithRegistry(
  db: DbOrTx,
  plan: WorldPlan,
  nodes: readonly SourceRow<WikidataNode>[],
  gazetteer: Gazetteer,
): Promise<RefreshContent> {
  const sourceIds = await loadSourceIds(db);
  const wikidataId = sourceIds.get(WORLD_SOURCES.wikidata.key);
  const { placeIds, fresh } = await matchPlannedPlaces(db, plan.places, (name) =>
    sourceIds.get(WORLD_SOURCES[name].key),
  );
  const ties = await loadTies(db);
  const tieById = new Map(ties.map((tie) => [tie.id, tie]));
  const twinTownByKey = new Map(
    ties.filter((tie) => tie.kind === 'twin_town').map((tie) => [tie.partyKey, tie]),
  );
  const records = wikidataId === undefined ? [] : await loadSourceRecords(db, wikidataId);
  const tieOfRecord = new Map(records.map((record) => [record.recordKey, record.partnershipId]));
  const tiesFromWikidata = new Set(records.map((record) => record.partnershipId));

  // The extract's ties, matched to the registry's as the world writer matches them.
  const plannedPlace = new Map(plan.places.map((place) => [place.key, place]));
  const placeRef = (key: string): RefreshPlace => {
    const place = plannedPlace.get(key)!;
    return {
      qid: place.wikidataQid,
      name: place.name,
      country: place.country,
      placeId: placeIds.get(key) ?? null,
    };
  };
  const plannedKeys = new Set<string>();
  /** Ties of the registry that get Wikidata records of links new to it. */
  const gettingRecords = new Set<number>();
  const newByParties = new Map<string, NewTie>();
  const newTies: NewTie[] = [];
  let recordsAdded = 0;
  for (const tie of plan.ties) {
    for (const record of tie.records) plannedKeys.add(record.recordKey);
    const ids = tie.placeKeys.map((key) => placeIds.get(key));
    let existing: (typeof ties)[number] | undefined;
    let partyKey: string | undefined;
    if (ids.every((id) => id !== undefined)) {
      const unique = [...new Set(ids)].sort((a, b) => a - b);
      // Two cities that are one place in the registry (a user merged them) make no tie.
      if (unique.length < 2) continue;
      partyKey = unique.join('-');
      existing = twinTownByKey.get(partyKey);
    }
    const added = tie.records.filter((record) => !tieOfRecord.has(record.recordKey));
    recordsAdded += added.length;
    if (existing && added.length > 0) gettingRecords.add(existing.id);
    const fromWikidata =
      tie.records.some((record) => tieOfRecord.has(record.recordKey)) ||
      (existing !== undefined && tiesFromWikidata.has(existing.id));
    if (fromWikidata) continue;
    const merged = partyKey ? newByParties.get(partyKey) : undefined;
    if (merged) {
      merged.records.push(...tie.records.map((record) => record.recordKey));
      continue;
    }
    const entry: NewTie = {
      places: tie.placeKeys.map(placeRef),
      records: tie.records.map((record) => record.recordKey),
      tieId: existing?.id ?? null,
      action: !existing ? 'create' : existing.deleted ? 'keep_deleted' : 'add_source',
    };
    newTies.push(entry);
    if (partyKey) newByParties.set(partyKey, entry);
  }
  // A deleted tie comes back when it was a refresh that withdrew it; one that someone deleted stays deleted.
  const deletedIds = newTies.flatMap((entry) => (entry.action === 'keep_deleted' ? [entry.tieId!] : []));
  const lastActions = new Map(
    (await findLastTieActions(db, deletedIds)).map((row) => [row.partnershipId, row.action]),
  );
  for (const entry of newTies) {
    if (entry.action === 'keep_deleted' && lastActions.get(entry.tieId!) === 'withdraw')
      entry.action = 'reinstate';
  }

  // The registry's Wikidata records that the extract no longer has, by tie.
  const goneByTie = new Map<number, string[]>();
  for (const record of records) {
    if (plannedKeys.has(record.recordKey)) continue;
    goneByTie.set(record.partnershipId, [...(goneByTie.get(record.partnershipId) ?? []), record.recordKey]);
  }
  const goneIds = [...goneByTie.keys()].sort((a, b) => a - b);
  const parties = await findTiePlaces(db, goneIds);
  const tieRecords = await findTieRecords(db, goneIds);
  const work = await findTieUserWork(db, goneIds, REFRESH_ACTIONS);
  const gone: GoneTie[] = goneIds.map((tieId) => {
    const goneKeys = new Set(goneByTie.get(tieId));
    const remaining = tieRecords.filter(
      (row) => row.partnershipId === tieId && !(row.sourceId === wikidataId && goneKeys.has(row.recordKey)),
    );
    const otherSources = [
      ...new Set([
        ...remaining.map((row) => row.sourceKey),
        ...(gettingRecords.has(tieId) ? [WORLD_SOURCES.wikidata.key] : []),
      ]),
    ].sort();
    const userWork = TIE_USER_WORK.filter((kind: TieUserWork) =>
      work.some((row) => row.partnershipId === tieId && row.work === kind),
    );
    const deleted = tieById.get(tieId)?.deleted ?? false;
    return {
      tieId,
      deleted,
      places: parties
        .filter((row) => row.partnershipId === tieId)
        .map((row) => ({ qid: row.qid, name: row.name, country: row.country, placeId: row.placeId })),
      records: [...goneKeys],
      otherSources,
      userWork,
      action:
        deleted || otherSources.length > 0 ? 'remove_source' : userWork.length > 0 ? 'keep' : 'withdraw',
    };
  });

  // Cities of the registry whose name, coordinates or country the extract changed.
  const changed: ChangedPlace[] = [];
  if (wikidataId !== undefined) {
    const newNodes = new Map<string, SourceRow<WikidataNode>>();
    for (const row of nodes) if (!newNodes.has(row.values.id)) newNodes.set(row.values.id, row);
    const origins = (await loadOriginsWithPlaces(db, wikidataId)).filter((origin) =>
      newNodes.has(origin.externalKey),
    );
    const before = citiesOf(
      origins.map((origin, index) => ({ line: index + 2, values: nodeOfRaw(origin.raw) })),
      gazetteer,
    );
    const after = citiesOf(
      origins.map((origin) => newNodes.get(origin.externalKey)!),
      gazetteer,
    );
    for (const origin of origins) {
      const was = before.place(origin.externalKey);
      const is = after.place(origin.externalKey);
      if (!was || !is) continue;
      const [wasValues, isValues, current] = [valuesOf(was), valuesOf(is), valuesOf(origin)];
      const changes = PLACE_FIELDS.filter((field) => !sameField(wasValues, isValues, field));
      if (changes.length === 0) continue;
      changed.push({
        qid: origin.externalKey,
        placeId: origin.placeId,
        before: wasValues,
        after: isValues,
        current,
        changes,
        // Only what the place still has from Wikidata: a value someone changed is theirs.
        applies: changes.filter(
          (field) => sameField(current, wasValues, field) && !sameField(current, isValues, field),
        ),
      });
    }
  }

  const unresolved = plan.unresolved
    .filter((entry) => entry.source === 'wikidata')
    .map(({ line, row, reason }) => ({ line, row, reason }));
  return {
    counts: {
      new: newTies.length,
      gone: gone.length,
      changed: changed.length,
      unresolved: unresolved.length,
      placesCreated: fresh.length,
      recordsAdded,
      recordsRemoved: gone.reduce((sum, entry) => sum + entry.records.length, 0),
      tiesWithdrawn: gone.filter((entry) => entry.action === 'withdraw').length,
    },
    new: newTies,
    gone,
    changed,
    unresolved,
  };
}
