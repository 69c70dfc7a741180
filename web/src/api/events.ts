import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  EventListResponse,
  EventResponse,
  InvitationListResponse,
  InvitationResponse,
  UpdateInvitationBody,
} from '../../../src/contract.ts';
import { getJson } from './client.ts';
import { sendJson, useWrite } from './writes.ts';

export type { EventResponse, EventSessionResponse, InvitationListResponse } from '../../../src/contract.ts';
export type InvitationItem = InvitationListResponse['items'][number];
/** An event as a list answers it: with an organisation's own invitations when the list asks for them. */
export type ListedEvent = EventListResponse['items'][number];
export type OwnInvitation = NonNullable<ListedEvent['invitations']>[number];
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
  /** Those that invited this organisation (or the city it governs), each with its invitations. */
  invitedId?: number;
  /** Those that overlap [from, to): instants (ISO 8601). */
  from?: string;
  to?: string;
  limit?: number;
}

/** Events the reader may see, filtered. */
export const useEvents = (query: EventsQuery, enabled = true) =>
  useQuery({
    queryKey: eventKeys.list(query),
    queryFn: ({ signal }) => getJson<EventListResponse>('/api/events', { ...query }, signal),
    enabled,
  });

/** An invitation's answer, its delegates or the attendance recorded: read the event's invitations and lists again. */
const invitationChanged = (client: QueryClient, invitation: InvitationResponse) =>
  Promise.all([
    client.invalidateQueries({ queryKey: eventKeys.invitations(invitation.eventId) }),
    client.invalidateQueries({ queryKey: [...eventKeys.all, 'list'] }),
  ]);

/**
 * Answers an invitation (accepted, declined, tentative) and names the delegates, for the invitee's editors; records
 * attendance (attended, no_show), for the hosts' editors. A stale version answers 409 with the invitation as it is.
 */
export const useUpdateInvitation = () =>
  useWrite(
    ({ eventId, invitationId, ...body }: UpdateInvitationBody & { eventId: number; invitationId: number }) =>
      sendJson<InvitationResponse>('PATCH', `/api/events/${eventId}/invitations/${invitationId}`, body),
    invitationChanged,
    invitationChanged,
  );
