import { integer, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAtColumn, identityId } from '../../db/columns.ts';

/** A source of facts: an open data set, a gazetteer, or a file of our own. */
export const sources = pgTable('sources', {
  id: identityId(),
  /** Stable key, e.g. `wikidata-p190`. */
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  url: text('url'),
  licence: text('licence').notNull(),
  attribution: text('attribution').notNull(),
  createdAt: createdAtColumn(),
});

export const importRunStatus = pgEnum('import_run_status', ['running', 'succeeded', 'failed']);

/** One run of an importer: what it read, when, and what it changed. */
export const importRuns = pgTable('import_runs', {
  id: identityId(),
  dataset: text('dataset').notNull(),
  status: importRunStatus('status').notNull().default('running'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** The files read, each with its SHA-256 and row count. */
  files: jsonb('files').$type<ImportFile[]>().notNull().default([]),
  /** Counts of what was read, created, merged and left unresolved. */
  counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
  reportPath: text('report_path'),
  error: text('error'),
});

export interface ImportFile {
  path: string;
  sha256: string;
  rows: number;
}

/**
 * The columns every provenance table shares: which source said so, in which import run, and the source's own
 * record as it had it.
 */
export const provenanceColumns = () => ({
  sourceId: integer('source_id')
    .notNull()
    .references(() => sources.id),
  importRunId: integer('import_run_id').references(() => importRuns.id),
  raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
});
