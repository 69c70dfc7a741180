import { useQuery } from '@tanstack/react-query';
import type { NetworkNamesResponse } from '../../../src/contract.ts';
import { takeEarlyNetwork } from '../map/early.ts';
import { fetchNetwork } from '../map/network-data.ts';
import { getJson } from './client.ts';

export {
  decodeNetwork,
  edgeMatches,
  type Filters,
  type Network,
  type NetworkTie,
  networkTies,
  tieMatches,
} from '../map/network-data.ts';

export const networkKeys = {
  all: ['network'] as const,
  names: () => ['network', 'names'] as const,
};

/** The world network, decoded once for the map, lists and filters; the first time, as the first picture had it. */
export const networkQuery = {
  queryKey: networkKeys.all,
  queryFn: async () => {
    const early = takeEarlyNetwork();
    if (early) {
      const network = await early.catch(() => undefined);
      if (network) return network;
    }
    return fetchNetwork();
  },
  staleTime: 60_000,
};

export const useNetwork = () => useQuery(networkQuery);

/** Display names of the map's places by id, loaded after the map itself. */
export const useNetworkNames = (enabled = true) =>
  useQuery({
    queryKey: networkKeys.names(),
    queryFn: async () => {
      const { ids, names } = await getJson<NetworkNamesResponse>('/api/network/names');
      return new Map(ids.map((id, index) => [id, names[index]!]));
    },
    enabled,
    staleTime: 60_000,
  });
