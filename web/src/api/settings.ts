import { useQuery } from '@tanstack/react-query';
import type { SettingsResponse } from '../../../src/contract.ts';
import { getJson } from './client.ts';

/** How this installation draws its base map; it does not change while the app runs. */
export const settingsQuery = {
  queryKey: ['settings'],
  queryFn: () => getJson<SettingsResponse>('/api/settings'),
  staleTime: Number.POSITIVE_INFINITY,
};

export const useSettings = () => useQuery(settingsQuery);
