/**
 * Duplicate places: the finder's certain pairs merged (during an import, with the merge's history and undo), its
 * possible pairs kept for an administrator to merge or mark "not the same", and every decision remembered.
 */
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import { announceCommitted, EVERYTHING } from '../registry/registry.changes.ts';
import { bumpRegistryRevision } from '../registry/registry.service.ts';
import { type DuplicatePair, findDuplicatePlaces, pairKey } from './duplicates.find.ts';
import {
  countDuplicates,
  type DuplicateStatus,
  decideDuplicate,
  listDuplicates,
  loadDuplicateCandidates,
  loadDuplicateStatuses,
  loadTiedPairs,
  lockDuplicate,
  upsertDuplicate,
} from './duplicates.repo.ts';
import { mergeInTransaction } from './merges.service.ts';

export interface DuplicateReportEntry {
  from: { id: number; name: string; country: string };
  into: { id: number; name: string; country: string };
  confidence: DuplicatePair['confidence'];
  reasons: string[];
  distanceKm: number | null;
}

export interface DuplicateRun {
  counts: {
    /** Certain pairs merged by this run. */
    merged: number;
    /** Pairs waiting for review after this run (new and earlier). */
    pending: number;
    /** Pairs found that were decided "not the same" before, left apart. */
    keptApart: number;
    /** Tie parties moved and duplicate ties joined by this run's merges. */
    tiesChanged: number;
  };
  merged: DuplicateReportEntry[];
  pending: DuplicateReportEntry[];
}

/**
 * Runs the finder over the whole registry in the caller's transaction: certain pairs are merged (no user, the
 * import run's history), possible pairs wait for review. Pairs decided before are left as decided. The caller
 * bumps the registry's revision when anything was merged.
 */
export async function mergeFoundDuplicates(tx: DbOrTx, importRunId: number | null): Promise<DuplicateRun> {
  const places = await loadDuplicateCandidates(tx);
  const byId = new Map(places.map((place) => [place.id, place]));
  const statuses = await loadDuplicateStatuses(tx);
  const decided = new Set([...statuses].filter(([, row]) => row.status !== 'pending').map(([key]) => key));
  const excluded = new Set([...(await loadTiedPairs(tx)), ...decided]);
  const pairs = findDuplicatePlaces(places, { excluded });
  const entry = (pair: DuplicatePair): DuplicateReportEntry => {
    const from = byId.get(pair.fromId)!;
    const into = byId.get(pair.intoId)!;
    return {
      from: { id: from.id, name: from.name, country: from.country },
      into: { id: into.id, name: into.name, country: into.country },
      confidence: pair.confidence,
      reasons: pair.reasons,
      distanceKm: pair.distanceKm,
    };
  };
  const run: DuplicateRun = {
    counts: { merged: 0, pending: 0, keptApart: 0, tiesChanged: 0 },
    merged: [],
    pending: [],
  };
  for (const pair of pairs) {
    if (pair.confidence === 'certain') {
      const merge = await mergeInTransaction(tx, null, 'place', pair.fromId, pair.intoId);
      await upsertDuplicate(tx, pair, { status: 'merged', mergeId: merge.id, importRunId });
      run.counts.merged += 1;
      run.counts.tiesChanged += merge.moved.parties.length + merge.moved.duplicateTies.length;
      run.merged.push(entry(pair));
    } else {
      await upsertDuplicate(tx, pair, { status: 'pending', importRunId });
      run.pending.push(entry(pair));
    }
  }
  const found = findDuplicatePlaces(places);
  run.counts.keptApart = found.filter((pair) => decided.has(pairKey(pair.fromId, pair.intoId))).length;
  run.counts.pending = (await countDuplicates(tx)).pending;
  return run;
}

/** Runs the finder outside an import, for administrators: merges what is certain, queues what is not. */
export async function scanDuplicates(db: DbOrTx, actor: Actor | null) {
  authorize(actor, policy.administer(actor));
  const { run, notice } = await db.transaction(async (tx) => {
    const run = await mergeFoundDuplicates(tx, null);
    const notice = run.counts.merged > 0 ? await bumpRegistryRevision(tx, EVERYTHING) : undefined;
    return { run, notice };
  });
  announceCommitted(db, notice);
  return run;
}

/** The pairs of one status, for administrators. */
export async function listPlaceDuplicates(
  db: DbOrTx,
  actor: Actor | null,
  query: { status: DuplicateStatus; limit: number; offset: number },
) {
  authorize(actor, policy.administer(actor));
  const rows = await listDuplicates(db, query.status, query.limit, query.offset);
  return { total: Number(rows[0]?.total ?? 0), items: rows.map(({ total: _total, ...row }) => row) };
}

/** Locks a pending pair whose places are both live, or refuses. */
async function lockPending(tx: DbOrTx, id: number) {
  const pair = await lockDuplicate(tx, id);
  if (!pair) throw new AppError('NOT_FOUND', `No duplicate pair ${id}`);
  if (pair.status !== 'pending') throw new AppError('CONFLICT', `The pair is ${pair.status} already`);
  return pair;
}

/** Merges a waiting pair: `intoId`, one of the two, stays. */
export async function mergeDuplicate(db: DbOrTx, actor: Actor | null, id: number, intoId: number) {
  authorize(actor, policy.administer(actor));
  const { row, notice } = await db.transaction(async (tx) => {
    const pair = await lockPending(tx, id);
    if (intoId !== pair.lowId && intoId !== pair.highId) {
      throw new AppError('VALIDATION_FAILED', 'Invalid request: body.intoId', [
        { field: 'body.intoId', message: 'must be one of the pair' },
      ]);
    }
    const fromId = intoId === pair.lowId ? pair.highId : pair.lowId;
    const merge = await mergeInTransaction(tx, actor, 'place', fromId, intoId);
    const row = await decideDuplicate(tx, id, { status: 'merged', mergeId: merge.id, decidedBy: actor.id });
    const notice = await bumpRegistryRevision(tx, EVERYTHING);
    return { row, notice };
  });
  announceCommitted(db, notice);
  return row;
}

/** Marks a waiting pair "not the same": no import or run of the finder pairs them again. */
export async function markDuplicateDistinct(db: DbOrTx, actor: Actor | null, id: number) {
  authorize(actor, policy.administer(actor));
  const { row, notice } = await db.transaction(async (tx) => {
    const pair = await lockPending(tx, id);
    const row = await decideDuplicate(tx, id, { status: 'distinct', decidedBy: actor.id });
    for (const [placeId, otherId] of [
      [pair.lowId, pair.highId],
      [pair.highId, pair.lowId],
    ] as const) {
      await recordAudit(tx, actor, {
        action: 'not_duplicate',
        entityType: 'place',
        entityId: placeId,
        after: { duplicateId: id, otherId },
      });
    }
    // The statistics count the decisions.
    const notice = await bumpRegistryRevision(tx, { places: true });
    return { row, notice };
  });
  announceCommitted(db, notice);
  return row;
}

/** Figures of the registry's duplicates, for the statistics. */
export function duplicateFigures(db: DbOrTx) {
  return countDuplicates(db);
}
