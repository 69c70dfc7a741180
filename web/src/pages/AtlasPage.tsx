import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { edgeMatches, type Filters, tieMatches, useNetwork } from '../api/network.ts';
import { usePartners, usePlaceName } from '../api/places.ts';
import { useSettings } from '../api/settings.ts';
import { FiltersForm } from '../components/FiltersForm.tsx';
import { PartnersTable } from '../components/PartnersTable.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { useFormat } from '../format.ts';
import { AtlasMap, type MapView } from '../map/AtlasMap.tsx';

const FILTER_KEYS = ['country', 'kind', 'status', 'decade'] as const;

function readView(value: string | null): MapView | undefined {
  const [lng, lat, zoom] = (value ?? '').split(',').map(Number);
  if ([lng, lat, zoom].some((part) => part === undefined || !Number.isFinite(part))) return undefined;
  return { lng: lng!, lat: lat!, zoom: zoom! };
}

/** The world atlas: the map, search, filters and the selected place's partners, all held in the URL. */
export function AtlasPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const [params, setParams] = useSearchParams();
  const network = useNetwork();
  const settings = useSettings();

  const filters: Filters = Object.fromEntries(
    FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]).filter(([, value]) => value),
  );
  const selected = Number(params.get('place')) || undefined;
  const view = readView(params.get('view'));
  const partners = usePartners(selected);

  const update = (changes: Record<string, string | undefined>, options: { replace?: boolean } = {}) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: options.replace ?? false });
  };

  const filterKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters object is new on every render; its content is filterKey
  const shown = useMemo(() => {
    if (!network.data) return 0;
    let count = 0;
    for (let edge = 0; edge < network.data.edgeA.length; edge += 1) {
      if (edgeMatches(network.data, edge, filters)) count += 1;
    }
    return count;
  }, [network.data, filterKey]);

  const visiblePartners = (partners.data?.partners ?? []).filter((partner) =>
    tieMatches({ ...partner, countries: [partner.place.country, partners.data!.place.country] }, filters),
  );

  return (
    <div className="atlas">
      <div className="atlas-controls">
        <h1>{t('atlas.title')}</h1>
        {network.data && (
          <p>
            {t('atlas.intro', {
              ties: format.number(network.data.edgeA.length),
              places: format.number(network.data.ids.length),
            })}
          </p>
        )}
        <SearchBox onChoose={(place) => update({ place: String(place.id) })} />
        <FiltersForm
          filters={filters}
          countries={network.data?.countryCodes ?? []}
          onChange={(next) => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, next[key]])))}
        />
        <p aria-live="polite" className="shown-count">
          {network.data ? t('atlas.shown', { ties: format.number(shown) }) : t('common.loading')}
        </p>
      </div>
      <div className="atlas-stage">
        {network.data && settings.data && (
          <AtlasMap
            network={network.data}
            filters={filters}
            selectedPlaceId={selected}
            onSelect={(id) => update({ place: String(id) })}
            view={view}
            onViewChange={(next) =>
              update({ view: `${next.lng},${next.lat},${next.zoom}` }, { replace: true })
            }
            mapStyleUrl={settings.data.mapStyleUrl}
            label={t('atlas.mapLabel')}
          />
        )}
        {network.isError && <p role="alert">{t('common.error')}</p>}
      </div>
      {selected !== undefined && (
        <aside className="atlas-panel" aria-labelledby="panel-title">
          {partners.isLoading && <p>{t('common.loading')}</p>}
          {partners.isError && <p role="alert">{t('common.error')}</p>}
          {partners.data && (
            <>
              <div className="panel-header">
                <h2 id="panel-title">{placeName(partners.data.place.id, partners.data.place.name)}</h2>
                <button type="button" className="close" onClick={() => update({ place: undefined })}>
                  {t('atlas.close')}
                </button>
              </div>
              <p>
                {format.country(partners.data.place.country)} ·{' '}
                {t('panel.ties', { count: partners.data.partners.length })}
              </p>
              <p>
                <Link to={`/places/${partners.data.place.id}`}>
                  {t('panel.openPage', { name: placeName(partners.data.place.id, partners.data.place.name) })}
                </Link>
              </p>
              {visiblePartners.length > 0 ? (
                <PartnersTable partners={visiblePartners} caption={t('panel.partners')} />
              ) : (
                <p>{t('panel.noPartners')}</p>
              )}
            </>
          )}
        </aside>
      )}
    </div>
  );
}
