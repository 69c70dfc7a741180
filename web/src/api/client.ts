import type { NetworkResponse } from '../../../src/features/network/network.schema.ts';
import type { PartnershipResponse } from '../../../src/features/partnerships/partnerships.schema.ts';
import type {
  PlaceDetail,
  PlacePartnersResponse,
  PlaceSummary,
} from '../../../src/features/places/places.schema.ts';
import type { StatsResponse } from '../../../src/features/stats/stats.schema.ts';

export type {
  NetworkResponse,
  PartnershipResponse,
  PlaceDetail,
  PlacePartnersResponse,
  PlaceSummary,
  StatsResponse,
};

export interface SearchResult extends PlaceSummary {
  matchedName: string;
  matchedLang: string;
  score: number;
}

/** An API answer that was not 2xx, with the API's own error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(
  path: string,
  params: Record<string, string | number | undefined> = {},
  signal?: AbortSignal,
): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(key, String(value));
  const url = query.size > 0 ? `${path}?${query}` : path;
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiError(
      response.status,
      body.error?.code ?? 'HTTP_ERROR',
      body.error?.message ?? response.statusText,
    );
  }
  return (await response.json()) as T;
}

export const api = {
  search: (q: string, signal?: AbortSignal) =>
    getJson<{ query: string; results: SearchResult[] }>('/api/places', { q, limit: 8 }, signal),
  place: (id: number) => getJson<PlaceDetail>(`/api/places/${id}`),
  partners: (id: number) => getJson<PlacePartnersResponse>(`/api/places/${id}/partners`),
  network: () => getJson<NetworkResponse>('/api/network'),
  networkNames: () => getJson<{ ids: number[]; names: string[] }>('/api/network/names'),
  names: (lang: string) =>
    getJson<{ lang: string; names: Record<string, string> }>('/api/place-names', { lang }),
  stats: (country?: string) => getJson<StatsResponse>('/api/stats', { country }),
  partnerships: (params: Record<string, string | number | undefined>) =>
    getJson<{ items: PartnershipResponse[]; nextCursor: string | null }>('/api/partnerships', params),
  settings: () => getJson<{ mapStyleUrl: string | null }>('/api/settings'),
};
