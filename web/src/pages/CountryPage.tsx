import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useNetwork, useNetworkNames } from '../api/network.ts';
import { usePartnershipList } from '../api/partnerships.ts';
import { usePlaceName } from '../api/places.ts';
import { useCountryStats } from '../api/stats.ts';
import { BarChart } from '../components/BarChart.tsx';
import { useFormat } from '../format.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** A titled table of rows ranked by their number of ties. */
function RankTable(props: {
  id: string;
  title: string;
  columns: [string, string];
  rows: { key: string | number; head: ReactNode; ties: number }[];
}) {
  const format = useFormat();
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.columns[0]}</th>
              <th scope="col">{props.columns[1]}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.head}</th>
                <td>{format.number(row.ties)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
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

  const pairRows = (pairTies.data?.items ?? []).map((tie) => {
    const own = tie.parties.find((party) => party.country === code) ?? tie.parties[0]!;
    const other = tie.parties.find((party) => party !== own && party.country === pair) ?? tie.parties[1]!;
    return { tie, own, other };
  });
  const perPlace = new Map<string, number>();
  for (const { own } of pairRows) {
    const label = placeName(own.id, own.name);
    perPlace.set(label, (perPlace.get(label) ?? 0) + 1);
  }

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
          columns={[t('partner.country'), t('country.ties')]}
          rows={partnerCountries.map((row) => ({
            key: row.country,
            ties: row.ties,
            head: (
              <Link
                to={`/countries/${code}?pair=${row.country}`}
                aria-current={row.country === pair ? 'true' : undefined}
              >
                {format.country(row.country)}
              </Link>
            ),
          }))}
        />
        <RankTable
          id="places-title"
          title={t('country.places')}
          columns={[t('country.place'), t('country.ties')]}
          rows={places.map((place) => ({
            key: place.id,
            ties: place.ties,
            head: <Link to={`/places/${place.id}`}>{placeName(place.id, place.name)}</Link>,
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
          <select
            value={pair ?? ''}
            onChange={(event) => setParams(event.target.value ? { pair: event.target.value } : {})}
          >
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
            <div className="table-scroll">
              <table>
                <caption>{t('country.pairTitle', { a: name, b: format.country(pair) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('country.place')}</th>
                    <th scope="col">{t('country.partner')}</th>
                    <th scope="col">{t('partner.kind')}</th>
                    <th scope="col">{t('partner.started')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pairRows.map(({ tie, own, other }) => (
                    <tr key={tie.id}>
                      <th scope="row">
                        <Link to={`/places/${own.id}`}>{placeName(own.id, own.name)}</Link>
                      </th>
                      <td>
                        <Link to={`/places/${other.id}`}>{placeName(other.id, other.name)}</Link>
                      </td>
                      <td>{t(`kind.${tie.kind}`)}</td>
                      <td>{tie.startedOn ? tie.startedOn.slice(0, 4) : t('partner.unknown')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </article>
  );
}
