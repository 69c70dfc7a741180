import { useQuery } from '@tanstack/react-query';
import type { EventResponse, InvitationListResponse } from '../../../src/contract.ts';
import { getJson } from './client.ts';

export type { EventResponse, EventSessionResponse, InvitationListResponse } from '../../../src/contract.ts';
export type InvitationItem = InvitationListResponse['items'][number];

export const eventKeys = {
  all: ['events'] as const,
  detail: (id: number | undefined) => ['events', 'detail', id] as const,
  invitations: (id: number | undefined) => ['events', 'invitations', id] as const,
};

/** An event with its programme: times in UTC and on the host's clock, texts per language. */
export const useEvent = (id: number | undefined) =>
  useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: ({ signal }) => getJson<EventResponse>(`/api/events/${id}`, undefined, signal),
    enabled: id !== undefined,
  });

/** Who was invited to an event, how they answered and who came, with the places' attendance summed up. */
export const useInvitations = (id: number | undefined, enabled = true) =>
  useQuery({
    queryKey: eventKeys.invitations(id),
    queryFn: ({ signal }) =>
      getJson<InvitationListResponse>(`/api/events/${id}/invitations`, undefined, signal),
    enabled: id !== undefined && enabled,
  });

/** The address of an event's iCalendar file, its texts in the given language. */
export const eventCalendarUrl = (id: number, language: string): string =>
  `/api/events/${id}/calendar.ics?lang=${encodeURIComponent(language)}`;
