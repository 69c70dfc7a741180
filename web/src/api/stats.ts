import { useQuery } from '@tanstack/react-query';
import type { StatsResponse } from '../../../src/contract.ts';
import { getJson } from './client.ts';

export const statsKeys = {
  country: (code: string) => ['stats', code] as const,
};

/** A country's ties, and its ties counted by partner country. */
export const useCountryStats = (code: string, enabled: boolean) =>
  useQuery({
    queryKey: statsKeys.country(code),
    queryFn: () => getJson<StatsResponse>('/api/stats', { country: code }),
    enabled,
  });
