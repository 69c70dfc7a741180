import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useNetwork } from '../api/network.ts';
import { usePartners, usePlace, usePlaceName } from '../api/places.ts';
import { useSettings } from '../api/settings.ts';
import { BarChart } from '../components/BarChart.tsx';
import { PartnersTable } from '../components/PartnersTable.tsx';
import { useFormat } from '../format.ts';
import { AtlasMap } from '../map/AtlasMap.tsx';
import type { DataColumn, DataTable as EagerDataTable } from '../ui/DataTable.tsx';
import { DescriptionList } from '../ui/DescriptionList.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { useLanguageName } from './place-languages.ts';

/** The table's code loads with the page's first table, not with the atlas that most visits start on. */
const DataTable = lazy(async () => ({
  default: (await import('../ui/DataTable.tsx')).DataTable,
})) as unknown as typeof EagerDataTable;
/**
 * Its ties counted by kind and status, then its networks, events, articles and what its governments publish, with
 * the code of each: loaded after the page, never with the atlas.
 */
const TiesByKind = lazy(async () => ({ default: (await import('./PlacePage.sections.tsx')).TiesByKind }));
const PlaceSections = lazy(() => import('./PlacePage.sections.tsx'));
// Adding and removing names, with the dialog, the form and the writes: only for those who may.
const AddPlaceName = lazy(async () => ({ default: (await import('./PlaceNamesEditor.tsx')).AddPlaceName }));
const RemovePlaceName = lazy(async () => ({
  default: (await import('./PlaceNamesEditor.tsx')).RemovePlaceName,
}));

type PlaceNameEntry = NonNullable<ReturnType<typeof usePlace>['data']>['names'][number];

/**
 * A place: its names, identifiers, a small map, its partners, a timeline of its ties, the networks it belongs to, its
 * events, articles about it, what its governments publish, and the sources.
 */
export function PlacePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const languageName = useLanguageName();
  const id = Number(useParams().id);
  const validId = Number.isInteger(id) && id > 0 ? id : undefined;
  const place = usePlace(validId);
  const partners = usePartners(validId);
  const network = useNetwork();
  const settings = useSettings();

  const canEditNames = place.data?.canEditNames ?? false;
  const nameColumns = useMemo<DataColumn<PlaceNameEntry>[]>(() => {
    const language = (entry: PlaceNameEntry) => languageName(entry.lang);
    return [
      {
        id: 'name',
        header: t('place.names'),
        value: (entry) => entry.name,
        cell: (entry) => <span lang={entry.lang === 'und' ? undefined : entry.lang}>{entry.name}</span>,
        required: true,
      },
      {
        id: 'language',
        header: t('place.language'),
        value: (entry) =>
          entry.kind === 'alias' ? `${language(entry)} (${t('place.alias')})` : language(entry),
      },
      {
        id: 'source',
        header: t('place.nameSource'),
        value: (entry) => entry.source?.name ?? t('place.addedInWorkspace'),
        filter: 'text',
      },
      ...(canEditNames && validId !== undefined
        ? [
            {
              id: 'remove',
              header: t('place.nameActions'),
              value: () => '',
              sortable: false,
              download: false,
              cell: (entry: PlaceNameEntry) =>
                entry.source === null ? (
                  <Suspense fallback={null}>
                    <RemovePlaceName placeId={validId} name={entry} />
                  </Suspense>
                ) : null,
            },
          ]
        : []),
    ];
  }, [t, languageName, canEditNames, validId]);

  if (validId === undefined || place.isError) return <NotFoundPage text={t('place.notFound')} />;
  if (!place.data) return <p>{t('common.loading')}</p>;
  const data = place.data;
  const name = placeName(data.id, data.name);
  // The name in the main language of the place's country, beside the reader's, when it is another.
  const native = data.nativeName && data.nativeName.name !== name ? data.nativeName : null;
  const years = new Map<number, number>();
  let unknownStart = 0;
  for (const partner of partners.data?.partners ?? []) {
    if (!partner.startedOn) unknownStart += 1;
    else
      years.set(
        Number(partner.startedOn.slice(0, 4)),
        (years.get(Number(partner.startedOn.slice(0, 4))) ?? 0) + 1,
      );
  }
  const timeline = [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, value]) => ({ label: String(year), value }));

  return (
    <article className="place-page">
      <h1>
        {name}
        {native && (
          <>
            {' '}
            <span className="place-native-name" lang={native.lang}>
              {native.name}
            </span>
          </>
        )}
      </h1>
      <p className="lead">
        {t(`placeKind.${data.kind}`)} ·{' '}
        <Link to={`/countries/${data.country}`}>{format.country(data.country)}</Link> ·{' '}
        {t('panel.ties', { count: data.partnerCount })}
      </p>
      <div className="place-grid">
        <section aria-labelledby="facts">
          <h2 id="facts" className="visually-hidden">
            {t('place.identifiers')}
          </h2>
          <DescriptionList
            items={[
              {
                id: 'parent',
                label: t('place.parent'),
                value: data.parent ? (
                  <Link to={`/places/${data.parent.id}`}>{placeName(data.parent.id, data.parent.name)}</Link>
                ) : null,
              },
              {
                id: 'population',
                label: t('place.population'),
                value: data.population !== null ? format.number(data.population) : t('partner.unknown'),
              },
              {
                id: 'identifiers',
                label: t('place.identifiers'),
                value: (
                  <>
                    {data.identifiers.wikidata && (
                      <a href={`https://www.wikidata.org/wiki/${data.identifiers.wikidata}`} rel="external">
                        Wikidata {data.identifiers.wikidata}
                      </a>
                    )}{' '}
                    {data.identifiers.geonames && (
                      <a href={`https://www.geonames.org/${data.identifiers.geonames}`} rel="external">
                        GeoNames {data.identifiers.geonames}
                      </a>
                    )}
                  </>
                ),
              },
            ]}
          />
          <Suspense fallback={<p>{t('common.loading')}</p>}>
            <DataTable
              caption={t('place.names')}
              rows={data.names}
              columns={nameColumns}
              rowId={(entry) => `${entry.lang}-${entry.kind}-${entry.name}`}
              urlPrefix="names"
              fileName={`citybridge-${data.id}-names`}
            />
          </Suspense>
          {data.canEditNames && (
            <Suspense fallback={null}>
              <AddPlaceName placeId={data.id} country={data.country} names={data.names} />
            </Suspense>
          )}
        </section>
        <section aria-labelledby="map-title" className="place-map">
          <h2 id="map-title" className="visually-hidden">
            {t('place.mapTitle', { name })}
          </h2>
          {network.data && settings.data && (
            <AtlasMap
              network={network.data}
              filters={{}}
              onlyPlaceId={data.id}
              selectedPlaceId={data.id}
              mapStyleUrl={settings.data.mapStyleUrl}
              label={t('place.mapTitle', { name })}
              className="small"
            />
          )}
        </section>
      </div>
      <section aria-labelledby="partners-title">
        <h2 id="partners-title">{t('place.partnersTitle')}</h2>
        {partners.data && (
          <>
            <Suspense fallback={null}>
              <TiesByKind partners={partners.data.partners} />
            </Suspense>
            <PartnersTable partners={partners.data.partners} caption={t('place.partnersTitle')} showSources />
          </>
        )}
      </section>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('place.timeline')}</h2>
        {timeline.length > 0 ? (
          <BarChart rows={timeline} label={t('place.timeline')} />
        ) : (
          <p>{t('place.timelineEmpty')}</p>
        )}
        {unknownStart > 0 && timeline.length > 0 && <p>{t('place.unknownStart', { count: unknownStart })}</p>}
      </section>
      <Suspense fallback={<p>{t('common.loading')}</p>}>
        <PlaceSections placeId={data.id} />
      </Suspense>
      <section aria-labelledby="sources-title">
        <h2 id="sources-title">{t('place.sourcesTitle')}</h2>
        <ul>
          {data.sources.map((source) => (
            <li key={source.key}>{source.name}</li>
          ))}
        </ul>
        <p className="attribution">{t('footer.attribution')}</p>
      </section>
    </article>
  );
}
