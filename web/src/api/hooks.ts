import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { decodeNetwork } from './network.ts';

export const networkQuery = {
  queryKey: ['network'],
  queryFn: async () => decodeNetwork(await api.network()),
  staleTime: 60_000,
};
export const settingsQuery = {
  queryKey: ['settings'],
  queryFn: api.settings,
  staleTime: Number.POSITIVE_INFINITY,
};

export const useNetwork = () => useQuery(networkQuery);

export const usePlace = (id: number | undefined) =>
  useQuery({ queryKey: ['place', id], queryFn: () => api.place(id!), enabled: id !== undefined });

export const usePartners = (id: number | undefined) =>
  useQuery({ queryKey: ['partners', id], queryFn: () => api.partners(id!), enabled: id !== undefined });

export const useSettings = () => useQuery(settingsQuery);

/** Display names of the map's places by id, loaded after the map itself. */
export const useNetworkNames = (enabled = true) =>
  useQuery({
    queryKey: ['network-names'],
    queryFn: async () => {
      const { ids, names } = await api.networkNames();
      return new Map(ids.map((id, index) => [id, names[index]!]));
    },
    enabled,
    staleTime: 60_000,
  });
