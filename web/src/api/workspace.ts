/** An organisation's dashboard: its ties by status, what is coming up, what has gone quiet, recent activity. */
import { useQuery } from '@tanstack/react-query';
import type { Dashboard } from '../../../src/contract.ts';
import { getJson } from './client.ts';

export type { Dashboard } from '../../../src/contract.ts';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  organization: (id: number | undefined) => [...dashboardKeys.all, id] as const,
};

export const useDashboard = (organizationId: number | undefined, enabled = true) =>
  useQuery({
    queryKey: dashboardKeys.organization(organizationId),
    queryFn: () => getJson<Dashboard>(`/api/organizations/${organizationId}/dashboard`),
    enabled: enabled && organizationId !== undefined,
  });
