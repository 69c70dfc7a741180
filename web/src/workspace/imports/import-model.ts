/**
 * The import page's rules that need no React: the mapping as the form edits it (one entry per sheet of the file,
 * only columns the sheet has), which required fields still lack a column, and whether a check was made with the
 * mapping shown.
 */
import type {
  FieldSpec,
  ImportCounts,
  ImportMapping,
  ImportRecord,
  SheetMapping,
} from '../../api/imports.ts';

/** The fields a sheet of this type fills (none for a sheet skipped). */
export function fieldsOf(upload: Pick<ImportRecord, 'fields'>, type: SheetMapping['type']): FieldSpec[] {
  return type === 'skip' ? [] : (upload.fields[type] ?? []);
}

/** The types a sheet may be given: those the server lists fields for, in a fixed order, then skipping it. */
export function sheetTypes(upload: Pick<ImportRecord, 'fields'>): SheetMapping['type'][] {
  return [
    ...(['ties', 'places', 'people', 'sources'] as const).filter((type) => upload.fields[type]),
    'skip',
  ];
}

/**
 * The mapping to start the form from: the server's suggestion, with an entry for every sheet of the file in the
 * file's order (a sheet it did not name is skipped), and only the fields of the sheet's type mapped to columns the
 * sheet has.
 */
export function startingMapping(upload: Pick<ImportRecord, 'sheets' | 'mapping' | 'fields'>): ImportMapping {
  return {
    sheets: upload.sheets.map((sheet) => {
      const suggested = upload.mapping.sheets.find((entry) => entry.sheet === sheet.name);
      const type = suggested?.type ?? 'skip';
      const known = new Set(fieldsOf(upload, type).map((field) => field.name));
      const columns = Object.fromEntries(
        Object.entries(suggested?.columns ?? {}).filter(
          ([field, column]) => known.has(field) && sheet.columns.includes(column),
        ),
      );
      return { sheet: sheet.name, type, columns };
    }),
  };
}

/** The sheet's mapping with `field` filled from `column` (null: not in the file). */
export function withColumn(sheet: SheetMapping, field: string, column: string | null): SheetMapping {
  const columns = { ...sheet.columns };
  if (column === null) delete columns[field];
  else columns[field] = column;
  return { ...sheet, columns };
}

/**
 * The sheet as another type: its columns kept for the fields the new type shares by name, else dropped, so that
 * going from ties to places and back loses nothing but what places cannot hold.
 */
export function withType(
  upload: Pick<ImportRecord, 'fields'>,
  sheet: SheetMapping,
  type: SheetMapping['type'],
): SheetMapping {
  const known = new Set(fieldsOf(upload, type).map((field) => field.name));
  return {
    sheet: sheet.sheet,
    type,
    columns: Object.fromEntries(Object.entries(sheet.columns).filter(([field]) => known.has(field))),
  };
}

/** What keeps the mapping from being checked: required fields without a column, per sheet; or no sheet to import. */
export interface MappingProblems {
  /** Per sheet's index, the required fields that have no column. */
  missing: Map<number, string[]>;
  /** Every sheet is skipped. */
  nothingToImport: boolean;
}

export function mappingProblems(
  upload: Pick<ImportRecord, 'fields'>,
  mapping: ImportMapping,
): MappingProblems {
  const missing = new Map<number, string[]>();
  mapping.sheets.forEach((sheet, index) => {
    const lacking = fieldsOf(upload, sheet.type)
      .filter((field) => field.required && !sheet.columns[field.name])
      .map((field) => field.name);
    if (lacking.length > 0) missing.set(index, lacking);
  });
  return { missing, nothingToImport: mapping.sheets.every((sheet) => sheet.type === 'skip') };
}

export const hasProblems = (problems: MappingProblems) =>
  problems.missing.size > 0 || problems.nothingToImport;

/** The mapping as one string that does not depend on the order of its columns: two equal mappings give the same. */
export function mappingKey(mapping: ImportMapping): string {
  return JSON.stringify(
    mapping.sheets.map((sheet) => [
      sheet.sheet,
      sheet.type,
      Object.entries(sheet.columns).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ]),
  );
}

/** The rows an import writes: those it creates or updates. */
export const rowsToWrite = (counts: Pick<ImportCounts, 'create' | 'update'>) => counts.create + counts.update;
