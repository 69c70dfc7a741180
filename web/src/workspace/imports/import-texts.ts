/** How the import page names fields, reasons and place matches in the user's language. */
import type { ImportRow, ImportSheetType, PlaceMatch, RowReason } from '../../api/imports.ts';
import type { WorkspaceT } from '../texts.ts';

/** The type of sheet a row comes from. */
export const SHEET_OF_ROW: Record<ImportRow['type'], ImportSheetType> = {
  tie: 'ties',
  place: 'places',
  source: 'sources',
  person: 'people',
};

/** A field's label ("Partner city"); a field this version has no text for is shown by its name. */
export const fieldLabel = (t: WorkspaceT, type: ImportSheetType, field: string): string =>
  t(`imports.fields.${type}.${field}`, { defaultValue: field });

/** The reasons said in the user's language; any other code is said in the server's words. */
const REASONS = new Set([
  'missing_value',
  'formula',
  'bad_kind',
  'bad_status',
  'bad_date',
  'bad_country',
  'bad_number',
  'place_not_found',
  'place_ambiguous',
  'same_place',
  'duplicate_row',
  'unknown_source',
  'deleted_tie',
  'bad_role',
  'bad_email',
  'bad_phone',
  'too_long',
]);

/** Who may not write a row depends on what the row is: a tie's places, or places and sources (administrators). */
const NOT_ALLOWED: Record<ImportRow['type'], string> = {
  tie: 'imports.reason.not_allowed',
  place: 'imports.reason.not_allowed_place',
  source: 'imports.reason.not_allowed_source',
  person: 'imports.reason.not_allowed_person',
};

/** Why a row is refused, with the label of the field concerned. */
export function reasonText(t: WorkspaceT, row: Pick<ImportRow, 'type'>, reason: RowReason): string {
  const field = reason.field
    ? fieldLabel(t, SHEET_OF_ROW[row.type], reason.field)
    : t('imports.dryRun.someField');
  if (reason.code === 'not_allowed') return t(NOT_ALLOWED[row.type]);
  if (REASONS.has(reason.code)) return t(`imports.reason.${reason.code}`, { field });
  return reason.field ? `${field}: ${reason.message}` : reason.message;
}

/** How a tie's place was found: "Espo → Espoo (similar name)". */
export function matchText(t: WorkspaceT, place: PlaceMatch): string {
  return t(`imports.dryRun.match.${place.match}`, { input: place.input, name: place.name ?? place.input });
}
