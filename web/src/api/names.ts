import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './client.ts';

/**
 * Place names in the interface language where known (Esbo in Swedish), else the display name. The display names
 * are English already, so English needs no names of its own.
 */
export function usePlaceName(): (id: number, fallback: string) => string {
  const { i18n } = useTranslation();
  const { data } = useQuery({
    queryKey: ['place-names', i18n.language],
    queryFn: () => api.names(i18n.language),
    staleTime: Number.POSITIVE_INFINITY,
    enabled: i18n.language !== 'en',
  });
  return useCallback((id, fallback) => data?.names[String(id)] ?? fallback, [data]);
}
