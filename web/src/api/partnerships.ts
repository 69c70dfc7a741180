/**
 * Ties as the public registry lists them, and the ties' vocabularies. A tie as the workspace keeps it (its record,
 * history and writes) is in partnerships.workspace.ts, so that the atlas's first view, which lists ties, carries
 * none of the workspace's code.
 */
import { useQuery } from '@tanstack/react-query';
import type { PartnershipListQuery, PartnershipListResponse } from '../../../src/contract.ts';
import { getJson, type QueryParams } from './client.ts';

export type { PartnershipRecord, Visibility } from '../../../src/contract.ts';
export {
  PARTNERSHIP_KINDS,
  PARTNERSHIP_STATUSES,
  PARTNERSHIP_THEMES,
} from '../../../src/contract.ts';

export const partnershipKeys = {
  all: ['partnerships'] as const,
  list: (query: PartnershipListQuery) => ['partnerships', 'list', query] as const,
  record: (id: number) => ['partnerships', 'record', id] as const,
  history: (id: number) => ['partnerships', 'history', id] as const,
};

/** Ties that match the query, as the public registry lists them. */
export const usePartnershipList = (query: PartnershipListQuery, enabled = true) =>
  useQuery({
    queryKey: partnershipKeys.list(query),
    queryFn: () => getJson<PartnershipListResponse>('/api/partnerships', query as QueryParams),
    enabled,
  });
