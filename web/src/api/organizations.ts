/** Organisations: cities, agencies, companies and others that keep ties, people and activities. */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  CreateOrganizationBody,
  ORGANIZATION_KINDS,
  OrganizationListResponse,
  OrganizationResponse,
  UpdateOrganizationBody,
} from '../../../src/contract.ts';
import { getJson } from './client.ts';
import { recordRoutes } from './records.ts';
import { sendJson, useWrite } from './writes.ts';

export type { OrganizationResponse as Organization } from '../../../src/contract.ts';
export { GOVERNMENT_KINDS, ORGANIZATION_KINDS } from '../../../src/contract.ts';

export const organizationKeys = {
  all: ['organizations'] as const,
  list: () => [...organizationKeys.all, 'list'] as const,
  record: (id: number) => [...organizationKeys.all, 'record', id] as const,
  history: (id: number) => [...organizationKeys.all, 'history', id] as const,
};

/** The first 200 organisations, for choosing one. */
export const useOrganizations = (enabled = true) =>
  useQuery({
    queryKey: organizationKeys.list(),
    queryFn: () => getJson<OrganizationListResponse>('/api/organizations', { limit: 200 }),
    enabled,
  });

/** Which organisations: of a kind, based at a place. */
export interface OrganizationListQuery {
  kind?: (typeof ORGANIZATION_KINDS)[number];
  placeId?: number;
  limit?: number;
}

/** The organisations the reader may read, filtered (a place's governments: `{ placeId, kind }`). */
export const useOrganizationList = (query: OrganizationListQuery, enabled = true) =>
  useQuery({
    queryKey: [...organizationKeys.list(), query],
    queryFn: ({ signal }) => getJson<OrganizationListResponse>('/api/organizations', { ...query }, signal),
    enabled,
  });

export const useOrganization = (id: number) =>
  useQuery({
    queryKey: organizationKeys.record(id),
    queryFn: () => getJson<OrganizationResponse>(`/api/organizations/${id}`),
  });

const routes = recordRoutes<OrganizationResponse, UpdateOrganizationBody>('/api/organizations');

export const organizationHistory = (id: number) => routes.history(organizationKeys.history(id), id);

/** The saved record replaces the cached one; lists and the history are read again. */
const saved = (client: QueryClient, organization: OrganizationResponse) => {
  client.setQueryData(organizationKeys.record(organization.id), organization);
  return Promise.all([
    client.invalidateQueries({ queryKey: organizationKeys.list() }),
    client.invalidateQueries({ queryKey: organizationKeys.history(organization.id) }),
  ]);
};

export const useCreateOrganization = () =>
  useWrite(
    (body: CreateOrganizationBody) => sendJson<OrganizationResponse>('POST', '/api/organizations', body),
    saved,
  );
export const useUpdateOrganization = () => useWrite(routes.update, saved);
export const useDeleteOrganization = () => useWrite(routes.remove, saved, saved);
export const useRestoreOrganization = () => useWrite(routes.restore, saved, saved);
