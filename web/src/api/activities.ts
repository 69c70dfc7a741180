/** The activity log: meetings, calls, visits and the like, with the ties and people they concern. */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  ActivityListQuery,
  ActivityListResponse,
  ActivityResponse,
  CreateActivityBody,
  UpdateActivityBody,
} from '../../../src/contract.ts';
import { getJson } from './client.ts';
import { recordRoutes } from './records.ts';
import { dashboardKeys } from './workspace.ts';
import { sendJson, useWrite } from './writes.ts';

export type { ActivityResponse as Activity } from '../../../src/contract.ts';
export { ACTIVITY_KINDS } from '../../../src/contract.ts';

export const activityKeys = {
  all: ['activities'] as const,
  list: (query: ActivityListQuery) => [...activityKeys.all, 'list', query] as const,
};

export const useActivities = (query: ActivityListQuery, enabled = true) =>
  useQuery({
    queryKey: activityKeys.list(query),
    queryFn: () => getJson<ActivityListResponse>('/api/activities', query),
    enabled,
  });

const routes = recordRoutes<ActivityResponse, UpdateActivityBody>('/api/activities');

/** Activities appear in logs, tie timelines and dashboards: read them all again. */
const changed = (client: QueryClient) =>
  Promise.all([
    client.invalidateQueries({ queryKey: activityKeys.all }),
    client.invalidateQueries({ queryKey: dashboardKeys.all }),
  ]);

export const useCreateActivity = () =>
  useWrite((body: CreateActivityBody) => sendJson('POST', '/api/activities', body), changed);

export const useUpdateActivity = () => useWrite(routes.update, changed);
export const useDeleteActivity = () => useWrite(routes.remove, changed);
export const useRestoreActivity = () => useWrite(routes.restore, changed);
