import { useQuery } from '@tanstack/react-query';
import type { EventListResponse, EventResponse, InvitationListResponse } from '../../../src/contract.ts';
import { getJson } from './client.ts';

export type { EventResponse, EventSessionResponse, InvitationListResponse } from '../../../src/contract.ts';
export type InvitationItem = InvitationListResponse['items'][number];
export type InvitationStatus = InvitationItem['status'];
/** Where an invitee stands on a map: a place's coordinates, or those of an organisation's place. */
export type InviteeLocation = NonNullable<InvitationItem['invitee']['location']>;

export const eventKeys = {
  all: ['events'] as const,
  list: (query: EventsQuery) => ['events', 'list', query] as const,
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

/** Which events: a tie's (involving both its parties), a place's, a host's; upcoming, past or all. */
export interface EventsQuery {
  when?: 'upcoming' | 'past' | 'all';
  hostId?: number;
  partnershipId?: number;
  involvesPlaceId?: number;
}

/** Events the reader may see, filtered. */
export const useEvents = (query: EventsQuery, enabled = true) =>
  useQuery({
    queryKey: eventKeys.list(query),
    queryFn: ({ signal }) => getJson<EventListResponse>('/api/events', { ...query }, signal),
    enabled,
  });
