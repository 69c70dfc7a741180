import { createHash } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { AppError } from '../../../core/errors.ts';
import type { Database, DbOrTx } from '../../../db/client.ts';
import type { Actor } from '../../auth/actor.ts';
import { authorize, policy } from '../../auth/policy.ts';
import { findOrganizationRow } from '../../organizations/organizations.service.ts';
import { announceCommitted } from '../../registry/registry.changes.ts';
import {
  analyzeRegistry,
  createImportRun,
  deleteStaleSpreadsheetImports,
  findImportMappings,
  findSpreadsheetImport,
  finishImportRun,
  insertSpreadsheetImport,
  markSpreadsheetCommitted,
  type SourceDefinition,
  saveImportMapping,
} from '../imports.repo.ts';
import { observeImport, runImport } from '../imports.service.ts';
import type { StoredSheet } from '../imports.tables.ts';
import {
  FIELDS,
  type ImportMapping,
  mappingProblems,
  REQUIRED,
  SHEET_TYPES,
  suggestMapping,
} from './spreadsheet.fields.ts';
import { countPlan, type ImportPlan, type PlanContext, planImport } from './spreadsheet.plan.ts';
import { readSpreadsheet } from './spreadsheet.read.ts';
import { writePlan } from './spreadsheet.write.ts';

/**
 * Spreadsheet imports in the workspace: an organisation's editor uploads a file, maps its columns, sees the dry
 * run, and commits. The file is read once, at upload, and kept as read; the mapping is remembered for the
 * organisation's next file. Each step checks that the actor is an editor of the organisation.
 */

const SAMPLE_ROWS = 5;

let planning: Promise<unknown> = Promise.resolve();
/**
 * Runs dry runs and commits one at a time in this process: each can look up thousands of names, and two at once
 * would only share the same database connection (PGlite's only one) more slowly.
 */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = planning.then(work, work);
  planning = run.catch(() => {});
  return run;
}
/** How long an upload that was never committed is kept for its dry run. */
export const UNCOMMITTED_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

/** Deletes the uploads that were never committed and are older than a week; answers how many. */
export function removeStaleSpreadsheets(db: DbOrTx, now: Date): Promise<number> {
  return deleteStaleSpreadsheetImports(db, new Date(now.getTime() - UNCOMMITTED_KEPT_MS));
}

export const importFields = Object.fromEntries(
  SHEET_TYPES.map((type) => [
    type,
    FIELDS[type].map((name) => ({ name, required: REQUIRED[type].includes(name) })),
  ]),
) as Record<(typeof SHEET_TYPES)[number], { name: string; required: boolean }[]>;

/** The organisation must exist and the actor must be one of its editors (or an administrator). */
export async function authorizeImporter(db: DbOrTx, actor: Actor | null, organizationId: number) {
  authorize(actor, actor !== null);
  const organization = await findOrganizationRow(db, organizationId);
  if (!organization || organization.deletedAt || organization.mergedIntoId) {
    throw new AppError('ORGANIZATION_NOT_FOUND', `No organisation ${organizationId}`);
  }
  authorize(actor, policy.write(actor, { organizationIds: [organizationId] }));
  return organization;
}

/** The source an organisation's spreadsheets are recorded under. */
function organizationSource(organization: { id: number; name: string }): SourceDefinition {
  return {
    key: `spreadsheets-organization-${organization.id}`,
    name: `Spreadsheets of ${organization.name}`,
    url: null,
    licence: `As published by ${organization.name}`,
    attribution: organization.name,
  };
}

/** The source of files imported on the command line, by the instance's operator. */
export const COMMAND_LINE_SOURCE: SourceDefinition = {
  key: 'spreadsheets-command-line',
  name: 'Spreadsheets imported by the operator',
  url: null,
  licence: 'As given by the publisher of each file',
  attribution: 'The operator of this CityBridge instance',
};

function presentUpload(
  row: NonNullable<Awaited<ReturnType<typeof findSpreadsheetImport>>>,
  remembered: ReadonlyMap<string, Record<string, string>>,
) {
  return {
    id: row.id,
    filename: row.filename,
    organizationId: row.organizationId,
    createdAt: row.createdAt.toISOString(),
    committedAt: row.committedAt?.toISOString() ?? null,
    sheets: row.sheets.map((sheet) => ({
      name: sheet.name,
      columns: sheet.columns,
      rowCount: sheet.rows.length,
      sample: sheet.rows.slice(0, SAMPLE_ROWS).map((entry) => entry.cells),
    })),
    mapping: suggestMapping(row.sheets, remembered),
    fields: importFields,
  };
}

async function rememberedMappings(db: DbOrTx, organizationId: number) {
  const rows = await findImportMappings(db, organizationId);
  return new Map(rows.map((row) => [row.sheetType, row.columns]));
}

export async function uploadSpreadsheet(
  db: DbOrTx,
  actor: Actor,
  organizationId: number,
  file: { filename: string; bytes: Buffer },
) {
  const sheets = await readSpreadsheet(file.filename, file.bytes);
  const row = await insertSpreadsheetImport(db, {
    organizationId,
    createdBy: actor.id,
    filename: file.filename.slice(0, 200) || 'spreadsheet',
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    sizeBytes: file.bytes.length,
    sheets,
  });
  return presentUpload(row, await rememberedMappings(db, organizationId));
}

/** An upload, for editors of its organisation; 404 for anyone else who is signed in, so ids reveal nothing. */
async function loadUpload(db: DbOrTx, actor: Actor | null, id: number) {
  authorize(actor, actor !== null);
  const row = await findSpreadsheetImport(db, id);
  if (!row || !policy.write(actor, { organizationIds: [row.organizationId] })) {
    throw new AppError('IMPORT_NOT_FOUND', `No import ${id}`);
  }
  return row;
}

export async function getSpreadsheetImport(db: DbOrTx, actor: Actor | null, id: number) {
  const row = await loadUpload(db, actor, id);
  return presentUpload(row, await rememberedMappings(db, row.organizationId));
}

function checkMapping(mapping: ImportMapping, sheets: readonly StoredSheet[]) {
  const problems = mappingProblems(mapping, sheets);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Invalid request: ${problems[0]!.field}`, problems);
  }
}

async function contextFor(db: DbOrTx, actor: Actor, row: { organizationId: number; sha256: string }) {
  const organization = await findOrganizationRow(db, row.organizationId);
  if (!organization) throw new AppError('IMPORT_NOT_FOUND', 'The organisation of this import is gone');
  const source = organizationSource(organization);
  const context: PlanContext = {
    actor,
    organization: { id: organization.id, placeId: organization.placeId },
    defaultSourceKey: source.key,
    fileKey: row.sha256.slice(0, 16),
  };
  return { context, source };
}

function presentPlan(plan: ImportPlan) {
  return { counts: countPlan(plan), rows: plan.rows };
}

/** What the mapped file would do, row by row; nothing is written but the organisation's remembered mapping. */
export async function dryRunImport(db: DbOrTx, actor: Actor | null, id: number, mapping: ImportMapping) {
  const row = await loadUpload(db, actor, id);
  checkMapping(mapping, row.sheets);
  const { context } = await contextFor(db, actor!, row);
  const plan = await oneAtATime(() => planImport(db, context, row.sheets, mapping));
  for (const entry of mapping.sheets) {
    if (entry.type !== 'skip') await saveImportMapping(db, row.organizationId, entry.type, entry.columns);
  }
  return presentPlan(plan);
}

/**
 * Writes the mapped file in one transaction, planned again inside it so that it writes what the registry holds at
 * that moment. Recorded as an import run with the file's checksum; committing the same file again changes nothing.
 */
export async function commitImport(db: DbOrTx, actor: Actor | null, id: number, mapping: ImportMapping) {
  const row = await loadUpload(db, actor, id);
  checkMapping(mapping, row.sheets);
  const { context, source } = await contextFor(db, actor!, row);
  // Not under the import lock (runImport), which would hold it behind a world import: observed on its own.
  const result = await observeImport(db, 'spreadsheet', () =>
    oneAtATime(() =>
      commitSheets(db, actor, context, source, {
        filename: row.filename,
        sha256: row.sha256,
        sheets: row.sheets,
        mapping,
      }),
    ),
  );
  await markSpreadsheetCommitted(db, row.id, result.runId);
  return result;
}

/** Plans and writes sheets in one transaction under an import run (the workspace's commit and the CLI's). */
export async function commitSheets(
  db: DbOrTx,
  actor: Actor | null,
  context: PlanContext,
  source: SourceDefinition,
  file: { filename: string; sha256: string; sheets: readonly StoredSheet[]; mapping: ImportMapping },
) {
  const rows = file.sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
  const runId = await createImportRun(db, 'spreadsheet', [
    { path: file.filename, sha256: file.sha256, rows },
  ]);
  try {
    const { plan, written, notice } = await db.transaction(async (tx) => {
      // One commit at a time, so two commits of one file cannot both create its ties.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('spreadsheet-import', 0))`);
      const plan = await planImport(tx, context, file.sheets, file.mapping);
      return { plan, ...(await writePlan(tx, actor, plan, source, runId)) };
    });
    announceCommitted(db, notice);
    if (written.placesCreated + written.tiesCreated > 1000) await analyzeRegistry(db);
    const counts = { ...countPlan(plan), ...written };
    await finishImportRun(db, runId, { status: 'succeeded', counts });
    return { runId, counts, rows: plan.rows };
  } catch (error) {
    await finishImportRun(db, runId, { status: 'failed', error: (error as Error).message });
    throw error;
  }
}

/**
 * The command line's import of a file: the machine's operator acts with an administrator's rights, for an
 * organisation (its place is a tie's own city, its source and remembered mapping are used) or for none. Without
 * `commit` it is a dry run.
 */
export async function importFileAsOperator(
  database: Database,
  options: {
    filename: string;
    bytes: Buffer;
    organizationId?: number;
    mapping?: ImportMapping;
    commit: boolean;
  },
) {
  const { db } = database;
  const sheets = await readSpreadsheet(options.filename, options.bytes);
  const organization = options.organizationId
    ? await findOrganizationRow(db, options.organizationId)
    : undefined;
  if (options.organizationId && (!organization || organization.deletedAt)) {
    throw new AppError('ORGANIZATION_NOT_FOUND', `No organisation ${options.organizationId}`);
  }
  const source = organization ? organizationSource(organization) : COMMAND_LINE_SOURCE;
  const remembered = organization ? await rememberedMappings(db, organization.id) : new Map();
  const mapping = options.mapping ?? suggestMapping(sheets, remembered);
  checkMapping(mapping, sheets);
  const sha256 = createHash('sha256').update(options.bytes).digest('hex');
  const context: PlanContext = {
    actor: null,
    organization: organization ? { id: organization.id, placeId: organization.placeId } : null,
    defaultSourceKey: source.key,
    fileKey: sha256.slice(0, 16),
  };
  if (!options.commit) {
    const plan = await planImport(db, context, sheets, mapping);
    return { mapping, committed: false as const, ...presentPlan(plan) };
  }
  const file = { filename: path.basename(options.filename), sha256, sheets, mapping };
  const result = await runImport(
    database,
    () => commitSheets(db, null, context, source, file),
    'spreadsheet',
  );
  return { mapping, committed: true as const, ...result };
}
