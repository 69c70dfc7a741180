import { useMemo } from 'react';
import type { Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Filters } from '../api/network.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../api/partnerships.ts';
import { useFormat } from '../format.ts';
import { ComboBox } from '../ui/ComboBox.tsx';
import { Select, type SelectOption } from '../ui/Select.tsx';

const DECADES = ['1940', '1950', '1960', '1970', '1980', '1990', '2000', '2010', '2020'];

/** The key of the "All" option, which sets no filter. */
const ALL = '__all__';

/** The filter a chosen key sets: none for "All". */
const filterValue = (key: Key) => (key === ALL ? undefined : String(key));

/** The countries as options, "All" first, sorted by name in the interface language. */
function useCountryOptions(countries: string[]): SelectOption[] {
  const { t } = useTranslation();
  const format = useFormat();
  // Sorted once per language: a choice on the map re-renders the page, and should not wait for this.
  // biome-ignore lint/correctness/useExhaustiveDependencies: format.country follows format.language
  return useMemo(
    () => [
      { id: ALL, label: t('filters.any') },
      ...countries
        .map((code) => ({ id: code, label: format.country(code) }))
        .sort((a, b) => a.label.localeCompare(b.label, format.language)),
    ],
    [countries, format.language, t],
  );
}

/** A country filter: some 200 countries, which typing narrows, "All" first; an error shows under it. */
export function CountryField({
  label,
  countries,
  value,
  onChange,
  errorMessage,
}: {
  label: string;
  /** The countries with ties (ISO 3166-1 alpha-2 codes). */
  countries: string[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  errorMessage?: string;
}) {
  const options = useCountryOptions(countries);
  return (
    // Emptying the typed text keeps the filter (the text comes back on leaving); "All" removes it.
    <ComboBox
      label={label}
      options={options}
      selectedKey={value ?? ALL}
      isInvalid={!!errorMessage}
      errorMessage={errorMessage}
      onSelectionChange={(key) => {
        if (key !== null) onChange(filterValue(key));
      }}
    />
  );
}

/** The kind and status filters, "All" first in each. */
export function KindStatusFields({
  filters,
  onChange,
}: {
  filters: Pick<Filters, 'kind' | 'status'>;
  onChange: (changes: Pick<Filters, 'kind' | 'status'>) => void;
}) {
  const { t } = useTranslation();
  const all: SelectOption = { id: ALL, label: t('filters.any') };
  const choices = [
    {
      key: 'kind' as const,
      label: t('filters.kind'),
      options: [all, ...PARTNERSHIP_KINDS.map((kind) => ({ id: kind, label: t(`kind.${kind}`) }))],
    },
    {
      key: 'status' as const,
      label: t('filters.status'),
      options: [all, ...PARTNERSHIP_STATUSES.map((status) => ({ id: status, label: t(`status.${status}`) }))],
    },
  ];
  return choices.map(({ key, label, options }) => (
    <Select
      key={key}
      label={label}
      options={options}
      selectedKey={filters[key] ?? ALL}
      onSelectionChange={(chosen) => {
        if (chosen !== null) onChange({ [key]: filterValue(chosen) });
      }}
    />
  ));
}

/**
 * The atlas's filter fields, in the design system: the country (some 200, which typing narrows), the kind, the
 * status and the start decade, each with "All" first. They load with the design system's pickers, once the filters
 * are shown, so that the atlas's first view does not wait for them.
 */
export function FilterFields({
  filters,
  countries,
  onChange,
}: {
  filters: Filters;
  /** The countries with ties (ISO 3166-1 alpha-2 codes). */
  countries: string[];
  onChange: (filters: Filters) => void;
}) {
  const { t } = useTranslation();
  const all: SelectOption = { id: ALL, label: t('filters.any') };
  const decades: SelectOption[] = [
    all,
    { id: 'unknown', label: t('filters.unknown') },
    ...DECADES.map((decade) => ({ id: decade, label: t('filters.decadeValue', { decade }) })),
  ];
  return (
    <>
      <CountryField
        label={t('filters.country')}
        countries={countries}
        value={filters.country}
        onChange={(country) => onChange({ ...filters, country })}
      />
      <KindStatusFields filters={filters} onChange={(changes) => onChange({ ...filters, ...changes })} />
      <Select
        label={t('filters.decade')}
        options={decades}
        selectedKey={filters.decade ?? ALL}
        onSelectionChange={(chosen) => {
          if (chosen !== null) onChange({ ...filters, decade: filterValue(chosen) });
        }}
      />
    </>
  );
}
