import type { ExportFilters } from '../api/exports.ts';

/** What is wrong with a filter, as a key of `downloads.errors`. */
export type FilterError = 'date' | 'range' | 'partnerNeedsCountry';

/** The day a bound means: a year is its first day as a start and its last as an end; null when not a real date. */
function boundDay(value: string, bound: 'from' | 'to'): string | null {
  if (!/^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$/.test(value)) return null;
  const day = value.length === 4 ? `${value}-${bound === 'from' ? '01-01' : '12-31'}` : value;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day ? day : null;
}

/**
 * The filters the API would refuse with 400, each with what is wrong, by the API's own rules
 * (src/features/partnerships/partnerships.schema.ts): a date or a year, a start not after the end, a partner
 * country only with a country. The page says so on the fields instead of offering a link that fails.
 */
export function exportFilterErrors(
  filters: ExportFilters,
): Partial<Record<keyof ExportFilters, FilterError>> {
  const errors: Partial<Record<keyof ExportFilters, FilterError>> = {};
  const from = filters.startedFrom ? boundDay(filters.startedFrom, 'from') : undefined;
  const to = filters.startedTo ? boundDay(filters.startedTo, 'to') : undefined;
  if (from === null) errors.startedFrom = 'date';
  if (to === null) errors.startedTo = 'date';
  if (from && to && from > to) errors.startedFrom = 'range';
  if (filters.partnerCountry && !filters.country) errors.partnerCountry = 'partnerNeedsCountry';
  return errors;
}
