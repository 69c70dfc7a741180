/**
 * Spreadsheet imports: a city's CSV or XLSX file of ties or places, uploaded for an organisation, its columns mapped
 * to the registry's fields, checked row by row (a dry run, which writes nothing) and then written.
 */
import { useQuery } from '@tanstack/react-query';
import { getJson } from './client.ts';
import { sendJson, type UploadProgress, uploadFileWithProgress, useWrite } from './writes.ts';

/** What a sheet of the file can hold. */
export type ImportSheetType = 'ties' | 'places' | 'people' | 'sources';

/** What a sheet of the file holds: ties, places, the sources the rows cite, or nothing to import. */
export type SheetType = ImportSheetType | 'skip';

/** A field of the registry a column can fill. */
export interface FieldSpec {
  name: string;
  required: boolean;
}

/** Which column of a sheet fills which field (a field left out is not in the file). */
export interface SheetMapping {
  sheet: string;
  type: SheetType;
  columns: Record<string, string>;
}

export interface ImportMapping {
  sheets: SheetMapping[];
}

/** A sheet as read: its columns (the header row), how many rows it has and its first rows. */
export interface ImportSheet {
  name: string;
  columns: string[];
  rowCount: number;
  sample: string[][];
}

/**
 * An uploaded file, as the upload and a read of it answer: its sheets, the mapping the server suggests (the
 * organisation's last one where it fits, else from the headers), and whether and when it was imported.
 */
export interface ImportRecord {
  id: number;
  filename: string;
  organizationId: number;
  createdAt: string;
  committedAt: string | null;
  sheets: ImportSheet[];
  mapping: ImportMapping;
  /** The fields of each type of sheet the server takes, in the order it lists them. */
  fields: Partial<Record<ImportSheetType, FieldSpec[]>>;
}

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
  refused: number;
  placesExisting: number;
  placesSimilar: number;
  placesNew: number;
}

export type RowOutcome = 'create' | 'update' | 'unchanged' | 'refused';
export type PlaceMatchKind = 'existing' | 'similar' | 'new' | 'none' | 'ambiguous';

/** How a tie's place was found: the text in the file, and the place it was taken to be. */
export interface PlaceMatch {
  field: 'placeA' | 'placeB';
  input: string;
  match: PlaceMatchKind;
  placeId: number | null;
  name: string | null;
  country: string | null;
}

/** Why a row is refused: a code to say in the user's language, the field concerned, and the server's own words. */
export interface RowReason {
  code: string;
  field: string | null;
  message: string;
}

/** One row of the file and what writing it would do. */
export interface ImportRow {
  sheet: string;
  line: number;
  type: 'tie' | 'place' | 'source' | 'person';
  outcome: RowOutcome;
  label: string;
  recordId: number | null;
  reasons: RowReason[];
  /** The fields an update changes. */
  changes: string[];
  places: PlaceMatch[];
}

export interface DryRun {
  counts: ImportCounts;
  rows: ImportRow[];
}

/** What the commit wrote: the dry run's counts (made again as it wrote), and the records written by kind. */
export interface CommitResult {
  counts: ImportCounts & {
    placesCreated: number;
    placesUpdated: number;
    tiesCreated: number;
    tiesUpdated: number;
    peopleCreated: number;
    sourcesCreated: number;
    sourceRecordsAdded: number;
  };
  rows: ImportRow[];
  runId: number;
}

export const importKeys = {
  all: ['imports'] as const,
  record: (id: number) => ['imports', id] as const,
};

/** An uploaded file, its sheets and the mapping last used (or suggested); whether and when it was written. */
export const useImport = (id: number | undefined) =>
  useQuery({
    queryKey: importKeys.record(id ?? 0),
    queryFn: ({ signal }) => getJson<ImportRecord>(`/api/imports/${id}`, undefined, signal),
    enabled: id !== undefined,
    retry: false,
  });

/** Uploads a file for an organisation, telling `onProgress` how much has gone. */
export const useUploadImport = () =>
  useWrite(
    (upload: { organizationId: number; file: File; onProgress: (progress: UploadProgress) => void }) =>
      uploadFileWithProgress<ImportRecord>(
        `/api/imports?organizationId=${upload.organizationId}`,
        upload.file,
        upload.onProgress,
      ),
    (client, upload) => client.setQueryData<ImportRecord>(importKeys.record(upload.id), upload),
  );

/** What writing the file with this mapping would do, row by row; nothing is written. */
export const useDryRun = () =>
  useWrite(({ id, mapping }: { id: number; mapping: ImportMapping }) =>
    sendJson<DryRun>('POST', `/api/imports/${id}/dry-run`, { mapping }),
  );

/** Writes the file with this mapping. An import touches ties and places anywhere: every cached read is read again. */
export const useCommitImport = () =>
  useWrite(
    ({ id, mapping }: { id: number; mapping: ImportMapping }) =>
      sendJson<CommitResult>('POST', `/api/imports/${id}/commit`, { mapping }),
    (client) => client.invalidateQueries(),
  );
