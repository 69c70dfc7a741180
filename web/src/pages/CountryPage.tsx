import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useNetwork, useNetworkNames } from '../api/network.ts';
import { PARTNERSHIP_KINDS, usePartnershipList } from '../api/partnerships.ts';
import { usePlaceName } from '../api/places.ts';
import { useCountryStats } from '../api/stats.ts';
import { BarChart } from '../components/BarChart.tsx';
import { useFormat } from '../format.ts';
import type { DataColumn, DataTable as EagerDataTable } from '../ui/DataTable.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** The table's code loads with the first table shown, not with the atlas that most visits start on. */
const DataTable = lazy(async () => ({
  default: (await import('../ui/DataTable.tsx')).DataTable,
})) as unknown as typeof EagerDataTable;

interface RankRow {
  id: string;
  name: string;
  href: string;
  /** The row the page shows more of (the chosen partner country). */
  current?: boolean;
  ties: number;
}

/** A titled table of rows ranked by their number of ties, most first; each row links to its own page. */
function RankTable(props: {
  id: string;
  title: string;
  nameHeader: string;
  rows: RankRow[];
  urlPrefix: string;
  fileName: string;
  isLoading: boolean;
}) {
  const { t } = useTranslation();
  const { nameHeader } = props;
  const columns = useMemo<DataColumn<RankRow>[]>(
    () => [
      {
        id: 'name',
        header: nameHeader,
        value: (row) => row.name,
        cell: (row) => (
          <Link to={row.href} aria-current={row.current ? 'true' : undefined}>
            {row.name}
          </Link>
        ),
        required: true,
      },
      { id: 'ties', header: t('country.ties'), value: (row) => row.ties, numeric: true },
    ],
    [nameHeader, t],
  );
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <Suspense fallback={<p>{t('common.loading')}</p>}>
        <DataTable
          caption={props.title}
          rows={props.rows}
          columns={columns}
          rowId={(row) => row.id}
          urlPrefix={props.urlPrefix}
          fileName={props.fileName}
          defaultSort={RANK_SORT}
          isLoading={props.isLoading}
        />
      </Suspense>
    </section>
  );
}

const RANK_SORT = [{ id: 'ties', desc: true }];

/** A tie between a place of the country and one of the chosen partner country. */
interface PairRow {
  id: number;
  place: { id: number; name: string };
  partner: { id: number; name: string };
  kind: string;
  started: string | undefined;
}

/** The ties between the country and the chosen partner country: each side's place, the kind and the start. */
function PairTable(props: { code: string; pair: string; rows: PairRow[]; isLoading: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns = useMemo<DataColumn<PairRow>[]>(
    () => [
      {
        id: 'place',
        header: t('country.place'),
        value: (row) => row.place.name,
        cell: (row) => <Link to={`/places/${row.place.id}`}>{row.place.name}</Link>,
        filter: 'text',
        required: true,
      },
      {
        id: 'partner',
        header: t('country.partner'),
        value: (row) => row.partner.name,
        cell: (row) => <Link to={`/places/${row.partner.id}`}>{row.partner.name}</Link>,
      },
      {
        id: 'kind',
        header: t('partner.kind'),
        value: (row) => row.kind,
        filter: {
          options: PARTNERSHIP_KINDS.map((kind) => ({ value: t(`kind.${kind}`), label: t(`kind.${kind}`) })),
        },
      },
      {
        id: 'started',
        header: t('partner.started'),
        value: (row) => row.started,
        cell: (row) => row.started ?? t('partner.dateUnknown'),
      },
    ],
    [t],
  );
  return (
    <Suspense fallback={<p>{t('common.loading')}</p>}>
      <DataTable
        caption={t('country.pairTitle', { a: format.country(props.code), b: format.country(props.pair) })}
        rows={props.rows}
        columns={columns}
        rowId={(row) => String(row.id)}
        urlPrefix="ties"
        fileName={`citybridge-${props.code}-${props.pair}`}
        isLoading={props.isLoading}
      />
    </Suspense>
  );
}

/** A country: its places with ties, its partner countries ranked, and the ties with one chosen partner country. */
export function CountryPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const code = (useParams().code ?? '').toUpperCase();
  const [params, setParams] = useSearchParams();
  const valid = /^[A-Z]{2}$/.test(code);
  const stats = useCountryStats(code, valid);
  const network = useNetwork();
  const names = useNetworkNames();
  const pair = params.get('pair')?.toUpperCase();
  const pairTies = usePartnershipList({ country: code, partnerCountry: pair, limit: 200 }, valid && !!pair);

  if (!valid) return <NotFoundPage text={t('country.notFound')} />;
  const name = format.country(code);
  const partnerCountries = (stats.data?.byCountryPair ?? [])
    .map((row) => ({
      country: row.countries[0] === code ? row.countries[1] : row.countries[0],
      ties: row.partnerships,
    }))
    .sort((a, b) => b.ties - a.ties);
  const total = stats.data?.byCountry.find((row) => row.country === code)?.partnerships ?? 0;
  const map = network.data;
  const places =
    map && names.data
      ? [...map.ids.keys()]
          .filter((index) => map.countries[index] === code)
          .map((index) => ({
            id: map.ids[index]!,
            name: names.data.get(map.ids[index]!) ?? '',
            ties: map.partnerCounts[index]!,
          }))
          .sort((a, b) => b.ties - a.ties || a.name.localeCompare(b.name))
      : [];

  const pairRows: PairRow[] = (pairTies.data?.items ?? []).map((tie) => {
    const own = tie.parties.find((party) => party.country === code) ?? tie.parties[0]!;
    const other = tie.parties.find((party) => party !== own && party.country === pair) ?? tie.parties[1]!;
    return {
      id: tie.id,
      place: { id: own.id, name: placeName(own.id, own.name) },
      partner: { id: other.id, name: placeName(other.id, other.name) },
      kind: t(`kind.${tie.kind}`),
      started: tie.startedOn?.slice(0, 4),
    };
  });
  const perPlace = new Map<string, number>();
  for (const { place } of pairRows) perPlace.set(place.name, (perPlace.get(place.name) ?? 0) + 1);
  /** Another partner country: its ties are a new list, seen from their first page. */
  const choosePair = (value: string) => {
    const next = new URLSearchParams(params);
    for (const key of [...next.keys()]) if (key.startsWith('ties.')) next.delete(key);
    if (value) next.set('pair', value);
    else next.delete('pair');
    setParams(next);
  };

  return (
    <article className="country-page">
      <h1>{t('country.title', { country: name })}</h1>
      {stats.data && (
        <p className="lead">
          {t('country.summary', {
            country: name,
            ties: format.number(total),
            partners: format.number(partnerCountries.length),
          })}
        </p>
      )}
      <div className="country-grid">
        <RankTable
          id="partner-countries"
          title={t('country.partnerCountries')}
          nameHeader={t('partner.country')}
          urlPrefix="partners"
          fileName={`citybridge-${code}-partner-countries`}
          isLoading={stats.isPending}
          rows={partnerCountries.map((row) => ({
            id: row.country,
            name: format.country(row.country),
            href: `/countries/${code}?pair=${row.country}`,
            current: row.country === pair,
            ties: row.ties,
          }))}
        />
        <RankTable
          id="places-title"
          title={t('country.places')}
          nameHeader={t('country.place')}
          urlPrefix="places"
          fileName={`citybridge-${code}-places`}
          isLoading={!map || !names.data}
          rows={places.map((place) => ({
            id: String(place.id),
            name: placeName(place.id, place.name),
            href: `/places/${place.id}`,
            ties: place.ties,
          }))}
        />
      </div>
      <section aria-labelledby="pair-title" className="pair">
        <h2 id="pair-title">
          {pair
            ? t('country.pairTitle', { a: name, b: format.country(pair) })
            : t('country.partnerCountries')}
        </h2>
        <label>
          {t('country.pairChoose', { country: name })}
          <select value={pair ?? ''} onChange={(event) => choosePair(event.target.value)}>
            <option value="">—</option>
            {partnerCountries.map((row) => (
              <option key={row.country} value={row.country}>
                {format.country(row.country)}
              </option>
            ))}
          </select>
        </label>
        {pair && pairTies.data && (
          <>
            <p>{t('country.pairSummary', { count: pairRows.length })}</p>
            <BarChart
              rows={[...perPlace.entries()]
                .map(([label, value]) => ({ label, value }))
                .sort((a, b) => b.value - a.value)}
              label={t('country.pairChart', { country: name })}
            />
          </>
        )}
        {pair && <PairTable code={code} pair={pair} rows={pairRows} isLoading={pairTies.isPending} />}
      </section>
    </article>
  );
}
