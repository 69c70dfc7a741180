import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  EXPORT_FILTER_KEYS,
  type ExportFile,
  type ExportFilters,
  exportHref,
  useExportLicence,
} from '../api/exports.ts';
import { useNetwork } from '../api/network.ts';
import { CountryField, KindStatusFields } from '../components/FilterFields.tsx';
import { TextField } from '../ui/TextField.tsx';
import { exportFilterErrors } from './DownloadsPage.filters.ts';
import './DownloadsPage.css';

/** The files on offer, each with the key of its texts in `downloads.files`. */
const FILES: { key: string; file: ExportFile; type: string }[] = [
  { key: 'tiesCsv', file: { format: 'csv', dataset: 'ties' }, type: 'CSV' },
  { key: 'placesCsv', file: { format: 'csv', dataset: 'places' }, type: 'CSV' },
  { key: 'xlsx', file: { format: 'xlsx' }, type: 'XLSX' },
  { key: 'geojson', file: { format: 'geojson' }, type: 'GeoJSON' },
  { key: 'jsonld', file: { format: 'jsonld' }, type: 'JSON-LD' },
  { key: 'datapackage', file: { format: 'datapackage' }, type: 'ZIP' },
  { key: 'popolo', file: { format: 'popolo' }, type: 'Popolo JSON' },
];

/**
 * The open data as files: the ties list's filters, held in the address (so a filtered page can be shared), a link
 * per format with those filters, and the licence and credit of every source. Filters the API would refuse are
 * pointed out on their fields, and no link is offered until they are put right.
 */
export function DownloadsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const network = useNetwork();
  const licence = useExportLicence();
  const countries = useMemo(() => network.data?.countryCodes ?? [], [network.data]);
  const filterKey = JSON.stringify(EXPORT_FILTER_KEYS.map((key) => params.get(key)));
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey is the filters' content
  const filters: ExportFilters = useMemo(
    () =>
      Object.fromEntries(
        EXPORT_FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]).filter(([, value]) => value),
      ),
    [filterKey],
  );
  const errors = exportFilterErrors(filters);
  const valid = Object.keys(errors).length === 0;
  const errorText = (key: keyof ExportFilters) => {
    const error = errors[key];
    return error ? t(`downloads.errors.${error}`) : undefined;
  };
  const update = (changes: ExportFilters) => {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const active = EXPORT_FILTER_KEYS.some((key) => filters[key]);

  return (
    <section className="page downloads">
      <h1>{t('downloads.title')}</h1>
      <p>{t('downloads.intro')}</p>

      <form
        className="downloads-filters"
        aria-labelledby="downloads-filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <h2 id="downloads-filters">{t('downloads.filtersTitle')}</h2>
        <p className="downloads-hint">{t('downloads.filtersHint')}</p>
        <div className="downloads-fields">
          <CountryField
            label={t('filters.country')}
            countries={countries}
            value={filters.country}
            onChange={(country) => update({ country })}
          />
          <CountryField
            label={t('downloads.partnerCountry')}
            countries={countries}
            value={filters.partnerCountry}
            onChange={(partnerCountry) => update({ partnerCountry })}
            errorMessage={errorText('partnerCountry')}
          />
          <KindStatusFields filters={filters} onChange={update} />
          <TextField
            label={t('downloads.startedFrom')}
            description={t('downloads.dateHint')}
            value={filters.startedFrom ?? ''}
            onChange={(startedFrom) => update({ startedFrom: startedFrom.trim() })}
            isInvalid={!!errors.startedFrom}
            errorMessage={errorText('startedFrom')}
            inputMode="numeric"
          />
          <TextField
            label={t('downloads.startedTo')}
            description={t('downloads.dateHint')}
            value={filters.startedTo ?? ''}
            onChange={(startedTo) => update({ startedTo: startedTo.trim() })}
            isInvalid={!!errors.startedTo}
            errorMessage={errorText('startedTo')}
            inputMode="numeric"
          />
        </div>
        {active && (
          <button
            type="button"
            className="clear"
            onClick={() => update(Object.fromEntries(EXPORT_FILTER_KEYS.map((key) => [key, undefined])))}
          >
            {t('filters.clear')}
          </button>
        )}
      </form>

      <h2>{t('downloads.filesTitle')}</h2>
      {!valid && (
        <p className="downloads-invalid" role="status">
          {t('downloads.invalid')}
        </p>
      )}
      <ul className="downloads-files">
        {FILES.map(({ key, file, type }) => (
          <li key={key} className="downloads-file">
            <h3>{t(`downloads.files.${key}.title`)}</h3>
            <p>{t(`downloads.files.${key}.for`)}</p>
            {valid ? (
              <a className="downloads-link" href={exportHref(file, filters)} download>
                {t('downloads.download', { type })}
                <span className="visually-hidden">: {t(`downloads.files.${key}.title`)}</span>
              </a>
            ) : (
              <p className="downloads-unavailable">{t('downloads.unavailable')}</p>
            )}
          </li>
        ))}
      </ul>

      <h2>{t('downloads.licenceTitle')}</h2>
      <p>{t('downloads.licenceIntro')}</p>
      {licence.isError ? (
        <p role="alert">{t('downloads.licenceError')}</p>
      ) : licence.data ? (
        <ul className="downloads-sources">
          {licence.data.sources.map((source) => (
            <li key={source.key}>
              <h3>{source.url ? <a href={source.url}>{source.name}</a> : source.name}</h3>
              <dl>
                <dt>{t('downloads.licence')}</dt>
                <dd>{source.licence}</dd>
                <dt>{t('downloads.attribution')}</dt>
                <dd>{source.attribution}</dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p aria-busy="true">{t('downloads.licenceLoading')}</p>
      )}
    </section>
  );
}
