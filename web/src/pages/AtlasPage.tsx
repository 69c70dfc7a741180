import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  edgeMatches,
  type Filters,
  type Network,
  networkTies,
  tieMatches,
  useNetwork,
  useNetworkNames,
} from '../api/network.ts';
import { usePartners, usePlaceName, usePrefetchPartners } from '../api/places.ts';
import { useSettings } from '../api/settings.ts';
import { FiltersForm } from '../components/FiltersForm.tsx';
import { type PartnerRow, PartnersTable } from '../components/PartnersTable.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { useFormat } from '../format.ts';
import { AtlasMap, type MapView } from '../map/AtlasMap.tsx';
import '../atlas.css';

const FILTER_KEYS = ['country', 'kind', 'status', 'decade'] as const;

function readView(value: string | null): MapView | undefined {
  const [lng, lat, zoom] = (value ?? '').split(',').map(Number);
  if ([lng, lat, zoom].some((part) => part === undefined || !Number.isFinite(part))) return undefined;
  return { lng: lng!, lat: lat!, zoom: zoom! };
}

/** A place's partners as the network knows them: what the panel shows until the API's list is in. */
function networkPartners(
  network: Network,
  placeId: number,
  filters: Filters,
  names: Map<number, string> | undefined,
): PartnerRow[] {
  const thisYear = new Date().getFullYear();
  return networkTies(network, placeId, filters).map((tie) => {
    const id = network.ids[tie.partner]!;
    return {
      partnershipId: -1 - tie.edge,
      place: { id, name: names?.get(id) ?? '…', country: network.countries[tie.partner]! },
      kind: tie.kind,
      status: tie.status,
      startedOn: tie.startYear ? String(tie.startYear) : null,
      ageYears: tie.startYear ? thisYear - tie.startYear : null,
    };
  });
}

/** The world atlas: the map, search, filters and the selected place's partners, all held in the URL. */
export function AtlasPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const [params, setParams] = useSearchParams();
  const network = useNetwork();
  const settings = useSettings();
  const prefetchPartners = usePrefetchPartners();
  /** The name of the place last chosen in the search, known before any list of names is in. */
  const [chosen, setChosen] = useState<{ id: number; name: string } | undefined>();

  const filterKey = JSON.stringify(FILTER_KEYS.map((key) => params.get(key)));
  // One object while the filters stay the same: the search and the filters' form re-render only when theirs change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey is the filters' content
  const filters: Filters = useMemo(
    () =>
      Object.fromEntries(
        FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]).filter(([, value]) => value),
      ),
    [filterKey],
  );
  /**
   * A place just chosen (or the panel just closed), shown at once: the URL, for which the whole app renders again,
   * follows after the frame that shows the panel.
   */
  const [pending, setPending] = useState<{ id: number | undefined } | undefined>();
  const inUrl = Number(params.get('place')) || undefined;
  const selected = pending ? pending.id : inUrl;
  useEffect(() => {
    if (pending && pending.id === inUrl) setPending(undefined);
  }, [pending, inUrl]);
  const view = readView(params.get('view'));
  const partners = usePartners(selected);
  const countryCodes = useMemo(() => network.data?.countryCodes ?? [], [network.data]);
  const prefetchRef = useRef(prefetchPartners);
  prefetchRef.current = prefetchPartners;
  const onActive = useCallback((place: { id: number }) => prefetchRef.current(place.id), []);
  const names = useNetworkNames(selected !== undefined && network.isSuccess);

  const update = (changes: Record<string, string | undefined>, options: { replace?: boolean } = {}) => {
    // From the URL as it is now, not as this render saw it: a choice's place and the map's view may be written
    // one after the other, before the page renders again.
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: options.replace ?? false });
  };
  const updateRef = useRef(update);
  updateRef.current = update;
  const select = useCallback((id: number | undefined) => {
    setPending({ id });
    requestAnimationFrame(() =>
      setTimeout(() => updateRef.current({ place: id === undefined ? undefined : String(id) }), 0),
    );
  }, []);
  const onChoose = useCallback(
    (place: { id: number; name: string }) => {
      setChosen({ id: place.id, name: place.name });
      select(place.id);
    },
    [select],
  );
  const onFiltersChange = useCallback(
    (next: Filters) => updateRef.current(Object.fromEntries(FILTER_KEYS.map((key) => [key, next[key]]))),
    [],
  );

  const shown = useMemo(() => {
    if (!network.data) return 0;
    let count = 0;
    for (let edge = 0; edge < network.data.edgeA.length; edge += 1) {
      if (edgeMatches(network.data, edge, filters)) count += 1;
    }
    return count;
  }, [network.data, filters]);

  // The panel paints at once from what the network knows, and takes the API's fuller list when it is in.
  const answered = partners.data && partners.data.place.id === selected ? partners.data : undefined;
  const index = selected === undefined ? undefined : network.data?.indexById.get(selected);
  const rows: PartnerRow[] | undefined = answered
    ? answered.partners.filter((partner) =>
        tieMatches({ ...partner, countries: [partner.place.country, answered.place.country] }, filters),
      )
    : network.data && index !== undefined && selected !== undefined
      ? networkPartners(network.data, selected, filters, names.data)
      : undefined;
  const fallbackName =
    answered?.place.name ??
    (selected !== undefined ? names.data?.get(selected) : undefined) ??
    (chosen?.id === selected ? chosen?.name : undefined);
  const title =
    selected !== undefined && fallbackName !== undefined ? placeName(selected, fallbackName) : undefined;
  const country =
    answered?.place.country ?? (index !== undefined ? network.data?.countries[index] : undefined);
  const tieCount =
    answered?.partners.length ?? (index !== undefined ? network.data?.partnerCounts[index] : undefined);
  const undated = rows?.filter((row) => !row.startedOn).length ?? 0;

  return (
    <div className="atlas" data-map-overlays>
      <section className="atlas-controls" data-map-overlay aria-labelledby="atlas-title">
        <h1 id="atlas-title">{t('atlas.title')}</h1>
        {network.data && (
          <p className="atlas-intro">
            {t('atlas.intro', {
              ties: format.number(network.data.edgeA.length),
              places: format.number(network.data.ids.length),
            })}
          </p>
        )}
        <SearchBox onChoose={onChoose} onActive={onActive} />
        <FiltersForm filters={filters} countries={countryCodes} onChange={onFiltersChange} />
        <p aria-live="polite" className="shown-count">
          {network.data ? t('atlas.shown', { ties: format.number(shown) }) : t('common.loading')}
        </p>
      </section>
      <div className="atlas-stage">
        {network.data && settings.data && (
          <AtlasMap
            network={network.data}
            filters={filters}
            selectedPlaceId={selected}
            onSelect={select}
            onHover={prefetchPartners}
            view={view}
            onViewChange={(next) =>
              update({ view: `${next.lng},${next.lat},${next.zoom}` }, { replace: true })
            }
            mapStyleUrl={settings.data.mapStyleUrl}
            label={t('atlas.mapLabel')}
          />
        )}
        {network.isError && (
          <p role="alert" className="atlas-map-status">
            {t('common.error')}
          </p>
        )}
      </div>
      {selected !== undefined && (
        <aside className="atlas-panel" data-map-overlay aria-labelledby="panel-title">
          {/* The panel keeps its background and the body scrolls within it: see .atlas-panel-body in atlas.css. */}
          <div className="atlas-panel-body">
            <div className="panel-header">
              <h2 id="panel-title">{title ?? t('common.loading')}</h2>
              <button type="button" className="close" onClick={() => select(undefined)}>
                {t('atlas.close')}
              </button>
            </div>
            {partners.isError && !rows && <p role="alert">{t('common.error')}</p>}
            {country !== undefined && tieCount !== undefined && (
              <p className="panel-meta">
                {format.country(country)} · {t('panel.ties', { count: tieCount })}
              </p>
            )}
            {title !== undefined && (
              <p className="panel-link">
                <Link to={`/places/${selected}`}>{t('panel.openPage', { name: title })}</Link>
              </p>
            )}
            {rows === undefined ? (
              partners.isLoading && <p>{t('common.loading')}</p>
            ) : rows.length > 0 ? (
              <>
                <PartnersTable partners={rows} caption={t('panel.partners')} compact busy={!answered} />
                {undated > 0 && <p className="panel-note">{t('partner.undatedNote', { count: undated })}</p>}
              </>
            ) : (
              <p>{t('panel.noPartners')}</p>
            )}
          </div>
        </aside>
      )}
      <p className="atlas-attribution">{t('footer.attribution')}</p>
    </div>
  );
}
