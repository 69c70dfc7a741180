import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNetwork } from '../api/network.ts';
import { countryName } from '../format.ts';
import { type DataColumn, DataTable } from '../ui/DataTable.tsx';
import { Link } from '../ui/Link.tsx';
import { EmptyState } from '../ui/states.tsx';
import { type CountryTies, countCountryTies } from './countries.ts';

/** Every country with ties, with its number of ties and places, each linking to the country's page. */
export function CountriesPage() {
  const { t, i18n } = useTranslation();
  const network = useNetwork();
  const rows = useMemo(() => (network.data ? countCountryTies(network.data) : []), [network.data]);
  const columns = useMemo<DataColumn<CountryTies>[]>(
    () => [
      {
        id: 'country',
        header: t('countries.country'),
        value: (row) => countryName(row.code, i18n.language),
        cell: (row) => (
          <Link href={`/countries/${row.code}`} variant="standalone">
            {countryName(row.code, i18n.language)}
          </Link>
        ),
        required: true,
      },
      { id: 'code', header: t('countries.code'), value: (row) => row.code, hidden: true },
      { id: 'ties', header: t('countries.ties'), value: (row) => row.ties, numeric: true },
      { id: 'places', header: t('countries.places'), value: (row) => row.places, numeric: true },
    ],
    [t, i18n.language],
  );
  return (
    <section className="page">
      <h1>{t('countries.title')}</h1>
      <p>{t('countries.intro')}</p>
      <DataTable
        caption={t('countries.caption')}
        rows={rows}
        columns={columns}
        rowId={(row) => row.code}
        urlPrefix="countries"
        fileName="citybridge-countries"
        defaultSort={[{ id: 'ties', desc: true }]}
        pageSizes={[25, 50, 100, 250]}
        isLoading={network.isPending}
        error={network.isError ? t('countries.error') : undefined}
        onRetry={() => void network.refetch()}
        emptyState={<EmptyState title={t('countries.empty')} description={t('countries.emptyHint')} />}
      />
    </section>
  );
}
