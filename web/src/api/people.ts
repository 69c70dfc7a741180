/** People and their posts in organisations, with their contact points (personal data, kept with care). */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  CreatePersonBody,
  PersonListQuery,
  PersonListResponse,
  PersonResponse,
  UpdatePersonBody,
} from '../../../src/contract.ts';
import { activityKeys } from './activities.ts';
import { getJson } from './client.ts';
import { recordRoutes, type Versioned } from './records.ts';
import { dashboardKeys } from './workspace.ts';
import { sendJson, useWrite } from './writes.ts';

export type { PersonResponse as Person } from '../../../src/contract.ts';
export { POST_ROLES } from '../../../src/contract.ts';

export const personKeys = {
  all: ['people'] as const,
  list: (query: PersonListQuery) => [...personKeys.all, 'list', query] as const,
  history: (id: number) => [...personKeys.all, 'history', id] as const,
};

export const usePeople = (query: PersonListQuery) =>
  useQuery({
    queryKey: personKeys.list(query),
    queryFn: () => getJson<PersonListResponse>('/api/people', query),
  });

const routes = recordRoutes<PersonResponse, UpdatePersonBody>('/api/people');

export const personHistory = (id: number) => routes.history(personKeys.history(id), id);

/** Where the person's data downloads as JSON (their right of access). */
export const personExportUrl = (id: number) => `/api/people/${id}/export`;

/** People appear in lists, activities and dashboards: read them all again. */
const changed = (client: QueryClient) =>
  Promise.all([
    client.invalidateQueries({ queryKey: personKeys.all }),
    client.invalidateQueries({ queryKey: activityKeys.all }),
    client.invalidateQueries({ queryKey: dashboardKeys.all }),
  ]);

export const useCreatePerson = () =>
  useWrite((body: CreatePersonBody) => sendJson('POST', '/api/people', body), changed);

export const useUpdatePerson = () => useWrite(routes.update, changed);

/** Erases the person's personal data, keeping only that a person held the posts. */
export const useErasePerson = () =>
  useWrite(
    ({ id, version }: Versioned) => sendJson<PersonResponse>('POST', `/api/people/${id}/erase`, { version }),
    changed,
  );
