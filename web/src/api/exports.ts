import { useQuery } from '@tanstack/react-query';
import { getJson } from './client.ts';

/** The filters an export takes, as the ties list takes them (GET /api/exports/{format}). */
export interface ExportFilters {
  /** ISO 3166-1 alpha-2. */
  country?: string;
  /** Only with `country`. */
  partnerCountry?: string;
  kind?: string;
  status?: string;
  /** YYYY or YYYY-MM-DD. */
  startedFrom?: string;
  /** YYYY or YYYY-MM-DD. */
  startedTo?: string;
}

export const EXPORT_FILTER_KEYS = [
  'country',
  'partnerCountry',
  'kind',
  'status',
  'startedFrom',
  'startedTo',
] as const satisfies readonly (keyof ExportFilters)[];

/** A file to download: its format and, for CSV, which records. */
export type ExportFile =
  | { format: 'csv'; dataset: 'ties' | 'places' }
  | { format: 'xlsx' | 'geojson' | 'jsonld' | 'datapackage' | 'popolo' };

/** The address of an export with the chosen filters; filters left empty are left out. */
export function exportHref(file: ExportFile, filters: ExportFilters): string {
  const query = new URLSearchParams();
  if (file.format === 'csv') query.set('dataset', file.dataset);
  for (const key of EXPORT_FILTER_KEYS) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  return query.size > 0 ? `/api/exports/${file.format}?${query}` : `/api/exports/${file.format}`;
}

/** A source of the data with its licence and the credit it asks for (GET /api/exports/licence). */
export interface ExportSource {
  key: string;
  name: string;
  url: string | null;
  licence: string;
  attribution: string;
}

/** The sources of the exported data and their licences. */
export const useExportLicence = () =>
  useQuery({
    queryKey: ['exports', 'licence'],
    queryFn: ({ signal }) => getJson<{ sources: ExportSource[] }>('/api/exports/licence', undefined, signal),
    staleTime: 60 * 60 * 1000,
  });
