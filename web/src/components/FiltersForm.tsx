import { useTranslation } from 'react-i18next';
import {
  PARTNERSHIP_KINDS,
  PARTNERSHIP_STATUSES,
} from '../../../src/features/partnerships/partnerships.constants.ts';
import type { Filters } from '../api/network.ts';
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
  const set = (key: keyof Filters) => (event: React.ChangeEvent<HTMLSelectElement>) =>
    onChange({ ...filters, [key]: event.target.value || undefined });
  const active = Object.values(filters).some(Boolean);
  return (
    <fieldset className="filters">
      <legend>{t('filters.title')}</legend>
      <label>
        {t('filters.country')}
        <select value={filters.country ?? ''} onChange={set('country')}>
          <option value="">{t('filters.any')}</option>
          {sortedCountries.map((code) => (
            <option key={code} value={code}>
              {format.country(code)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.kind')}
        <select value={filters.kind ?? ''} onChange={set('kind')}>
          <option value="">{t('filters.any')}</option>
          {PARTNERSHIP_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.status')}
        <select value={filters.status ?? ''} onChange={set('status')}>
          <option value="">{t('filters.any')}</option>
          {PARTNERSHIP_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.decade')}
        <select value={filters.decade ?? ''} onChange={set('decade')}>
          <option value="">{t('filters.any')}</option>
          <option value="unknown">{t('filters.unknown')}</option>
          {DECADES.map((decade) => (
            <option key={decade} value={decade}>
              {t('filters.decadeValue', { decade })}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" onClick={() => onChange({})}>
          {t('filters.clear')}
        </button>
      )}
    </fieldset>
  );
}
