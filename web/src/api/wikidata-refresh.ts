/**
 * The refresh of the Wikidata ties from a newer extract (administrators only): diffs made from the two files,
 * kept for review, and their application.
 */
import { useQuery } from '@tanstack/react-query';
import type { WikidataRefreshApplied, WikidataRefreshDiff } from '../../../src/contract.ts';
import { getJson } from './client.ts';
import { sendJson, uploadFiles, useWrite } from './writes.ts';

export type {
  WikidataRefreshApplied,
  WikidataRefreshChangedPlace,
  WikidataRefreshDiff,
  WikidataRefreshField,
  WikidataRefreshGoneTie,
  WikidataRefreshNewTie,
} from '../../../src/contract.ts';

/** A kept diff as the list shows it: without its entries. */
export type WikidataRefreshSummary = Pick<
  WikidataRefreshDiff,
  'id' | 'createdAt' | 'revision' | 'files' | 'counts' | 'applied'
>;

const BASE = '/api/admin/wikidata-refresh';

export const refreshKeys = {
  all: ['wikidata-refresh'] as const,
  list: ['wikidata-refresh', 'list'] as const,
  one: (id: string) => ['wikidata-refresh', 'diff', id] as const,
};

export const useRefreshDiffs = (enabled: boolean) =>
  useQuery({
    queryKey: refreshKeys.list,
    queryFn: () => getJson<{ items: WikidataRefreshSummary[] }>(BASE),
    enabled,
  });

export const useRefreshDiff = (id: string | null) =>
  useQuery({
    queryKey: refreshKeys.one(id ?? ''),
    queryFn: () => getJson<WikidataRefreshDiff>(`${BASE}/${id}`),
    enabled: id !== null,
  });

/** Makes a diff of the two files of a newer extract; nothing in the registry changes. */
export const useMakeRefreshDiff = () =>
  useWrite(
    (files: { nodes: File; links: File }) => uploadFiles<WikidataRefreshDiff>(BASE, files),
    (client, diff) => {
      client.setQueryData(refreshKeys.one(diff.id), diff);
      return client.invalidateQueries({ queryKey: refreshKeys.list });
    },
  );

/** Applies a reviewed diff. */
export const useApplyRefreshDiff = () =>
  useWrite(
    (id: string) => sendJson<WikidataRefreshApplied>('POST', `${BASE}/${id}/apply`),
    (client) => client.invalidateQueries({ queryKey: refreshKeys.all }),
  );
