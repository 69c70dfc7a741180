/**
 * Applies a reconciliation to the registry, in the caller's transaction: the records of gone links go (and a tie
 * no other source reports and nobody worked on is withdrawn, restorably), ties withdrawn by an earlier refresh
 * that the extract has again come back, the world writer adds what the extract has and the registry lacks, and
 * cities take Wikidata's new name, coordinates and country where they still had Wikidata's old ones.
 */
import type { Tx } from '../../../db/client.ts';
import { type AuditActor, recordAudit } from '../../audit/audit.service.ts';
import { partnershipRecord } from '../../partnerships/partnerships.write.service.ts';
import { EVERYTHING, type RegistryNotice } from '../../registry/registry.changes.ts';
import { bumpRegistryRevision } from '../../registry/registry.service.ts';
import { type ImportProgress, writeWorldPlan } from '../world/world.import.ts';
import type { WorldPlan } from '../world/world.plan.ts';
import type { WikidataNode } from '../world/world.reader.ts';
import { WORLD_SOURCES } from '../world/world.sources.ts';
import type { RefreshContent } from './wikidata-refresh.diff.ts';
import {
  deleteTieRecords,
  demoteSourceName,
  lockPlaceValues,
  setOfficialName,
  updateOriginRaw,
  updatePlaceValues,
} from './wikidata-refresh.repo.ts';
import type { PlaceValues } from './wikidata-refresh.schema.ts';

export interface ApplyContext {
  tx: Tx;
  actor: AuditActor | null;
  plan: WorldPlan;
  /** The extract's nodes by QID, as the file has them. */
  nodes: ReadonlyMap<string, WikidataNode>;
  sourceIds: Map<string, number>;
  runId: number;
  onProgress?: (progress: ImportProgress) => void;
}

/** Withdraws or reinstates a tie, with its audit event; answers false when it is so already. */
async function setTieDeleted(
  { tx, actor }: ApplyContext,
  id: number,
  deleted: boolean,
  action: 'withdraw' | 'reinstate',
): Promise<boolean> {
  const before = await partnershipRecord.load(tx, id, true);
  if (!before || (before.row.deletedAt !== null) === deleted) return false;
  await partnershipRecord.update(tx, id, { deletedAt: deleted ? new Date() : null });
  const after = (await partnershipRecord.load(tx, id, false))!;
  await recordAudit(tx, actor, {
    action,
    entityType: 'partnership',
    entityId: id,
    before: partnershipRecord.audited(before),
    after: partnershipRecord.audited(after),
  });
  return true;
}

/** Writes the values a place takes from Wikidata, with its audit event. */
async function updatePlace(
  context: ApplyContext,
  placeId: number,
  current: PlaceValues,
  changes: Partial<PlaceValues>,
): Promise<void> {
  const { tx, actor } = context;
  await updatePlaceValues(tx, placeId, changes);
  await recordAudit(tx, actor, {
    action: 'import',
    entityType: 'place',
    entityId: placeId,
    before: { ...current },
    after: { ...current, ...changes, source: WORLD_SOURCES.wikidata.key },
  });
}

/** Applies a reconciliation that was just made in this transaction; answers what it wrote. */
export async function applyRefreshContent(
  context: ApplyContext,
  content: RefreshContent,
): Promise<{ counts: Record<string, number>; notice: RegistryNotice | undefined }> {
  const { tx, actor, plan, sourceIds, runId } = context;
  const wikidataId = sourceIds.get(WORLD_SOURCES.wikidata.key)!;

  let recordsRemoved = 0;
  let tiesWithdrawn = 0;
  for (const entry of content.gone) {
    recordsRemoved += await deleteTieRecords(tx, entry.tieId, wikidataId, entry.records);
    if (entry.action === 'withdraw' && (await setTieDeleted(context, entry.tieId, true, 'withdraw'))) {
      tiesWithdrawn += 1;
    }
  }
  let tiesReinstated = 0;
  for (const entry of content.new) {
    if (entry.action === 'reinstate' && (await setTieDeleted(context, entry.tieId!, false, 'reinstate'))) {
      tiesReinstated += 1;
    }
  }

  // The world writer adds the extract's places, names, origins, ties and records the registry lacks, and
  // recounts the partners of every place, withdrawn and reinstated ties included.
  const { written, notice, createdTieIds } = await writeWorldPlan(
    tx,
    plan,
    sourceIds,
    runId,
    context.onProgress,
  );
  for (const id of createdTieIds) {
    const created = (await partnershipRecord.load(tx, id, false))!;
    await recordAudit(tx, actor, {
      action: 'import',
      entityType: 'partnership',
      entityId: id,
      after: { ...partnershipRecord.audited(created), source: WORLD_SOURCES.wikidata.key },
    });
  }

  let placesChanged = 0;
  let originsUpdated = 0;
  for (const entry of content.changed) {
    const node = context.nodes.get(entry.qid);
    if (node) {
      await updateOriginRaw(tx, wikidataId, entry.qid, { ...node }, runId);
      originsUpdated += 1;
    }
    if (entry.applies.length === 0) continue;
    const current = await lockPlaceValues(tx, entry.placeId);
    if (!current) continue;
    const changes: Partial<PlaceValues> = {};
    for (const field of entry.applies) {
      if (field === 'coordinates') Object.assign(changes, { lat: entry.after.lat, lng: entry.after.lng });
      else changes[field] = entry.after[field];
    }
    await updatePlace(context, entry.placeId, current, changes);
    if (changes.name !== undefined) {
      // The old name stays as an alias, so that the place is still found by it.
      await demoteSourceName(tx, entry.placeId, entry.before.name, 'en', wikidataId);
      await setOfficialName(tx, {
        placeId: entry.placeId,
        name: changes.name,
        lang: 'en',
        sourceId: wikidataId,
      });
    }
    placesChanged += 1;
  }

  const counts = {
    ...written,
    recordsRemoved,
    tiesWithdrawn,
    tiesReinstated,
    placesChanged,
    originsUpdated,
  };
  const changed = Object.values(counts).some((value) => value > 0);
  return { counts, notice: notice ?? (changed ? await bumpRegistryRevision(tx, EVERYTHING) : undefined) };
}
