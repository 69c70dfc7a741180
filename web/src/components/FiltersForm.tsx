import { lazy, memo, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Filters } from '../api/network.ts';

// The design system's pickers are out of the atlas's first view: they load once the filters are shown.
const FilterFields = lazy(async () => ({ default: (await import('./FilterFields.tsx')).FilterFields }));

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
  const activeCount = Object.values(filters).filter(Boolean).length;
  const active = activeCount > 0;
  // Open on a wide screen, or when a filter is on; folded on a phone, where the map needs the room.
  const [open, setOpen] = useState(() => active || window.matchMedia('(min-width: 721px)').matches);
  return (
    <details className="filters" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {t('filters.title')}
        {active ? ` (${activeCount})` : ''}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{t('filters.title')}</legend>
        {open && (
          <Suspense fallback={<div className="filters-pending" />}>
            <FilterFields filters={filters} countries={countries} onChange={onChange} />
          </Suspense>
        )}
        {active && (
          <button type="button" className="clear" onClick={() => onChange({})}>
            {t('filters.clear')}
          </button>
        )}
      </fieldset>
    </details>
  );
});
