/**
 * A refresh of the Wikidata ties from a newer extract, in two steps an administrator takes: a diff of what the
 * extract would change, kept for review, and the application of a reviewed diff, only while the registry is as it
 * was when the diff was made.
 */
import path from 'node:path';
import { AppError } from '../../../core/errors.ts';
import type { Database } from '../../../db/client.ts';
import { rootMessage } from '../../../lib/errors.ts';
import type { AuditActor } from '../../audit/audit.service.ts';
import { announceCommitted, type RegistryNotice } from '../../registry/registry.changes.ts';
import { readRegistryRevision } from '../../registry/registry.service.ts';
import { analyzeRegistry, createImportRun, ensureSources, finishImportRun } from '../imports.repo.ts';
import { runImport } from '../imports.service.ts';
import { type Gazetteer, loadGazetteer } from '../world/gazetteer.ts';
import type { ImportProgress } from '../world/world.import.ts';
import {
  readWikidataFiles,
  SourceFileError,
  type WikidataFiles,
  type WikidataInput,
} from '../world/world.reader.ts';
import { WORLD_SOURCES } from '../world/world.sources.ts';
import { applyRefreshContent } from './wikidata-refresh.apply.ts';
import { planWikidataExtract, type RefreshContent, reconcileWithRegistry } from './wikidata-refresh.diff.ts';
import { findRunOfReport, lockRegistryRevision } from './wikidata-refresh.repo.ts';
import { type ApplyResult, type RefreshDiff, refreshDiffSchema } from './wikidata-refresh.schema.ts';
import {
  listDiffIds,
  newRefreshId,
  readDiff,
  refreshPaths,
  saveRefresh,
  writeDiff,
} from './wikidata-refresh.store.ts';

/** The dataset name of a refresh's import runs. */
export const REFRESH_DATASET = 'wikidata-refresh';

export interface RefreshOptions {
  /** Where diffs and their files are kept (the configured reports folder). */
  reportsDir: string;
  /** A loaded gazetteer, to share one (tests); loaded when not given. */
  gazetteer?: Gazetteer;
  onProgress?: (progress: ImportProgress) => void;
}

/** The two files of an extract, with the names people gave them. */
export interface ExtractFiles {
  nodes: { path: string; fileName: string };
  links: { path: string; fileName: string };
}

const notFound = (id: string) => new AppError('REFRESH_NOT_FOUND', `No Wikidata refresh diff ${id}`);

const stale = (why: string) =>
  new AppError(
    'REFRESH_STALE',
    `The registry has changed since the diff was made (${why}): make a new diff from the same files and review it`,
  );

/** Reads the extract's two files, a file that is not of their shape answered as the client's mistake. */
async function readExtract(files: WikidataFiles): Promise<WikidataInput> {
  try {
    return await readWikidataFiles(files);
  } catch (error) {
    if (error instanceof SourceFileError) {
      throw new AppError('VALIDATION_FAILED', `Invalid ${error.file} file: ${error.message}`, [
        { field: error.file, message: error.message },
      ]);
    }
    throw error;
  }
}

/** The content of two diffs in one form, so that what was reviewed can be compared with what would be applied. */
const contentKey = (content: RefreshContent) =>
  JSON.stringify(
    refreshDiffSchema
      .pick({ counts: true, new: true, gone: true, changed: true, unresolved: true })
      .parse(content),
  );

/**
 * Makes the diff of a newer extract against the registry and keeps it, with copies of its files, for review.
 * A file that is not a Wikidata extract of the shipped shape, or has no rows, is refused (400) and nothing is kept.
 */
export async function createRefreshDiff(
  database: Database,
  files: ExtractFiles,
  options: RefreshOptions,
): Promise<RefreshDiff> {
  const progress = options.onProgress ?? (() => {});
  progress({ phase: 'read', done: 0, total: 1 });
  const paths = { nodes: files.nodes.path, links: files.links.path };
  const input = await readExtract(paths);
  const gazetteer = options.gazetteer ?? (await loadGazetteer());
  progress({ phase: 'read', done: 1, total: 1 });
  progress({ phase: 'reconcile', done: 0, total: 1 });
  const plan = planWikidataExtract(input, gazetteer);
  const { revision, content } = await database.db.transaction(
    async (tx) => ({
      revision: await readRegistryRevision(tx),
      content: await reconcileWithRegistry(tx, plan, input.wikidataNodes, gazetteer),
    }),
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  progress({ phase: 'reconcile', done: 1, total: 1 });
  const diff: RefreshDiff = {
    id: newRefreshId(),
    createdAt: new Date().toISOString(),
    revision,
    files: (['nodes', 'links'] as const).map((name, index) => ({
      name,
      fileName: path.basename(files[name].fileName),
      sha256: input.files[index]!.sha256,
      rows: input.files[index]!.rows,
    })),
    ...content,
    applied: null,
  };
  await saveRefresh(options.reportsDir, diff, paths);
  progress({ phase: 'finish', done: 1, total: 1 });
  return diff;
}

/** A kept diff; REFRESH_NOT_FOUND when there is none under the id. */
export async function getRefreshDiff(reportsDir: string, id: string): Promise<RefreshDiff> {
  const diff = await readDiff(reportsDir, id);
  if (!diff) throw notFound(id);
  return diff;
}

/** The kept diffs, newest first, without their lists. */
export async function listRefreshDiffs(reportsDir: string) {
  const diffs: RefreshDiff[] = [];
  for (const id of await listDiffIds(reportsDir)) {
    const diff = await readDiff(reportsDir, id);
    if (diff) diffs.push(diff);
  }
  return diffs
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map(({ id, createdAt, revision, files, counts, applied }) => ({
      id,
      createdAt,
      revision,
      files,
      counts,
      applied,
    }));
}

/**
 * Applies a reviewed diff in one transaction, recorded as an import run and audited as the actor's (the command
 * line when there is none). It is refused (409 REFRESH_STALE) when the registry has changed since the diff was
 * made, or applying would now do anything else than the diff says. A diff applied already changes nothing and
 * answers how it was applied.
 */
export async function applyRefreshDiff(
  database: Database,
  actor: AuditActor | null,
  id: string,
  options: RefreshOptions,
): Promise<ApplyResult> {
  const { db } = database;
  const progress = options.onProgress ?? (() => {});
  const diff = await getRefreshDiff(options.reportsDir, id);
  const paths = refreshPaths(options.reportsDir, id);
  const appliedBefore = async (): Promise<ApplyResult | undefined> => {
    const run = await findRunOfReport(db, REFRESH_DATASET, paths.diff);
    if (!run) return undefined;
    const applied = {
      runId: run.id,
      appliedAt: (run.finishedAt ?? new Date()).toISOString(),
      counts: run.counts,
    };
    // The run is the record of it; a diff file that missed saying so (a write that failed) is brought up to date.
    if (!diff.applied) await writeDiff(options.reportsDir, { ...diff, applied });
    return { id, alreadyApplied: true, ...applied };
  };
  const earlier = await appliedBefore();
  if (earlier) return earlier;
  if ((await readRegistryRevision(db)) !== diff.revision) throw stale('its revision moved on');

  return runImport(
    database,
    async () => {
      const again = await appliedBefore();
      if (again) return again;
      progress({ phase: 'read', done: 0, total: 1 });
      const input = await readExtract(paths);
      if (input.files.some((file, index) => file.sha256 !== diff.files[index]?.sha256)) {
        throw stale('the files kept with the diff are not the ones it was made from');
      }
      const gazetteer = options.gazetteer ?? (await loadGazetteer());
      progress({ phase: 'read', done: 1, total: 1 });
      progress({ phase: 'reconcile', done: 0, total: 1 });
      const plan = planWikidataExtract(input, gazetteer);
      progress({ phase: 'reconcile', done: 1, total: 1 });
      const runFiles = diff.files.map((file) => ({
        path: file.fileName,
        sha256: file.sha256,
        rows: file.rows,
      }));
      let outcome: { runId: number; counts: Record<string, number>; notice: RegistryNotice | undefined };
      try {
        outcome = await db.transaction(async (tx) => {
          if ((await lockRegistryRevision(tx)) !== diff.revision) throw stale('its revision moved on');
          const content = await reconcileWithRegistry(tx, plan, input.wikidataNodes, gazetteer);
          if (contentKey(content) !== contentKey(diff)) throw stale('applying would now do something else');
          const sourceIds = await ensureSources(tx, Object.values(WORLD_SOURCES));
          const runId = await createImportRun(tx, REFRESH_DATASET, runFiles);
          const nodes = new Map(input.wikidataNodes.map((row) => [row.values.id, row.values]));
          const { counts, notice } = await applyRefreshContent(
            { tx, actor, plan, nodes, sourceIds, runId, onProgress: progress },
            content,
          );
          await finishImportRun(tx, runId, { status: 'succeeded', counts, reportPath: paths.diff });
          return { runId, counts, notice };
        });
      } catch (error) {
        // A refusal changes nothing; a failure is recorded as a failed run.
        if (error instanceof AppError) throw error;
        const runId = await createImportRun(db, REFRESH_DATASET, runFiles);
        await finishImportRun(db, runId, { status: 'failed', error: rootMessage(error) });
        throw error;
      }
      announceCommitted(db, outcome.notice);
      if (outcome.notice) await analyzeRegistry(db);
      const applied = { runId: outcome.runId, appliedAt: new Date().toISOString(), counts: outcome.counts };
      await writeDiff(options.reportsDir, { ...diff, applied });
      progress({ phase: 'finish', done: 1, total: 1 });
      return { id, alreadyApplied: false, ...applied };
    },
    REFRESH_DATASET,
  );
}
