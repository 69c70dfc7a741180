import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Partner, usePlaceName } from '../api/places.ts';
import { useFormat } from '../format.ts';

type Column = 'name' | 'country' | 'kind' | 'status' | 'started' | 'age';

/** A place's partners as a table whose column headers sort it; each partner links to its own page. */
export function PartnersTable({
  partners,
  caption,
  showSources = false,
}: {
  partners: Partner[];
  caption: string;
  showSources?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const [sort, setSort] = useState<{ column: Column; ascending: boolean }>({
    column: 'name',
    ascending: true,
  });

  const value = (partner: Partner, column: Column): string | number => {
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
  const columns: [Column, string][] = [
    ['name', t('partner.name')],
    ['country', t('partner.country')],
    ['kind', t('partner.kind')],
    ['status', t('partner.status')],
    ['started', t('partner.started')],
    ['age', t('partner.age')],
  ];

  return (
    <div className="table-scroll">
      <table className="partners-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map(([column, label]) => (
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
                  <span aria-hidden="true">
                    {sort.column === column ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </th>
            ))}
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
              <td>{t(`kind.${partner.kind}`)}</td>
              <td>{t(`status.${partner.status}`)}</td>
              <td>{partner.startedOn ? partner.startedOn.slice(0, 4) : t('partner.unknown')}</td>
              <td>
                {partner.ageYears !== null
                  ? t('partner.years', { count: partner.ageYears })
                  : t('partner.unknown')}
              </td>
              {showSources && <td>{partner.sources.map((source) => source.name).join('; ')}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
