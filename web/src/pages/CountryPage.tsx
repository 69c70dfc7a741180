import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { useNetwork, useNetworkNames } from '../api/hooks.ts';
import { usePlaceName } from '../api/names.ts';
import { BarChart } from '../components/BarChart.tsx';
import { useFormat } from '../format.ts';

/** A country: its places with ties, its partner countries ranked, and the ties with one chosen partner country. */
export function CountryPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const code = (useParams().code ?? '').toUpperCase();
  const [params, setParams] = useSearchParams();
  const valid = /^[A-Z]{2}$/.test(code);
  const stats = useQuery({ queryKey: ['stats', code], queryFn: () => api.stats(code), enabled: valid });
  const network = useNetwork();
  const names = useNetworkNames();
  const pair = params.get('pair')?.toUpperCase();
  const pairTies = useQuery({
    queryKey: ['pair', code, pair],
    queryFn: () => api.partnerships({ country: code, partnerCountry: pair, limit: 200 }),
    enabled: valid && !!pair,
  });

  if (!valid) {
    return (
      <section>
        <h1>{t('common.notFound')}</h1>
        <p>{t('country.notFound')}</p>
        <Link to="/">{t('common.back')}</Link>
      </section>
    );
  }
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
        <section aria-labelledby="partner-countries">
          <h2 id="partner-countries">{t('country.partnerCountries')}</h2>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t('country.partnerCountries')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('partner.country')}</th>
                  <th scope="col">{t('country.ties')}</th>
                </tr>
              </thead>
              <tbody>
                {partnerCountries.map((row) => (
                  <tr key={row.country}>
                    <th scope="row">
                      <Link
                        to={`/countries/${code}?pair=${row.country}`}
                        aria-current={row.country === pair ? 'true' : undefined}
                      >
                        {format.country(row.country)}
                      </Link>
                    </th>
                    <td>{format.number(row.ties)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section aria-labelledby="places-title">
          <h2 id="places-title">{t('country.places')}</h2>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t('country.places')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('country.place')}</th>
                  <th scope="col">{t('country.ties')}</th>
                </tr>
              </thead>
              <tbody>
                {places.map((place) => (
                  <tr key={place.id}>
                    <th scope="row">
                      <Link to={`/places/${place.id}`}>{placeName(place.id, place.name)}</Link>
                    </th>
                    <td>{format.number(place.ties)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
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
