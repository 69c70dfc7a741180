import { useTranslation } from 'react-i18next';
import type { Filters } from '../api/network.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../api/partnerships.ts';
import { useFormat } from '../format.ts';

const DECADES = ['1940', '1950', '1960', '1970', '1980', '1990', '2000', '2010', '2020'];

/** Country, kind, status and start-decade filters; the map and the lists follow them. */
export function FiltersForm({
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
  const sortedCountries = [...countries].sort((a, b) =>
    format.country(a).localeCompare(format.country(b), format.language),
  );
  const active = Object.values(filters).some(Boolean);
  const choices: { key: keyof Filters; label: string; options: [string, string][] }[] = [
    {
      key: 'country',
      label: t('filters.country'),
      options: sortedCountries.map((code) => [code, format.country(code)]),
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
    <fieldset className="filters">
      <legend>{t('filters.title')}</legend>
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
        <button type="button" onClick={() => onChange({})}>
          {t('filters.clear')}
        </button>
      )}
    </fieldset>
  );
}
