/**
 * The review queue of duplicate places (administrators only): the pairs the duplicate finder took for one place,
 * page by page per status, the decisions on them, and a run of the finder.
 */
import { keepPreviousData, type QueryClient, useQueries, useQuery } from '@tanstack/react-query';
import type {
  PlaceDuplicate,
  PlaceDuplicateDecision,
  PlaceDuplicateList,
  PlaceDuplicateScan,
} from '../../../src/contract.ts';
import { getJson } from './client.ts';
import { sendJson, useWrite } from './writes.ts';

export type {
  PlaceDuplicate,
  PlaceDuplicateDecision,
  PlaceDuplicateList,
  PlaceDuplicateScan,
} from '../../../src/contract.ts';

export type DuplicateStatus = PlaceDuplicate['status'];
export type DuplicateReason = PlaceDuplicate['reasons'][number];
export type DuplicatePlace = PlaceDuplicate['places'][number];

/** The statuses in the order the page offers them. */
export const DUPLICATE_STATUSES = [
  'pending',
  'merged',
  'distinct',
] as const satisfies readonly DuplicateStatus[];

const BASE = '/api/admin/place-duplicates';

export const duplicateKeys = {
  all: ['place-duplicates'] as const,
  page: (status: DuplicateStatus, offset: number, limit: number) =>
    ['place-duplicates', 'list', status, offset, limit] as const,
  count: (status: DuplicateStatus) => ['place-duplicates', 'count', status] as const,
};

/** One page of the pairs of a status; the page shown stays while the next one loads. */
export const usePlaceDuplicates = (
  status: DuplicateStatus,
  offset: number,
  limit: number,
  enabled: boolean,
) =>
  useQuery({
    queryKey: duplicateKeys.page(status, offset, limit),
    queryFn: ({ signal }) => getJson<PlaceDuplicateList>(BASE, { status, offset, limit }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

/** How many pairs each status holds (the list's total, from a page of one). */
export const useDuplicateCounts = (enabled: boolean) =>
  useQueries({
    queries: DUPLICATE_STATUSES.map((status) => ({
      queryKey: duplicateKeys.count(status),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        getJson<PlaceDuplicateList>(BASE, { status, limit: 1 }, signal).then((list) => list.total),
      enabled,
    })),
    combine: (results) =>
      Object.fromEntries(DUPLICATE_STATUSES.map((status, index) => [status, results[index]?.data])) as Record<
        DuplicateStatus,
        number | undefined
      >,
  });

/** After a merge, references have moved between places: every cached read may be stale. */
const everything = (client: QueryClient) => client.invalidateQueries();
const theQueue = (client: QueryClient) => client.invalidateQueries({ queryKey: duplicateKeys.all });

/** Merges a waiting pair: `intoId`, one of the two, stays. */
export const useMergeDuplicate = () =>
  useWrite(
    ({ id, intoId }: { id: number; intoId: number }) =>
      sendJson<PlaceDuplicateDecision>('POST', `${BASE}/${id}/merge`, { intoId }),
    everything,
  );

/** Marks a waiting pair "not the same": no later import or run of the finder pairs them again. */
export const useMarkDuplicateDistinct = () =>
  useWrite((id: number) => sendJson<PlaceDuplicateDecision>('POST', `${BASE}/${id}/distinct`), theQueue);

/** Runs the finder over the whole registry: certain pairs are merged, possible ones join the queue. */
export const useScanDuplicates = () =>
  useWrite(() => sendJson<PlaceDuplicateScan>('POST', `${BASE}/scan`), everything);
