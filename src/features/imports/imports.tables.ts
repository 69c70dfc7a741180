import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAtColumn, identityId, ownerRef } from '../../db/columns.ts';
import { users } from '../auth/auth.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { importRuns } from '../sources/sources.tables.ts';

/** A sheet of an uploaded spreadsheet as read: its header and its rows, each with its line in the file. */
export interface StoredSheet {
  name: string;
  columns: string[];
  rows: { line: number; cells: string[] }[];
}

/**
 * A spreadsheet an organisation uploaded to import: kept as read, so the dry run and the commit read the same
 * rows; nothing of it reaches the registry until it is committed.
 */
export const spreadsheetImports = pgTable(
  'spreadsheet_imports',
  {
    id: identityId(),
    organizationId: ownerRef('organization_id', () => organizations.id),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    filename: text('filename').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sheets: jsonb('sheets').$type<StoredSheet[]>().notNull(),
    createdAt: createdAtColumn(),
    /** The last commit, and its import run. */
    committedAt: timestamp('committed_at', { withTimezone: true }),
    importRunId: integer('import_run_id').references(() => importRuns.id, { onDelete: 'set null' }),
  },
  (t) => [index('spreadsheet_imports_organization_idx').on(t.organizationId)],
);

/** The column mapping an organisation used last for a kind of sheet, offered again for its next file. */
export const importMappings = pgTable(
  'import_mappings',
  {
    organizationId: ownerRef('organization_id', () => organizations.id),
    sheetType: text('sheet_type').notNull(),
    /** Field name → column header. */
    columns: jsonb('columns').$type<Record<string, string>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.sheetType] })],
);
