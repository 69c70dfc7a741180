/** Merging a duplicate place or organisation into another (administrators only), and undoing a merge. */
import type { QueryClient } from '@tanstack/react-query';
import type { Merge } from '../../../src/contract.ts';
import { sendJson, useWrite } from './writes.ts';

export type MergeEntity = Merge['entityType'];

/** After a merge or its undoing, references have moved between records: every cached read may be stale. */
const everything = (client: QueryClient) => client.invalidateQueries();

export const useMerge = () =>
  useWrite(
    ({ entity, fromId, intoId }: { entity: MergeEntity; fromId: number; intoId: number }) =>
      sendJson<Merge>('POST', `/api/${entity === 'place' ? 'places' : 'organizations'}/${fromId}/merge`, {
        intoId,
      }),
    everything,
  );

export const useUndoMerge = () =>
  useWrite((id: number) => sendJson<Merge>('POST', `/api/merges/${id}/undo`), everything);
