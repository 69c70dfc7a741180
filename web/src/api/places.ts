import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  PlaceDetail,
  PlaceNamesResponse,
  PlacePartnersResponse,
  PlaceSearchResponse,
} from '../../../src/contract.ts';
import { getJson } from './client.ts';

export type { PlaceSearchResult, PlaceSummary } from '../../../src/contract.ts';
export type Partner = PlacePartnersResponse['partners'][number];

export const placeKeys = {
  all: ['places'] as const,
  detail: (id: number | undefined) => ['places', 'detail', id] as const,
  partners: (id: number | undefined) => ['places', 'partners', id] as const,
  search: (text: string) => ['places', 'search', text] as const,
  names: (language: string) => ['places', 'names', language] as const,
};

/** A place's first-level region ("CN.32"), or null when the registry does not know it. */
export const fetchPlaceRegion = async (id: number): Promise<string | null> =>
  (await getJson<PlaceDetail>(`/api/places/${id}`)).region;

export const usePlace = (id: number | undefined) =>
  useQuery({
    queryKey: placeKeys.detail(id),
    queryFn: () => getJson<PlaceDetail>(`/api/places/${id}`),
    enabled: id !== undefined,
  });

/** A place and its partners, each with the tie's kind, status, start and sources. */
export const partnersQuery = (id: number | undefined) => ({
  queryKey: placeKeys.partners(id),
  queryFn: () => getJson<PlacePartnersResponse>(`/api/places/${id}/partners`),
  // Prefetched on hover and focus: a click soon after should not ask again.
  staleTime: 60_000,
});

export const usePartners = (id: number | undefined) =>
  useQuery({ ...partnersQuery(id), enabled: id !== undefined });

/** Starts loading a place's partners before it is chosen (on hover or focus), so the choice shows them at once. */
export function usePrefetchPartners(): (id: number) => void {
  const client = useQueryClient();
  return useCallback((id) => void client.prefetchQuery(partnersQuery(id)), [client]);
}

/** Places whose names match the text (typeahead): the best eight. */
export const usePlaceSearch = (text: string) =>
  useQuery({
    queryKey: placeKeys.search(text),
    queryFn: ({ signal }) => getJson<PlaceSearchResponse>('/api/places', { q: text, limit: 8 }, signal),
    enabled: text.length > 0,
    staleTime: 60_000,
  });

/**
 * Place names in the interface language where known (Esbo in Swedish), else the display name. The display names
 * are English already, so English needs no names of its own.
 */
export function usePlaceName(): (id: number, fallback: string) => string {
  const { i18n } = useTranslation();
  const { data } = useQuery({
    queryKey: placeKeys.names(i18n.language),
    queryFn: () => getJson<PlaceNamesResponse>('/api/place-names', { lang: i18n.language }),
    staleTime: Number.POSITIVE_INFINITY,
    enabled: i18n.language !== 'en',
  });
  return useCallback((id, fallback) => data?.names[String(id)] ?? fallback, [data]);
}
