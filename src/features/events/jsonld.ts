import { inLanguage } from '../../lib/localized.ts';
import type { AttendanceMode, EventStatus } from './events.constants.ts';
import type { EventResponse } from './events.schema.ts';

/**
 * An event as schema.org `Event` JSON-LD, for its public page: what search engines and link previews read. Built
 * from the event as an anonymous reader sees it, so it carries nothing a visitor could not see (never the online
 * link, never a speaker's name the public may not read).
 */

const STATUS: Record<EventStatus, string> = {
  planned: 'https://schema.org/EventScheduled',
  scheduled: 'https://schema.org/EventScheduled',
  held: 'https://schema.org/EventScheduled',
  postponed: 'https://schema.org/EventPostponed',
  cancelled: 'https://schema.org/EventCancelled',
};

const MODE: Record<AttendanceMode, string> = {
  in_person: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
};

/** An instant on the host's clock with its offset, as schema.org's dates are read: 2020-11-10T14:00:00+08:00. */
export function withOffset(utc: string, local: string): string {
  const minutes = Math.round((Date.parse(`${local}:00Z`) - Date.parse(utc)) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
  return `${local}:00${sign}${hours}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
}

export function eventJsonLd(event: EventResponse, baseUrl: string, lang: string) {
  const url = `${baseUrl}/events/${event.id}`;
  const place = event.venue && {
    '@type': 'Place',
    name: event.venue.name,
    url: `${baseUrl}/places/${event.venue.id}`,
    ...(event.address ? { address: event.address } : {}),
  };
  const virtual = { '@type': 'VirtualLocation', url };
  const location =
    event.attendanceMode === 'online'
      ? virtual
      : event.attendanceMode === 'hybrid'
        ? [place ?? virtual, virtual]
        : place;
  const performers = event.programme.flatMap((session) =>
    session.speakers.flatMap((speaker) =>
      speaker.person
        ? [
            {
              '@type': 'Person',
              name: speaker.person.name,
              ...(speaker.post
                ? {
                    jobTitle: speaker.post.title ?? speaker.post.role.replaceAll('_', ' '),
                    worksFor: { '@type': 'Organization', name: speaker.post.organization.name },
                  }
                : {}),
            },
          ]
        : [],
    ),
  );
  const description = inLanguage(event.description, lang);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': url,
    url,
    name: inLanguage(event.title, lang),
    ...(description ? { description } : {}),
    startDate: withOffset(event.startsAt, event.local.startsAt),
    endDate: withOffset(event.endsAt, event.local.endsAt),
    eventStatus: STATUS[event.status],
    eventAttendanceMode: MODE[event.attendanceMode],
    ...(location ? { location } : {}),
    organizer: event.hosts.map((host) => ({ '@type': 'Organization', name: host.name })),
    ...(event.parentId !== null
      ? { superEvent: { '@type': 'Event', '@id': `${baseUrl}/events/${event.parentId}` } }
      : {}),
    ...(event.themes.length > 0 ? { keywords: event.themes.join(', ') } : {}),
    subEvent: event.programme.flatMap((session, position) =>
      session.startsAt && session.local.startsAt
        ? [
            {
              '@type': 'Event',
              '@id': `${url}#session-${position + 1}`,
              name: inLanguage(session.title, lang),
              startDate: withOffset(session.startsAt, session.local.startsAt),
              ...(session.endsAt && session.local.endsAt
                ? { endDate: withOffset(session.endsAt, session.local.endsAt) }
                : {}),
              eventAttendanceMode: MODE[event.attendanceMode],
            },
          ]
        : [],
    ),
    ...(performers.length > 0 ? { performer: performers } : {}),
  };
}
