import type { HistoryResponse } from '../../../src/contract.ts';
import { getJson } from './client.ts';

export type { HistoryEvent } from '../../../src/contract.ts';

/** A record's history (who changed what, and when), read from `path` and kept under `queryKey`. */
export const historyQuery = (queryKey: readonly unknown[], path: string) => ({
  queryKey,
  queryFn: () => getJson<HistoryResponse>(path),
});
