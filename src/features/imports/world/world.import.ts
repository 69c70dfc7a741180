import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database, DbOrTx, Tx } from '../../../db/client.ts';
import { rootMessage } from '../../../lib/errors.ts';
import { type DuplicateRun, mergeFoundDuplicates } from '../../merges/duplicates.service.ts';
import { announceCommitted, EVERYTHING } from '../../registry/registry.changes.ts';
import { bumpRegistryRevision, recountPartners } from '../../registry/registry.service.ts';
import {
  analyzeRegistry,
  createImportRun,
  ensureSources,
  fillPlaceGaps,
  finishImportRun,
  insertInBatches,
  insertPartnershipParties,
  insertPartnershipSources,
  insertPartnerships,
  insertPlaceNames,
  insertPlaceOrigins,
  insertPlaces,
  loadPartnershipKeys,
  loadPartnershipSourceKeys,
  loadPlaceIdentities,
  loadPlaceNameKeys,
  loadPlaceOrigins,
  reserveIds,
} from '../imports.repo.ts';
import { type Gazetteer, loadGazetteer } from './gazetteer.ts';
import { wantedGeonames } from './world.names.ts';
import type { PlannedPlace, WorldPlan } from './world.plan.ts';
import { readWorldFiles, shippedWorldFiles, type WorldFiles } from './world.reader.ts';
import { finishWorldPlan, reconcileSources } from './world.reconcile.ts';
import { WORLD_SOURCES, type WorldSourceName } from './world.sources.ts';

export type ImportPhase =
  | 'read'
  | 'reconcile'
  | 'places'
  | 'names'
  | 'partnerships'
  | 'sources'
  | 'duplicates'
  | 'finish';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface WorldImportOptions {
  files?: WorldFiles;
  /** Folder for the reconciliation report; none is written without it. */
  reportsDir?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** A loaded gazetteer, to share one between imports (tests). */
  gazetteer?: Gazetteer;
}

export interface WorldImportSummary {
  runId: number;
  changed: boolean;
  reportPath: string | null;
  perSource: WorldPlan['counts'];
  counts: {
    rowsRead: number;
    places: number;
    partnerships: number;
    mergedRows: number;
    unresolved: number;
    ambiguous: number;
    corrections: number;
    placesCreated: number;
    placesUpdated: number;
    namesAdded: number;
    originsAdded: number;
    partnershipsCreated: number;
    sourceRecordsAdded: number;
    partnerCountsUpdated: number;
    /** Duplicate places merged by this import, pairs waiting for review, pairs kept apart by a decision. */
    duplicatesMerged: number;
    duplicatesPending: number;
    duplicatesKeptApart: number;
    /** Tie parties moved and duplicate ties joined by this import's merges. */
    tiesChangedByMerges: number;
  };
}

const BATCH = 1000;

/**
 * Reads the files and reconciles them: the plan, the files it was made from and their rows. The source rows and
 * the gazetteer (together about 90 MB) are let go of before the names phase, and everything but the plan before
 * anything is written.
 */
async function planWorldImport(options: WorldImportOptions, progress: (progress: ImportProgress) => void) {
  const { plan, names, files, rowsRead } = await reconcileSourceFiles(options, progress);
  // Phase 5's names are read now that the plan says which of them it can use.
  const finished = finishWorldPlan(plan, names ? await names(wantedGeonames(plan)) : undefined);
  progress({ phase: 'reconcile', done: 1, total: 1 });
  return { plan: finished, files, rowsRead };
}

/** Phases 1 to 4 of the reconciliation, and what the rest of the import needs of the files. */
async function reconcileSourceFiles(
  options: WorldImportOptions,
  progress: (progress: ImportProgress) => void,
) {
  progress({ phase: 'read', done: 0, total: 1 });
  const [input, gazetteer] = await Promise.all([
    readWorldFiles(options.files ?? shippedWorldFiles()),
    options.gazetteer ?? loadGazetteer(),
  ]);
  progress({ phase: 'read', done: 1, total: 1 });
  progress({ phase: 'reconcile', done: 0, total: 1 });
  return {
    plan: reconcileSources(input, gazetteer),
    names: input.names,
    files: input.files,
    rowsRead: input.wikidataLinks.length + input.wikipediaPairs.length + input.finnishMunicipalities.length,
  };
}

/**
 * Imports the world's twin-town ties: reads the files, reconciles them, and writes what the database lacks in one
 * transaction. Running it again with the same files changes nothing. A failure leaves the data as it was and the
 * run recorded as failed.
 */
export async function importWorld(
  database: Database,
  options: WorldImportOptions = {},
): Promise<WorldImportSummary> {
  const progress = options.onProgress ?? (() => {});
  const { plan, files, rowsRead } = await planWorldImport(options, progress);
  const { db } = database;
  const sourceIds = await ensureSources(db, Object.values(WORLD_SOURCES));
  const runId = await createImportRun(db, 'world', files);
  try {
    const { written, notice, duplicates } = await db.transaction(async (tx) => {
      const result = await writeWorldPlan(tx, plan, sourceIds, runId, progress);
      // The registry as a whole, with what this import added, is searched for duplicate places.
      progress({ phase: 'duplicates', done: 0, total: 1 });
      const duplicates = await mergeFoundDuplicates(tx, runId);
      if (duplicates.counts.merged > 0) {
        result.written.placesUpdated += await fillGapsAfterMerges(tx, plan, sourceIds);
      }
      progress({ phase: 'duplicates', done: 1, total: 1 });
      const notice =
        result.notice ??
        (duplicates.counts.merged > 0 ? await bumpRegistryRevision(tx, EVERYTHING) : undefined);
      return { ...result, notice, duplicates };
    });
    announceCommitted(db, notice);
    const changed = notice !== undefined;
    if (changed) await analyzeRegistry(db);
    const counts: WorldImportSummary['counts'] = {
      rowsRead,
      places: plan.places.length,
      partnerships: plan.ties.length,
      mergedRows: plan.mergedRows,
      unresolved: plan.unresolved.length,
      ambiguous: plan.ambiguous.length,
      corrections: plan.corrections.length,
      ...written,
      duplicatesMerged: duplicates.counts.merged,
      duplicatesPending: duplicates.counts.pending,
      duplicatesKeptApart: duplicates.counts.keptApart,
      tiesChangedByMerges: duplicates.counts.tiesChanged,
    };
    const reportPath = options.reportsDir
      ? await writeReport(options.reportsDir, runId, plan, counts, duplicates)
      : null;
    await finishImportRun(db, runId, { status: 'succeeded', counts, reportPath: reportPath ?? undefined });
    progress({ phase: 'finish', done: 1, total: 1 });
    return { runId, changed, reportPath, perSource: plan.counts, counts };
  } catch (error) {
    await finishImportRun(db, runId, { status: 'failed', error: rootMessage(error) });
    throw error;
  }
}

/** Where a plan's places are in the database. */
export interface PlaceMatches {
  /** The database id of each planned place found, by its reconciliation key. */
  placeIds: Map<string, number>;
  /** The planned places the database lacks, in plan order. */
  fresh: PlannedPlace[];
  identities: Awaited<ReturnType<typeof loadPlaceIdentities>>;
  /** Place ids by `sourceId|externalKey` of their origins. */
  byOrigin: Map<string, number>;
}

/** Finds each planned place in the database by QID, GeoNames id or any source key it was known by. */
export async function matchPlannedPlaces(
  db: DbOrTx,
  planned: readonly PlannedPlace[],
  sourceId: (name: WorldSourceName) => number | undefined,
): Promise<PlaceMatches> {
  const identities = await loadPlaceIdentities(db);
  // A place merged into another is found as the place it was merged into.
  const mergedInto = new Map(identities.map((row) => [row.id, row.mergedIntoId]));
  const live = (id: number | undefined) => {
    let current = id;
    for (let depth = 0; current !== undefined && mergedInto.get(current) && depth < 20; depth += 1) {
      current = mergedInto.get(current)!;
    }
    return current;
  };
  const byQid = new Map(identities.filter((row) => row.wikidataQid).map((row) => [row.wikidataQid!, row]));
  const byGeonames = new Map(identities.filter((row) => row.geonamesId).map((row) => [row.geonamesId!, row]));
  const byOrigin = new Map(
    (await loadPlaceOrigins(db)).map((row) => [`${row.sourceId}|${row.externalKey}`, row.placeId]),
  );
  const placeIds = new Map<string, number>();
  const fresh: PlannedPlace[] = [];
  for (const place of planned) {
    const existing = live(
      (place.wikidataQid ? byQid.get(place.wikidataQid)?.id : undefined) ??
        (place.geonamesId ? byGeonames.get(place.geonamesId)?.id : undefined) ??
        place.origins
          .map((origin) => byOrigin.get(`${sourceId(origin.source)}|${origin.externalKey}`))
          .find(Boolean),
    );
    if (existing) placeIds.set(place.key, existing);
    else fresh.push(place);
  }
  return { placeIds, fresh, identities, byOrigin };
}

/**
 * Writes what the database lacks of a plan, in the caller's transaction: places, names, origins, ties and their
 * source records, each row of the given import run. Answers what it wrote, the ids of the ties it created and,
 * when it wrote anything, the registry's new revision to announce once committed.
 */
export async function writeWorldPlan(
  tx: Tx,
  plan: WorldPlan,
  sourceIds: Map<string, number>,
  runId: number,
  progress: (progress: ImportProgress) => void = () => {},
) {
  const sourceId = (name: WorldSourceName) => sourceIds.get(WORLD_SOURCES[name].key)!;

  // Places: find each planned place in the database by QID, GeoNames id or any source key it was known by.
  const { placeIds, fresh, identities, byOrigin } = await matchPlannedPlaces(tx, plan.places, sourceId);
  const byId = new Map(identities.map((row) => [row.id, row]));
  // Parents before the districts that point at them.
  fresh.sort((a, b) => Number(a.parentKey !== null) - Number(b.parentKey !== null));
  const newIds = await reserveIds(tx, 'places', fresh.length);
  for (const [index, place] of fresh.entries()) placeIds.set(place.key, newIds[index]!);

  await insertInBatches(
    fresh.map((place) => ({
      id: placeIds.get(place.key)!,
      kind: place.kind,
      name: place.name,
      wikidataQid: place.wikidataQid,
      geonamesId: place.geonamesId,
      country: place.country,
      parentId: place.parentKey ? (placeIds.get(place.parentKey) ?? null) : null,
      lat: place.lat,
      lng: place.lng,
      population: place.population,
      admin1: place.admin1,
    })),
    BATCH,
    (batch) => insertPlaces(tx, batch),
    phaseCounter(progress, 'places', fresh.length),
  );

  const placesUpdated = await fillGaps(tx, plan.places, placeIds, byId);

  // Names and origins: add what is missing.
  const knownNames = new Set(
    (await loadPlaceNameKeys(tx)).map((row) => `${row.placeId}|${row.lang}|${row.name}`),
  );
  const names = plan.places.flatMap((place) =>
    place.names
      .map((name) => ({
        placeId: placeIds.get(place.key)!,
        name: name.name,
        lang: name.lang,
        kind: name.kind,
        sourceId: sourceId(name.source),
      }))
      .filter((row) => !knownNames.has(`${row.placeId}|${row.lang}|${row.name}`)),
  );
  const origins = plan.places.flatMap((place) =>
    place.origins
      .map((origin) => ({
        placeId: placeIds.get(place.key)!,
        sourceId: sourceId(origin.source),
        importRunId: runId,
        externalKey: origin.externalKey,
        raw: origin.raw,
      }))
      .filter((row) => !byOrigin.has(`${row.sourceId}|${row.externalKey}`)),
  );
  const onNames = phaseCounter(progress, 'names', names.length + origins.length);
  await insertInBatches(names, BATCH * 2, (batch) => insertPlaceNames(tx, batch), onNames);
  await insertInBatches(origins, BATCH, (batch) => insertPlaceOrigins(tx, batch), onNames);

  // Ties: one per kind and set of parties.
  const partnershipIds = new Map(
    (await loadPartnershipKeys(tx))
      .filter((row) => row.kind === 'twin_town')
      .map((row) => [row.partyKey, row.id]),
  );
  // Two planned places can be one place in the database (a user merged them): such ties merge too, and a tie
  // whose ends became one place is left out.
  const tieKeys = plan.ties
    .map((tie) => {
      const ids = [...new Set(tie.placeKeys.map((key) => placeIds.get(key)!))].sort((a, b) => a - b);
      return { tie, ids, partyKey: ids.join('-') };
    })
    .filter(({ ids }) => ids.length >= 2);
  const newTies: typeof tieKeys = [];
  const planned = new Set<string>();
  for (const entry of tieKeys) {
    if (partnershipIds.has(entry.partyKey) || planned.has(entry.partyKey)) continue;
    planned.add(entry.partyKey);
    newTies.push(entry);
  }
  const tieIds = await reserveIds(tx, 'partnerships', newTies.length);
  for (const [index, { partyKey }] of newTies.entries()) partnershipIds.set(partyKey, tieIds[index]!);
  await insertInBatches(
    newTies,
    BATCH,
    async (batch) => {
      await insertPartnerships(
        tx,
        batch.map(({ partyKey }) => ({
          id: partnershipIds.get(partyKey)!,
          kind: 'twin_town' as const,
          partyKey,
        })),
      );
      await insertPartnershipParties(
        tx,
        batch.flatMap(({ partyKey, ids }) =>
          ids.map((placeId) => ({ partnershipId: partnershipIds.get(partyKey)!, placeId })),
        ),
      );
    },
    phaseCounter(progress, 'partnerships', newTies.length),
  );

  const knownRecords = new Set(
    (await loadPartnershipSourceKeys(tx)).map((row) => `${row.sourceId}|${row.recordKey}`),
  );
  const records = tieKeys.flatMap(({ tie, partyKey }) =>
    tie.records
      .map((record) => ({
        partnershipId: partnershipIds.get(partyKey)!,
        sourceId: sourceId(record.source),
        importRunId: runId,
        recordKey: record.recordKey,
        raw: record.raw,
      }))
      .filter((row) => !knownRecords.has(`${row.sourceId}|${row.recordKey}`)),
  );
  await insertInBatches(
    records,
    BATCH * 2,
    (batch) => insertPartnershipSources(tx, batch),
    phaseCounter(progress, 'sources', records.length),
  );

  const partnerCountsUpdated = await recountPartners(tx);
  const written = {
    placesCreated: fresh.length,
    placesUpdated,
    namesAdded: names.length,
    originsAdded: origins.length,
    partnershipsCreated: newTies.length,
    sourceRecordsAdded: records.length,
    partnerCountsUpdated,
  };
  const changed = Object.values(written).some((value) => value > 0);
  const notice = changed ? await bumpRegistryRevision(tx, EVERYTHING) : undefined;
  const createdTieIds = newTies.map(({ partyKey }) => partnershipIds.get(partyKey)!);
  return { written, notice, createdTieIds };
}

/**
 * Fills what the database's places lack (coordinates, population, region, the city of a district) from the plan;
 * answers how many places it filled.
 */
async function fillGaps(
  tx: Tx,
  planned: readonly PlannedPlace[],
  placeIds: ReadonlyMap<string, number>,
  byId: ReadonlyMap<number, PlaceMatches['identities'][number]>,
): Promise<number> {
  let placesUpdated = 0;
  for (const place of planned) {
    const row = byId.get(placeIds.get(place.key)!);
    if (!row) continue;
    const gaps: Parameters<typeof fillPlaceGaps>[2] = {};
    if (row.lat === null && place.lat !== null) Object.assign(gaps, { lat: place.lat, lng: place.lng });
    if (row.population === null && place.population !== null) gaps.population = place.population;
    if (row.admin1 === null && place.admin1 !== null) gaps.admin1 = place.admin1;
    const parentId = place.parentKey ? placeIds.get(place.parentKey) : undefined;
    if (row.parentId === null && parentId && parentId !== row.id) gaps.parentId = parentId;
    if (Object.keys(gaps).length > 0) {
      await fillPlaceGaps(tx, row.id, gaps);
      Object.assign(row, gaps);
      placesUpdated += 1;
    }
  }
  return placesUpdated;
}

/**
 * After duplicates were merged: the places that stayed take what they lack from the plan's places merged into
 * them, so that the next import finds nothing to fill.
 */
async function fillGapsAfterMerges(tx: Tx, plan: WorldPlan, sourceIds: Map<string, number>): Promise<number> {
  const sourceId = (name: WorldSourceName) => sourceIds.get(WORLD_SOURCES[name].key)!;
  const { placeIds, identities } = await matchPlannedPlaces(tx, plan.places, sourceId);
  return fillGaps(tx, plan.places, placeIds, new Map(identities.map((row) => [row.id, row])));
}

/** Announces a phase and answers a callback that advances it by each written batch. */
function phaseCounter(
  progress: (progress: ImportProgress) => void,
  phase: ImportPhase,
  total: number,
): (count: number) => void {
  let done = 0;
  progress({ phase, done, total });
  return (count) => {
    done += count;
    progress({ phase, done, total });
  };
}

async function writeReport(
  reportsDir: string,
  runId: number,
  plan: WorldPlan,
  counts: WorldImportSummary['counts'],
  duplicates: DuplicateRun,
): Promise<string> {
  await mkdir(reportsDir, { recursive: true });
  const file = path.join(reportsDir, `world-import-${runId}.json`);
  const report = {
    runId,
    createdAt: new Date().toISOString(),
    counts,
    perSource: plan.counts,
    unresolved: plan.unresolved,
    ambiguous: plan.ambiguous,
    corrections: plan.corrections,
    duplicates: { merged: duplicates.merged, pending: duplicates.pending },
  };
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
