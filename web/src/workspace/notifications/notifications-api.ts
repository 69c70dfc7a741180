/** The signed-in user's notifications: read every minute while the tab is visible, marked read. */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  NotificationListResponse,
  NotificationResponse,
  ReadAllResponse,
  ReminderSettings,
  ReminderSettingsInput,
} from '../../../../src/contract.ts';
import { getJson } from '../../api/client.ts';
import { sendJson, useWrite } from '../../api/writes.ts';

export type { NotificationResponse } from '../../../../src/contract.ts';

/** How many of the latest the bell's list shows. */
export const NOTIFICATIONS_SHOWN = 15;

/** How often the bell asks for news, in ms, while the tab is visible. */
export const NOTIFICATIONS_POLL_MS = 60_000;

export const notificationKeys = {
  all: ['notifications'] as const,
  latest: () => [...notificationKeys.all, 'latest'] as const,
  settings: () => [...notificationKeys.all, 'settings'] as const,
};

/**
 * The latest notifications and the unread count. TanStack Query polls only while the tab is visible (and the
 * query observed), and reads again when the tab comes back into view.
 */
export const useNotifications = () =>
  useQuery({
    queryKey: notificationKeys.latest(),
    queryFn: ({ signal }) =>
      getJson<NotificationListResponse>('/api/notifications', { limit: NOTIFICATIONS_SHOWN }, signal),
    refetchInterval: NOTIFICATIONS_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    staleTime: 30_000,
  });

const changed = (client: QueryClient) => client.invalidateQueries({ queryKey: notificationKeys.all });

export const useMarkRead = () =>
  useWrite((id: number) => sendJson<NotificationResponse>('POST', `/api/notifications/${id}/read`), changed);

export const useMarkAllRead = () =>
  useWrite(() => sendJson<ReadAllResponse>('POST', '/api/notifications/read-all'), changed);

/** The signed-in user's reminder choices. */
export const useReminderSettings = () =>
  useQuery({
    queryKey: notificationKeys.settings(),
    queryFn: ({ signal }) => getJson<ReminderSettings>('/api/notifications/settings', {}, signal),
  });

export const useSaveReminderSettings = () =>
  useWrite(
    (input: ReminderSettingsInput) => sendJson<ReminderSettings>('PUT', '/api/notifications/settings', input),
    (client, saved) => client.setQueryData(notificationKeys.settings(), saved),
  );
