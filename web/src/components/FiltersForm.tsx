import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Filters } from '../api/network.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../api/partnerships.ts';
import { useFormat } from '../format.ts';

const DECADES = ['1940', '1950', '1960', '1970', '1980', '1990', '2000', '2010', '2020'];

/** Country, kind, status and start-decade filters; the map and the lists follow them. */
export const FiltersForm = memo(function FiltersForm({
  filters,
  countries,
  onChange,
}: {
  filters: Filters;
  countries: string[];
  onChange: (filters: Filters) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  // Sorted once per language: a choice on the map re-renders the page, and should not wait for this.
  // biome-ignore lint/correctness/useExhaustiveDependencies: format.country follows format.language
  const sortedCountries = useMemo(
    () =>
      countries
        .map((code): [string, string] => [code, format.country(code)])
        .sort(([, a], [, b]) => a.localeCompare(b, format.language)),
    [countries, format.language],
  );
  const activeCount = Object.values(filters).filter(Boolean).length;
  const active = activeCount > 0;
  // Open on a wide screen, or when a filter is on; folded on a phone, where the map needs the room.
  const [open, setOpen] = useState(() => active || window.matchMedia('(min-width: 721px)').matches);
  const choices: { key: keyof Filters; label: string; options: [string, string][] }[] = [
    {
      key: 'country',
      label: t('filters.country'),
      options: sortedCountries,
    },
    {
      key: 'kind',
      label: t('filters.kind'),
      options: PARTNERSHIP_KINDS.map((kind) => [kind, t(`kind.${kind}`)]),
    },
    {
      key: 'status',
      label: t('filters.status'),
      options: PARTNERSHIP_STATUSES.map((status) => [status, t(`status.${status}`)]),
    },
    {
      key: 'decade',
      label: t('filters.decade'),
      options: [
        ['unknown', t('filters.unknown')],
        ...DECADES.map((decade): [string, string] => [decade, t('filters.decadeValue', { decade })]),
      ],
    },
  ];
  return (
    <details className="filters" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {t('filters.title')}
        {active ? ` (${activeCount})` : ''}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{t('filters.title')}</legend>
        {choices.map(({ key, label, options }) => (
          <label key={key}>
            {label}
            <select
              value={filters[key] ?? ''}
              onChange={(event) => onChange({ ...filters, [key]: event.target.value || undefined })}
            >
              <option value="">{t('filters.any')}</option>
              {options.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </label>
        ))}
        {active && (
          <button type="button" className="clear" onClick={() => onChange({})}>
            {t('filters.clear')}
          </button>
        )}
      </fieldset>
    </details>
  );
});
