import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePlaceName } from '../api/places.ts';
import { useFormat } from '../format.ts';

type Column = 'name' | 'country' | 'kind' | 'status' | 'started' | 'age';

/** A partner as the table lists it: the API's partners are these, and so are those the network alone knows. */
export interface PartnerRow {
  partnershipId: number;
  place: { id: number; name: string; country: string };
  kind: string;
  status: string;
  /** YYYY-MM-DD, or just the year; null when unknown. */
  startedOn: string | null;
  ageYears: number | null;
  sources?: { name: string }[];
}

/**
 * A place's partners as a table whose column headers sort it; each partner links to its own page. Compact (in the
 * atlas's panel): three columns, each with a second line (country, status, age), that wrap between words rather
 * than overflow; an unknown start says "unknown".
 */
export function PartnersTable({
  partners,
  caption,
  showSources = false,
  compact = false,
  busy = false,
}: {
  partners: PartnerRow[];
  caption: string;
  showSources?: boolean;
  compact?: boolean;
  /** The list is what the network knows; the API's fuller one is on its way. */
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const [sort, setSort] = useState<{ column: Column; ascending: boolean }>({
    column: 'name',
    ascending: true,
  });

  const value = (partner: PartnerRow, column: Column): string | number => {
    switch (column) {
      case 'name':
        return placeName(partner.place.id, partner.place.name);
      case 'country':
        return format.country(partner.place.country);
      case 'kind':
        return t(`kind.${partner.kind}`);
      case 'status':
        return t(`status.${partner.status}`);
      case 'started':
        return partner.startedOn ?? '9999';
      case 'age':
        return partner.ageYears ?? -1;
    }
  };
  const sorted = [...partners].sort((a, b) => {
    const [x, y] = [value(a, sort.column), value(b, sort.column)];
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), format.language);
    return sort.ascending ? order : -order;
  });
  const columns: [Column, string][] = compact
    ? [
        ['name', t('partner.name')],
        ['kind', t('partner.kind')],
        ['started', t('partner.started')],
      ]
    : [
        ['name', t('partner.name')],
        ['country', t('partner.country')],
        ['kind', t('partner.kind')],
        ['status', t('partner.status')],
        ['started', t('partner.started')],
        ['age', t('partner.age')],
      ];
  /** A column's header: a button that sorts by it. */
  const header = (column: Column, label: string) => (
    <th
      key={column}
      scope="col"
      aria-sort={sort.column === column ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        onClick={() =>
          setSort((current) => ({
            column,
            ascending: current.column === column ? !current.ascending : true,
          }))
        }
      >
        {label}
        <span aria-hidden="true">{sort.column === column ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
  const started = (partner: PartnerRow) =>
    partner.startedOn ? partner.startedOn.slice(0, 4) : t('partner.dateUnknown');
  const age = (partner: PartnerRow) =>
    partner.ageYears !== null ? t('partner.years', { count: partner.ageYears }) : t('partner.unknown');

  if (compact) {
    return (
      <table className="partners-table compact" aria-busy={busy}>
        <caption>{caption}</caption>
        <colgroup>
          <col className="name" />
          <col className="tie" />
          <col className="started" />
        </colgroup>
        <thead>
          <tr>{columns.map(([column, label]) => header(column, label))}</tr>
        </thead>
        <tbody>
          {sorted.map((partner) => (
            <tr key={`${partner.partnershipId}-${partner.place.id}`}>
              <th scope="row">
                <Link to={`/places/${partner.place.id}`}>
                  {placeName(partner.place.id, partner.place.name)}
                </Link>
                <span className="secondary">{format.country(partner.place.country)}</span>
              </th>
              <td>
                {t(`kind.${partner.kind}`)}
                <span className="secondary">{t(`status.${partner.status}`)}</span>
              </td>
              <td>
                {partner.startedOn ? (
                  partner.startedOn.slice(0, 4)
                ) : (
                  // The column is a year wide: "unknown" in the small type of a second line fits it.
                  <span className="secondary">{t('partner.unknown')}</span>
                )}
                {partner.ageYears !== null && <span className="secondary">{age(partner)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <div className="table-scroll">
      <table className="partners-table" aria-busy={busy}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map(([column, label]) => header(column, label))}
            {showSources && <th scope="col">{t('partner.sources')}</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((partner) => (
            <tr key={`${partner.partnershipId}-${partner.place.id}`}>
              <th scope="row">
                <Link to={`/places/${partner.place.id}`}>
                  {placeName(partner.place.id, partner.place.name)}
                </Link>
              </th>
              <td>
                <Link to={`/countries/${partner.place.country}`}>
                  {format.country(partner.place.country)}
                </Link>
              </td>
              <td>
                {partner.partnershipId > 0 ? (
                  // The tie's own page says which sources report it, from whose lists, and what is known of its dates.
                  <Link to={`/partnerships/${partner.partnershipId}`}>{t(`kind.${partner.kind}`)}</Link>
                ) : (
                  t(`kind.${partner.kind}`)
                )}
              </td>
              <td>{t(`status.${partner.status}`)}</td>
              <td>{started(partner)}</td>
              <td>{age(partner)}</td>
              {showSources && (
                <td className="sources">{(partner.sources ?? []).map((source) => source.name).join('; ')}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
