import type { Tx } from '../../../db/client.ts';
import type { AuditEntry } from '../../audit/audit.constants.ts';
import { recordAudits } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { findGovernmentsOf } from '../../organizations/organizations.service.ts';
import { createPerson } from '../../people/people.service.ts';
import { EVERYTHING } from '../../registry/registry.changes.ts';
import { bumpRegistryRevision, recountPartners } from '../../registry/registry.service.ts';
import {
  addPartnershipSources,
  ensureSources,
  fillPlaceGaps,
  insertInBatches,
  insertPartnershipParties,
  insertPartnerships,
  insertPlaceNames,
  insertPlaceOrigins,
  insertPlaces,
  reserveIds,
  type SourceDefinition,
  updateTieTerms,
} from '../imports.repo.ts';
import type { ImportPlan, PlaceRef } from './spreadsheet.plan.ts';

const BATCH = 1000;

export interface WrittenCounts {
  placesCreated: number;
  placesUpdated: number;
  tiesCreated: number;
  tiesUpdated: number;
  peopleCreated: number;
  sourcesCreated: number;
  sourceRecordsAdded: number;
}

/**
 * Writes a plan in the caller's transaction: the sources a sheet defines, new places with their name and origin,
 * what existing places lacked, new ties (confirmed for the parties the importer speaks for), changed terms of
 * existing ties, and a provenance record of every row under its import run. Each created or changed place and tie
 * is in its history.
 */
export async function writePlan(
  tx: Tx,
  actor: Actor | null,
  plan: ImportPlan,
  defaultSource: SourceDefinition,
  runId: number,
) {
  const sourceIds = await ensureSources(tx, [defaultSource, ...plan.sources]);
  const defaultSourceId = sourceIds.get(defaultSource.key)!;
  const audits: AuditEntry[] = [];

  const placeIds = await reserveIds(tx, 'places', plan.newPlaces.length);
  const idOf = (ref: PlaceRef) => ('id' in ref ? ref.id : placeIds[ref.fresh]!);
  await insertInBatches(
    plan.newPlaces.map((place, index) => ({
      id: placeIds[index]!,
      kind: place.kind,
      name: place.name,
      country: place.country,
      lat: place.lat,
      lng: place.lng,
      population: place.population,
      wikidataQid: place.wikidataQid,
    })),
    BATCH,
    (batch) => insertPlaces(tx, batch),
  );
  await insertInBatches(
    plan.newPlaces.map((place, index) => ({
      placeId: placeIds[index]!,
      name: place.name,
      lang: 'und',
      kind: 'official' as const,
      sourceId: defaultSourceId,
    })),
    BATCH,
    (batch) => insertPlaceNames(tx, batch),
  );
  await insertInBatches(
    plan.newPlaces.map((place, index) => ({
      placeId: placeIds[index]!,
      sourceId: defaultSourceId,
      importRunId: runId,
      externalKey: place.recordKey,
      raw: place.raw,
    })),
    BATCH,
    (batch) => insertPlaceOrigins(tx, batch),
  );
  plan.newPlaces.forEach((place, index) => {
    const { recordKey: _key, raw: _raw, fromSheet: _sheet, ...fields } = place;
    audits.push({
      action: 'create',
      entityType: 'place',
      entityId: placeIds[index]!,
      after: { ...fields, importRunId: runId },
    });
  });
  for (const { id, gaps } of plan.placeGaps) {
    await fillPlaceGaps(tx, id, gaps);
    audits.push({
      action: 'update',
      entityType: 'place',
      entityId: id,
      after: { ...gaps, importRunId: runId },
    });
  }

  // New ties, their parties confirmed for the importer's own places.
  const tieIds = await reserveIds(tx, 'partnerships', plan.newTies.length);
  const ties = plan.newTies.map((tie, index) => {
    const parties = tie.parties.map(idOf).sort((a, b) => a - b);
    return { id: tieIds[index]!, tie, parties, partyKey: parties.join('-') };
  });
  const governments = await findGovernmentsOf(tx, [...new Set(ties.flatMap(({ parties }) => parties))]);
  const confirms = (placeId: number) =>
    !!actor &&
    governments.some(
      (government) => government.placeId === placeId && actor.memberships.get(government.id) === 'editor',
    );
  const now = new Date();
  await insertInBatches(ties, BATCH, async (batch) => {
    await insertPartnerships(
      tx,
      batch.map(({ id, tie, partyKey }) => ({
        id,
        kind: tie.kind,
        status: tie.status,
        startedOn: tie.startedOn,
        endedOn: tie.endedOn,
        partyKey,
        createdBy: actor?.id ?? null,
      })),
    );
    await insertPartnershipParties(
      tx,
      batch.flatMap(({ id, parties }) =>
        parties.map((placeId) => ({
          partnershipId: id,
          placeId,
          confirmedAt: confirms(placeId) ? now : null,
          confirmedBy: confirms(placeId) ? actor!.id : null,
        })),
      ),
    );
  });
  for (const { id, tie, parties } of ties) {
    const { parties: _refs, ...terms } = tie;
    audits.push({
      action: 'create',
      entityType: 'partnership',
      entityId: id,
      after: {
        ...terms,
        parties: parties.map((placeId) => ({ placeId, confirmed: confirms(placeId) })),
        importRunId: runId,
      },
    });
  }
  for (const { id, before, changes } of plan.tieUpdates) {
    await updateTieTerms(tx, id, changes);
    audits.push({
      action: 'update',
      entityType: 'partnership',
      entityId: id,
      before,
      after: { ...before, ...changes, importRunId: runId },
    });
  }

  // Contacts through the people service: its rules, rights and history.
  for (const person of plan.newPeople) {
    await createPerson(tx, actor, {
      name: person.name,
      notes: null,
      keeperId: person.keeperId,
      visibility: 'internal',
      posts: [
        {
          organizationId: person.keeperId,
          role: person.role,
          title: person.title,
          startedOn: null,
          endedOn: null,
        },
      ],
      contactPoints: [
        ...(person.email ? [{ kind: 'email' as const, value: person.email }] : []),
        ...(person.phone ? [{ kind: 'phone' as const, value: person.phone }] : []),
      ],
    });
  }

  const records = plan.records.flatMap((record) =>
    record.sourceKeys.map((key) => ({
      partnershipId: 'id' in record.tie ? record.tie.id : tieIds[record.tie.fresh]!,
      sourceId: sourceIds.get(key)!,
      importRunId: runId,
      recordKey: record.recordKey,
      raw: record.raw,
    })),
  );
  let sourceRecordsAdded = 0;
  await insertInBatches(records, BATCH, async (batch) => {
    sourceRecordsAdded += await addPartnershipSources(tx, batch);
  });
  await recordAudits(tx, actor, audits);

  // A place's count is of its public ties, which only new ties change here.
  await recountPartners(tx, [...new Set(ties.flatMap(({ parties }) => parties))]);
  const written: WrittenCounts = {
    placesCreated: plan.newPlaces.length,
    placesUpdated: plan.placeGaps.length,
    tiesCreated: ties.length,
    tiesUpdated: plan.tieUpdates.length,
    peopleCreated: plan.newPeople.length,
    sourcesCreated: plan.sources.length,
    sourceRecordsAdded,
  };
  const changed = Object.values(written).some((count) => count > 0);
  const notice = changed ? await bumpRegistryRevision(tx, EVERYTHING) : undefined;
  return { written, notice };
}
