import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { inLanguage } from '../../lib/localized.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import {
  findLiveOrganizationIds,
  findReadableOrganizations,
} from '../organizations/organizations.service.ts';
import { getPartnership } from '../partnerships/partnerships.write.service.ts';
import {
  changeRecord,
  createRecord,
  mayRead,
  presentKept,
  type RecordType,
  updateRecord,
} from '../records/records.service.ts';
import type { CalendarEvent, CalendarOptions } from './calendar.ts';
import * as repo from './events.repo.ts';
import type {
  CreateEventBody,
  EventListQuery,
  EventResponse,
  ListedInvitation,
  ProgrammeBody,
  UpdateEventBody,
} from './events.schema.ts';
import { feedOrganization } from './feeds.ts';
import { presentEventMedia } from './media.present.ts';
import * as mediaRepo from './media.repo.ts';
import * as programmeRepo from './programme.repo.ts';
import { checkProgramme, presentProgramme } from './programme.service.ts';

/** An event as the service loads it: the record, its hosts, its venue and its programme. */
export interface LoadedEvent {
  row: repo.EventRow;
  hosts: repo.HostRow[];
  venue: repo.VenueRow | null;
  programme: programmeRepo.Programme;
  /** The live photos and documents of the events loaded together. */
  media: mediaRepo.MediaRow[];
}

/** The hosts stand behind an event: their members read what is internal to it, their editors run it. */
function eventStake(loaded: Pick<LoadedEvent, 'row' | 'hosts'>): Stake {
  return { visibility: loaded.row.visibility, organizationIds: loaded.hosts.map((host) => host.id) };
}

/** One formatter per time zone: making one costs some fifty times what formatting with it does. */
const clocks = new Map<string, Intl.DateTimeFormat>();

/** An instant on a clock: 2020-11-10T14:00 in Asia/Shanghai. */
export function localTime(instant: Date, timeZone: string): string {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, clock);
  }
  const parts = Object.fromEntries(clock.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export function presentEvent(actor: Actor | null, loaded: LoadedEvent): EventResponse {
  const { row, hosts, venue, programme } = loaded;
  const stake = eventStake(loaded);
  return {
    id: row.id,
    kind: row.kind,
    attendanceMode: row.attendanceMode,
    status: row.status,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    timeZone: row.timeZone,
    local: { startsAt: localTime(row.startsAt, row.timeZone), endsAt: localTime(row.endsAt, row.timeZone) },
    title: row.title,
    description: row.description,
    venue,
    address: row.address,
    onlineUrl: policy.readInternal(actor, stake) ? row.onlineUrl : null,
    parentId: row.parentId,
    series: row.series,
    themes: row.themes,
    mediaLinks: row.mediaLinks,
    outcomes: row.outcomes,
    hosts: hosts.map(({ id, name }) => ({ id, name })),
    programme: presentProgramme(actor, programme, row.id, (instant) => localTime(instant, row.timeZone)),
    media: presentEventMedia(row.id, loaded.media),
    visibility: row.visibility,
    ...presentKept(row),
    canEdit: policy.write(actor, stake),
  };
}

async function loadEvents(db: DbOrTx, rows: repo.EventRow[]): Promise<LoadedEvent[]> {
  const hosts = await repo.findHosts(
    db,
    rows.map((row) => row.id),
  );
  const venues = await repo.findVenues(
    db,
    rows.flatMap((row) => (row.venuePlaceId ? [row.venuePlaceId] : [])),
  );
  const programme = await programmeRepo.findProgrammes(
    db,
    rows.map((row) => row.id),
  );
  const media = await mediaRepo.findMediaOfEvents(
    db,
    rows.map((row) => row.id),
  );
  // Grouped once: a feed loads a thousand events at a time.
  const hostsOf = new Map<number, repo.HostRow[]>();
  for (const host of hosts) {
    const list = hostsOf.get(host.eventId);
    if (list) list.push(host);
    else hostsOf.set(host.eventId, [host]);
  }
  const venueById = new Map(venues.map((venue) => [venue.id, venue]));
  return rows.map((row) => ({
    row,
    hosts: hostsOf.get(row.id) ?? [],
    venue: (row.venuePlaceId && venueById.get(row.venuePlaceId)) || null,
    programme,
    media,
  }));
}

export const eventRecord: RecordType<LoadedEvent, EventResponse, repo.EventInsert, repo.EventChanges> = {
  entity: 'event',
  noun: 'event',
  notFound: (id) => new AppError('EVENT_NOT_FOUND', `No event ${id}`),
  async load(db, id, lock) {
    const row = await repo.findEvent(db, id, lock);
    return row && (await loadEvents(db, [row]))[0];
  },
  insert: repo.insertEvent,
  update: repo.updateEvent,
  stake: eventStake,
  audited: ({ row, hosts, programme }) => {
    const { createdAt: _c, updatedAt: _u, id: _id, ...fields } = row;
    return {
      ...fields,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      deletedAt: row.deletedAt?.toISOString() ?? null,
      hostIds: hosts.map((host) => host.id).sort((a, b) => a - b),
      programme: programme.sessions
        .filter((session) => session.eventId === row.id)
        .map((session) => ({
          kind: session.kind,
          startsAt: session.startsAt?.toISOString() ?? null,
          endsAt: session.endsAt?.toISOString() ?? null,
          title: session.title,
          theme: session.theme,
          speakers: programme.speakers
            .filter((speaker) => speaker.sessionId === session.id)
            .map(({ personId, role, postId }) => ({ personId, role, postId })),
          seats: programme.seats
            .filter((seat) => seat.sessionId === session.id)
            .map(({ placeId, organizationId }) => ({ placeId, organizationId })),
        })),
    };
  },
  present: presentEvent,
};

/** What a create or an update names besides the event's own fields, checked against what the actor may read. */
interface EventReferences {
  hostIds?: number[];
  /** Hosts the event has already: they were shown with it, so they stay without a check. */
  currentHostIds?: readonly number[];
  venuePlaceId?: number | null;
  parentId?: number | null;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Every host, the venue and the parent must exist and be readable (one the actor may not read answers as one that
 * does not exist); the parent may not be the event or one of its parts; the end is not before the start.
 */
async function checkReferences(
  db: DbOrTx,
  actor: Actor | null,
  eventId: number | undefined,
  refs: EventReferences,
) {
  const details: ErrorDetail[] = [];
  if (refs.hostIds) {
    const current = new Set(refs.currentHostIds);
    const readable = await findReadableOrganizations(db, actor, refs.hostIds);
    for (const [index, id] of refs.hostIds.entries())
      if (!readable.has(id) && !current.has(id))
        details.push({ field: `body.hostIds.${index}`, message: `${id} does not exist` });
  }
  if (refs.venuePlaceId && !(await repo.findLivePlace(db, refs.venuePlaceId)))
    details.push({ field: 'body.venuePlaceId', message: 'is not a known place' });
  if (refs.parentId) {
    const parent = await eventRecord.load(db, refs.parentId, false);
    if (!parent || !mayRead(actor, eventRecord, parent) || parent.row.deletedAt)
      details.push({ field: 'body.parentId', message: 'is not a known event' });
    else if (eventId !== undefined && (await repo.findAncestors(db, refs.parentId)).includes(eventId))
      details.push({ field: 'body.parentId', message: 'is the event itself or one of its parts' });
  }
  if (refs.endsAt < refs.startsAt) details.push({ field: 'body.endsAt', message: 'is before the start' });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid request', details);
}

/**
 * Events the actor may read, filtered. A tie's events take the tie readable (not found otherwise): its parties are
 * what the filter matches. So do an organisation's invitations: each event then lists the organisation's own.
 */
export async function listEvents(db: DbOrTx, actor: Actor | null, query: EventListQuery, now = new Date()) {
  const { partnershipId, involvesPlaceId, invitedId, from, to, ...filter } = query;
  const involving: repo.Party[] = [];
  if (partnershipId !== undefined) {
    const tie = await getPartnership(db, actor, partnershipId);
    for (const party of tie.parties)
      involving.push(party.placeId ? { placeId: party.placeId } : { organizationId: party.organizationId! });
  }
  if (involvesPlaceId !== undefined) involving.push({ placeId: involvesPlaceId });
  if (invitedId !== undefined && !(await findReadableOrganizations(db, actor, [invitedId])).has(invitedId))
    throw new AppError('ORGANIZATION_NOT_FOUND', `No organisation ${invitedId}`);
  const rows = await repo.listEvents(db, {
    ...filter,
    involving,
    invitedId,
    from: from === undefined ? undefined : new Date(from),
    to: to === undefined ? undefined : new Date(to),
    scope: policy.readScope(actor),
    now,
  });
  const items = (await loadEvents(db, rows)).map((loaded) => presentEvent(actor, loaded));
  if (invitedId === undefined) return { items };
  const invitations = await repo.findInvitationsOf(
    db,
    rows.map((row) => row.id),
    invitedId,
  );
  return {
    items: items.map((event) => ({
      ...event,
      invitations: invitations
        .filter((invitation) => invitation.eventId === event.id)
        .map(presentInvitationOf),
    })),
  };
}

function presentInvitationOf(row: repo.InvitationOfRow): ListedInvitation {
  return {
    id: row.id,
    invitee:
      row.placeId !== null
        ? { type: 'place', id: row.placeId, name: row.name }
        : { type: 'organization', id: row.organizationId!, name: row.name },
    status: row.status,
    version: row.version,
  };
}

export async function createEvent(db: DbOrTx, actor: Actor | null, body: CreateEventBody) {
  return createRecord(db, actor, eventRecord, async (tx) => {
    authorize(actor, policy.create(actor, body.hostIds));
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    await checkReferences(tx, actor, undefined, { ...body, startsAt, endsAt });
    return { ...body, startsAt, endsAt };
  });
}

export async function updateEvent(db: DbOrTx, actor: Actor | null, id: number, body: UpdateEventBody) {
  const { version, ...fields } = body;
  return updateRecord(db, actor, eventRecord, id, version, async (tx, before) => {
    if (fields.hostIds) {
      const hostIds = fields.hostIds;
      const currentIds = before.hosts.map((host) => host.id);
      // Handing the event to other hosts takes the right to run events for one of them; a co-host may leave, or
      // be taken off by its own editors, but not push another host out.
      if (hostIds.some((id) => !currentIds.includes(id))) authorize(actor, policy.create(actor, hostIds));
      for (const id of currentIds)
        if (!hostIds.includes(id)) authorize(actor, policy.removeHost(actor, [id]));
    }
    const startsAt = fields.startsAt ? new Date(fields.startsAt) : before.row.startsAt;
    const endsAt = fields.endsAt ? new Date(fields.endsAt) : before.row.endsAt;
    await checkReferences(tx, actor, id, {
      ...fields,
      currentHostIds: before.hosts.map((host) => host.id),
      startsAt,
      endsAt,
    });
    return {
      ...fields,
      ...(fields.startsAt ? { startsAt } : {}),
      ...(fields.endsAt ? { endsAt } : {}),
    };
  });
}

/** Sets an event's whole programme: for the hosts' editors, against the event's version. */
export async function setProgramme(db: DbOrTx, actor: Actor | null, id: number, body: ProgrammeBody) {
  return changeRecord(db, actor, eventRecord, id, {
    action: 'set_programme',
    version: body.version,
    live: true,
    async apply(tx, before) {
      await programmeRepo.replaceProgramme(tx, id, await checkProgramme(tx, actor, before.row, body));
      return {};
    },
  });
}

/** Writes a calendar with ical.js, which the first calendar asked for loads, rather than the start-up. */
async function writeCalendar(events: readonly CalendarEvent[], options: CalendarOptions): Promise<string> {
  const { eventsCalendar } = await import('./calendar.ts');
  return eventsCalendar(events, options);
}

/** The iCalendar of one event the actor may read, with its sessions. */
export async function eventCalendar(db: DbOrTx, actor: Actor | null, id: number, options: CalendarRequest) {
  const loaded = await eventRecord.load(db, id, false);
  if (!loaded || loaded.row.deletedAt || !mayRead(actor, eventRecord, loaded)) throw eventRecord.notFound(id);
  return writeCalendar([loaded], { ...options, name: inLanguage(loaded.row.title, options.lang) });
}

/** What a calendar is asked for in: the reader's language and the site's address. */
export interface CalendarRequest {
  lang: string;
  baseUrl: string;
}

/**
 * The subscribable feed of a live organisation or place: its published events (see `findCalendarEvents`). An
 * organisation the actor may not read, or a place that does not exist, answers not found.
 */
export async function calendarFeed(
  db: DbOrTx,
  actor: Actor | null,
  owner: repo.CalendarOwner,
  options: CalendarRequest,
) {
  let name: string;
  if ('organizationId' in owner) {
    const readable = await findReadableOrganizations(db, actor, [owner.organizationId]);
    const live = await findLiveOrganizationIds(db, [owner.organizationId]);
    if (!readable.has(owner.organizationId) || !live.has(owner.organizationId))
      throw new AppError('ORGANIZATION_NOT_FOUND', `No organisation ${owner.organizationId}`);
    name = (await repo.findOrganizationName(db, owner.organizationId)) ?? '';
  } else {
    const place = await repo.findLivePlace(db, owner.placeId);
    if (!place) throw new AppError('PLACE_NOT_FOUND', `No place ${owner.placeId}`);
    name = (await repo.findPlaceName(db, owner.placeId)) ?? '';
  }
  const loaded = await loadEvents(db, await repo.findCalendarEvents(db, owner));
  return writeCalendar(loaded, { ...options, name: `CityBridge: ${name}` });
}

/** An organisation's private feed, by the secret in its address: its internal events too; 404 for any other secret. */
export async function privateCalendarFeed(db: DbOrTx, secret: string, options: CalendarRequest) {
  const organizationId = await feedOrganization(db, secret);
  if (organizationId === undefined) throw new AppError('NOT_FOUND', 'No such calendar feed');
  const name = (await repo.findOrganizationName(db, organizationId)) ?? '';
  const loaded = await loadEvents(
    db,
    await repo.findCalendarEvents(db, { organizationId }, { internal: true }),
  );
  return writeCalendar(loaded, { ...options, name: `CityBridge: ${name}` });
}
