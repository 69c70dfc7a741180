import ICAL from 'ical.js';
import type { EventStatus } from './events.constants.ts';
import type { EventRow, HostRow, VenueRow } from './events.repo.ts';
import type { Programme } from './programme.repo.ts';

/** An event with what its calendar entries show. */
export interface CalendarEvent {
  row: EventRow;
  hosts: HostRow[];
  venue: VenueRow | null;
  programme: Programme;
}

import { inLanguage } from '../../lib/localized.ts';

/**
 * Events as iCalendar (RFC 5545): one VEVENT an event and one more for each timed session of its programme,
 * related to its event. Times are written in UTC, so every calendar shows them on its reader's clock; the event's
 * own time zone is named in the description. The online link is never in a calendar: a feed can be passed on.
 */

const STATUS: Record<EventStatus, 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED'> = {
  planned: 'TENTATIVE',
  scheduled: 'CONFIRMED',
  postponed: 'TENTATIVE',
  cancelled: 'CANCELLED',
  held: 'CONFIRMED',
};

const eventUid = (id: number) => `event-${id}@citybridge`;

export interface CalendarOptions {
  /** The calendar's name, as a subscriber's app lists it. */
  name: string;
  lang: string;
  /** Where the public event pages are: https://example.org */
  baseUrl: string;
}

/** What a VEVENT says. */
interface Entry {
  uid: string;
  start: Date;
  end: Date;
  stamp: Date;
  sequence: number;
  summary: string;
  description: string;
  location: string;
  url: string;
  status: EventStatus;
  category?: string;
  relatedTo?: string;
}

/** A UTC instant as jCal writes a DATE-TIME: 2020-11-10T06:00:00Z. */
const utc = (instant: Date) => `${instant.toISOString().slice(0, 19)}Z`;

type JcalProperty = [name: string, parameters: Record<string, string>, type: string, value: string | number];

/** A VEVENT in jCal (RFC 7265), which ical.js writes out as iCalendar, escaped and folded. */
function vevent(entry: Entry): [string, JcalProperty[], []] {
  const properties: JcalProperty[] = [
    ['uid', {}, 'text', entry.uid],
    ['dtstamp', {}, 'date-time', utc(entry.stamp)],
    ['dtstart', {}, 'date-time', utc(entry.start)],
    ['dtend', {}, 'date-time', utc(entry.end)],
    ['sequence', {}, 'integer', entry.sequence],
    ['summary', {}, 'text', entry.summary],
  ];
  if (entry.description) properties.push(['description', {}, 'text', entry.description]);
  if (entry.location) properties.push(['location', {}, 'text', entry.location]);
  properties.push(['url', {}, 'uri', entry.url], ['status', {}, 'text', STATUS[entry.status]]);
  if (entry.category) properties.push(['categories', {}, 'text', entry.category]);
  if (entry.relatedTo) properties.push(['related-to', {}, 'text', entry.relatedTo]);
  return ['vevent', properties, []];
}

export function eventsCalendar(loaded: readonly CalendarEvent[], options: CalendarOptions): string {
  const { lang, baseUrl } = options;
  const entries: ReturnType<typeof vevent>[] = [];
  for (const { row, venue, hosts, programme } of loaded) {
    const title = inLanguage(row.title, lang);
    const url = `${baseUrl}/events/${row.id}`;
    const location = [venue?.name, row.address].filter(Boolean).join(', ');
    const common = { stamp: row.updatedAt, sequence: row.version, url, location, status: row.status };
    entries.push(
      vevent({
        ...common,
        uid: eventUid(row.id),
        start: row.startsAt,
        end: row.endsAt,
        summary: title,
        description: [
          inLanguage(row.description, lang),
          hosts.map((host) => host.name).join(', '),
          row.timeZone,
          url,
        ]
          .filter(Boolean)
          .join('\n\n'),
        category: row.kind.toUpperCase(),
      }),
    );
    for (const session of programme.sessions) {
      if (session.eventId !== row.id || !session.startsAt) continue;
      entries.push(
        vevent({
          ...common,
          uid: `event-${row.id}-session-${session.position}@citybridge`,
          start: session.startsAt,
          end: session.endsAt ?? session.startsAt,
          summary: `${title}: ${inLanguage(session.title, lang)}`,
          description: [inLanguage(session.theme, lang), url].filter(Boolean).join('\n\n'),
          relatedTo: eventUid(row.id),
        }),
      );
    }
  }
  const properties: JcalProperty[] = [
    ['version', {}, 'text', '2.0'],
    ['prodid', {}, 'text', `-//CityBridge//Events//${lang.toUpperCase()}`],
    ['calscale', {}, 'text', 'GREGORIAN'],
    ['x-wr-calname', {}, 'unknown', options.name],
  ];
  return ICAL.stringify(['vcalendar', properties, entries]);
}
