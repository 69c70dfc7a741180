/** Networks of cities and their working groups: C21 and its China working group. */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  AddNetworkMemberBody,
  CreateNetworkBody,
  NetworkEventsResponse,
  NetworkListQuery,
  NetworkListResponse,
  NetworkRecord,
  NetworkTiesResponse,
  OrganizationListResponse,
  SetNetworkCoordinatorsBody,
  UpdateNetworkBody,
  UpdateNetworkMemberBody,
} from '../../../src/contract.ts';
import { ApiError, getJson } from './client.ts';
import { historyQuery } from './history.ts';
import { sendJson, useWrite } from './writes.ts';

export type {
  NetworkListItem,
  NetworkMember,
  NetworkRecord,
  NetworkTiesResponse,
  UpdateNetworkBody,
} from '../../../src/contract.ts';
export { NETWORK_KINDS } from '../../../src/contract.ts';

export const networkKeys = {
  all: ['networks'] as const,
  list: (query: NetworkListQuery) => ['networks', 'list', query] as const,
  record: (id: number | undefined) => ['networks', 'record', id] as const,
  ties: (id: number | undefined, country: string | undefined) => ['networks', 'ties', id, country] as const,
  events: (id: number | undefined) => ['networks', 'events', id] as const,
  history: (id: number) => ['networks', 'history', id] as const,
  campaigns: (id: number | undefined) => ['networks', 'campaigns', id] as const,
};

/** Networks and working groups the reader may read, filtered (an organisation's: those it belongs to or runs). */
export const useNetworkList = (query: NetworkListQuery, enabled = true) =>
  useQuery({
    queryKey: networkKeys.list(query),
    queryFn: ({ signal }) => getJson<NetworkListResponse>('/api/networks', { ...query }, signal),
    enabled,
  });

/** A network or working group: its texts, members, coordinators, working groups and what the reader may do. */
export const useNetworkRecord = (id: number | undefined) =>
  useQuery({
    queryKey: networkKeys.record(id),
    queryFn: ({ signal }) => getJson<NetworkRecord>(`/api/networks/${id}`, undefined, signal),
    enabled: id !== undefined,
  });

/** The current members' ties with places (or organisations) in a country, as far as the reader may read them. */
export const useNetworkTies = (id: number | undefined, country: string | undefined) =>
  useQuery({
    queryKey: networkKeys.ties(id, country),
    queryFn: ({ signal }) => getJson<NetworkTiesResponse>(`/api/networks/${id}/ties`, { country }, signal),
    enabled: id !== undefined && !!country,
  });

/** The events the network's secretariat and coordinators hosted. */
export const useNetworkEvents = (id: number | undefined) =>
  useQuery({
    queryKey: networkKeys.events(id),
    queryFn: ({ signal }) => getJson<NetworkEventsResponse>(`/api/networks/${id}/events`, undefined, signal),
    enabled: id !== undefined,
  });

/** A campaign (mapping survey) of a network, as its list names it. */
export interface NetworkCampaign {
  id: number;
  title: Record<string, string>;
  status: string;
  opensOn: string | null;
  closesOn: string | null;
}

/**
 * The campaigns a signed-in reader may see for a network; null when the list cannot be had (not signed in, no
 * campaigns for this reader, or no campaigns service at all): the page then shows nothing of them.
 */
export const useNetworkCampaigns = (id: number | undefined, enabled: boolean) =>
  useQuery({
    queryKey: networkKeys.campaigns(id),
    queryFn: async ({ signal }) => {
      try {
        const answer = await getJson<{ items?: NetworkCampaign[] }>(
          '/api/campaigns',
          { networkId: id },
          signal,
        );
        return Array.isArray(answer?.items) ? answer.items : null;
      } catch (failure) {
        if (failure instanceof ApiError) return null;
        throw failure;
      }
    },
    enabled: id !== undefined && enabled,
    retry: false,
  });

/** Organisations whose name has these words, for choosing a member or a coordinator. */
export const useOrganizationSearch = (text: string) =>
  useQuery({
    queryKey: ['organizations', 'search', text],
    queryFn: ({ signal }) =>
      getJson<OrganizationListResponse>('/api/organizations', { q: text, limit: 20 }, signal),
    enabled: text.trim().length > 0,
    staleTime: 30_000,
  });

export const networkHistory = (id: number) =>
  historyQuery(networkKeys.history(id), `/api/networks/${id}/history`);

/** The network as a write answered it replaces the cached one; its lists, ties and history are read again. */
const saved = (client: QueryClient, network: NetworkRecord) => {
  client.setQueryData(networkKeys.record(network.id), network);
  return Promise.all([
    client.invalidateQueries({ queryKey: [...networkKeys.all, 'list'] }),
    client.invalidateQueries({ queryKey: [...networkKeys.all, 'ties', network.id] }),
    client.invalidateQueries({ queryKey: networkKeys.history(network.id) }),
    ...(network.parentId !== null
      ? [client.invalidateQueries({ queryKey: networkKeys.record(network.parentId) })]
      : []),
  ]);
};

/** Creates a network (administrators) or a working group of a network (its coordinators). */
export const useCreateNetwork = () =>
  useWrite((body: CreateNetworkBody) => sendJson<NetworkRecord>('POST', '/api/networks', body), saved);

/**
 * Changes its texts and settings, on the version read: a stale one answers 409 with the network as it is, which then
 * replaces the cached one.
 */
export const useUpdateNetwork = () =>
  useWrite(
    ({ id, ...body }: UpdateNetworkBody & { id: number }) =>
      sendJson<NetworkRecord>('PATCH', `/api/networks/${id}`, body),
    saved,
    saved,
  );

/**
 * Deletes a network (administrators, once it has no working groups) or a working group (its network's
 * coordinators), on the version read; answers it as it is after, deleted.
 */
export const useDeleteNetwork = () =>
  useWrite(
    ({ id, version }: { id: number; version: number }) =>
      sendJson<NetworkRecord>('DELETE', `/api/networks/${id}?version=${version}`),
    saved,
    saved,
  );

/** Restores a deleted network or working group, given its deleted version. */
export const useRestoreNetwork = () =>
  useWrite(
    ({ id, version }: { id: number; version: number }) =>
      sendJson<NetworkRecord>('POST', `/api/networks/${id}/restore`, { version }),
    saved,
    saved,
  );

/** Adds a place or an organisation as a member, with its dates. */
export const useAddNetworkMember = () =>
  useWrite(
    ({ networkId, ...body }: AddNetworkMemberBody & { networkId: number }) =>
      sendJson<NetworkRecord>('POST', `/api/networks/${networkId}/members`, body),
    saved,
  );

/** Changes a membership's dates. */
export const useUpdateNetworkMember = () =>
  useWrite(
    ({ networkId, memberId, ...body }: UpdateNetworkMemberBody & { networkId: number; memberId: number }) =>
      sendJson<NetworkRecord>('PATCH', `/api/networks/${networkId}/members/${memberId}`, body),
    saved,
  );

/** Takes a member off the list. */
export const useRemoveNetworkMember = () =>
  useWrite(
    ({ networkId, memberId }: { networkId: number; memberId: number }) =>
      sendJson<NetworkRecord>('DELETE', `/api/networks/${networkId}/members/${memberId}`),
    saved,
  );

/** Appoints the coordinators, on the version read: a stale one answers 409 with the network as it is. */
export const useSetNetworkCoordinators = () =>
  useWrite(
    ({ networkId, ...body }: SetNetworkCoordinatorsBody & { networkId: number }) =>
      sendJson<NetworkRecord>('PUT', `/api/networks/${networkId}/coordinators`, body),
    saved,
    saved,
  );
