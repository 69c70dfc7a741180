import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { policy } from '../auth/policy.ts';
import { networkRoles } from '../networks/networks.roles.ts';
import { findOrganizationRow, findReadableOrganizations } from '../organizations/organizations.service.ts';
import { findReadablePeople } from '../people/people.service.ts';
import { findRegions } from '../places/places.service.ts';
import type { ReadModels } from '../registry/read-models.ts';
import {
  nodeKey,
  type PartnershipGraph,
  type PlaceNode,
  partnershipGraphModel,
} from './door-opener.graph.ts';
import * as repo from './door-opener.repo.ts';
import type { DoorOpenerPath, DoorOpenerQuery, DoorOpenerResponse } from './door-opener.schema.ts';
import {
  comparePaths,
  eventPath,
  type FoundPath,
  type FoundStep,
  findPaths,
  type Origin,
} from './door-opener.search.ts';
import {
  type DoorOpenerLanguage,
  distanceSentence,
  eventSentence,
  tieSentence,
} from './door-opener.texts.ts';

/** What the search needs besides the query: the database, the read models and who asks. */
export interface DoorOpenerContext {
  db: DbOrTx;
  readModels: ReadModels;
  actor: Actor | null;
  language: DoorOpenerLanguage;
}

/** A network's name in a language: its short name ("C21") when it has one. */
function networkName(shortName: string | null, name: Partial<Record<string, string>>, language: string) {
  return shortName ?? name[language] ?? name.en ?? Object.values(name)[0] ?? '';
}

/** The graph's node for a place, or one made from the database for a place without published ties. */
async function placeNode(db: DbOrTx, graph: PartnershipGraph, id: number): Promise<PlaceNode> {
  const key = nodeKey(id);
  if (graph.hasNode(key)) return graph.getNodeAttributes(key);
  const row = await repo.findLivePlace(db, id);
  if (!row) throw new AppError('PLACE_NOT_FOUND', `No place ${id}`);
  return nodeOfRow({ ...row, placeId: row.id });
}

/** A place read from the database as the graph holds it. */
function nodeOfRow(
  row: Pick<repo.SharedEventRow, 'placeId' | 'name' | 'fi' | 'sv' | 'country' | 'admin1' | 'lat' | 'lng'>,
): PlaceNode {
  return {
    id: row.placeId,
    name: row.name,
    names: { ...(row.fi ? { fi: row.fi } : {}), ...(row.sv ? { sv: row.sv } : {}) },
    country: row.country,
    region: row.admin1,
    lat: row.lat,
    lng: row.lng,
  };
}

/** The published networks the places or organisations belong to, and their other current members as fellows. */
async function fellowsOf(
  context: DoorOpenerContext,
  graph: PartnershipGraph,
  placeId: number,
  organizationId: number | null,
): Promise<Origin[]> {
  const rows = await repo.findNetworksWithMembers(context.db, placeId, organizationId);
  const fellows = new Map<number, Origin>();
  for (const row of rows) {
    // Only places with ties can lead anywhere; the first network (by id) names a place in several.
    if (row.placeId === placeId || fellows.has(row.placeId) || !graph.hasNode(nodeKey(row.placeId))) continue;
    fellows.set(row.placeId, {
      place: graph.getNodeAttributes(nodeKey(row.placeId)),
      memberOf: networkName(row.shortName, row.name, context.language),
    });
  }
  return [...fellows.values()];
}

interface Us {
  from: DoorOpenerResponse['from'];
  us: Origin[];
  fellows: Origin[];
}

/** Who "us" is: a place, the place an organisation stands for, or a network's current member places. */
async function resolveUs(
  context: DoorOpenerContext,
  graph: PartnershipGraph,
  query: DoorOpenerQuery,
): Promise<Us> {
  const { db, actor, language } = context;
  if (query.fromPlace !== undefined) {
    const place = await placeNode(db, graph, query.fromPlace);
    return {
      from: {
        type: 'place',
        id: place.id,
        name: localName(place, language),
        places: [placeRef(place, language)],
      },
      us: [{ place, memberOf: null }],
      fellows: await fellowsOf(context, graph, place.id, null),
    };
  }
  if (query.fromOrganization !== undefined) {
    const id = query.fromOrganization;
    const row = await findOrganizationRow(db, id);
    if (!row || row.deletedAt || !(await findReadableOrganizations(db, actor, [id])).has(id))
      throw new AppError('ORGANIZATION_NOT_FOUND', `No organisation ${id}`);
    if (row.placeId === null)
      throw new AppError('VALIDATION_FAILED', 'The organisation stands for no place', [
        { field: 'querystring.fromOrganization', message: 'is an organisation without a place' },
      ]);
    const place = await placeNode(db, graph, row.placeId);
    return {
      from: { type: 'organization', id, name: row.name, places: [placeRef(place, language)] },
      us: [{ place, memberOf: null }],
      fellows: await fellowsOf(context, graph, place.id, id),
    };
  }
  const id = query.fromNetwork!;
  const network = await repo.findLiveNetwork(db, id);
  // Who may read a network, as its own pages decide: a published one anybody, an internal one the organisations
  // that coordinate it or are its members (and administrators).
  const readable =
    network &&
    (network.visibility === 'published' ||
      (await networkRoles(db, id).then((roles) =>
        policy.readGroup(actor, [...roles.coordinatorIds, ...roles.memberIds]),
      )));
  if (!network || !readable) throw new AppError('NETWORK_NOT_FOUND', `No network ${id}`);
  const name = networkName(network.shortName, network.name, language);
  const us: Origin[] = [];
  for (const { placeId } of await repo.findNetworkMemberPlaces(db, id)) {
    us.push({ place: await placeNode(db, graph, placeId), memberOf: name });
  }
  return {
    from: { type: 'network', id, name, places: us.map(({ place }) => placeRef(place, language)) },
    us,
    fellows: [],
  };
}

/** A place's name in the language: its official Finnish or Swedish name where known, else its display name. */
function localName(place: PlaceNode, language: DoorOpenerLanguage): string {
  return language === 'en' ? place.name : (place.names[language] ?? place.name);
}

const placeRef = (place: PlaceNode, language: DoorOpenerLanguage) => ({
  id: place.id,
  name: localName(place, language),
  country: place.country,
  coordinates: place.lat !== null && place.lng !== null ? { lat: place.lat, lng: place.lng } : null,
});

function presentStep(step: FoundStep, language: DoorOpenerLanguage): DoorOpenerPath['steps'][number] {
  const from = placeRef(step.from, language);
  const to = placeRef(step.to, language);
  if (step.type === 'tie') {
    const { tieId, kind, status, startYear } = step.tie;
    return {
      type: 'tie',
      from,
      to,
      tie: { id: tieId, kind, status, startYear },
      memberOf: step.memberOf,
      sentence: tieSentence(language, {
        from: from.name,
        to: to.name,
        kind,
        status,
        startYear,
        memberOf: step.memberOf,
      }),
    };
  }
  if (step.type === 'event') {
    const { title } = step.event;
    const event = {
      id: step.event.id,
      title: title[language] ?? title.en ?? Object.values(title)[0] ?? '',
      year: Number(step.event.startsAt.slice(0, 4)),
    };
    return {
      type: 'event',
      from,
      to,
      event,
      sentence: eventSentence(language, {
        from: from.name,
        to: to.name,
        title: event.title,
        year: event.year,
      }),
    };
  }
  const km = Math.round(step.km);
  return {
    type: 'distance',
    from,
    to,
    km,
    sameCountry: step.sameCountry,
    sameRegion: step.sameRegion,
    sentence: distanceSentence(language, {
      from: from.name,
      to: to.name,
      km,
      sameCountry: step.sameCountry,
      sameRegion: step.sameRegion,
    }),
  };
}

/** The events that one of our places and the target were both at, each a way in; at most this many. */
const EVENT_PAIRS = 200;

async function eventPaths(
  db: DbOrTx,
  graph: PartnershipGraph,
  us: readonly Origin[],
  target: { placeId: number } | { country: string } | { region: string },
): Promise<FoundPath[]> {
  const ours = new Map(us.map((origin) => [origin.place.id, origin.place]));
  const rows = await repo.findSharedEvents(db, [...ours.keys()], target, EVENT_PAIRS);
  const now = new Date();
  return rows.flatMap((row) => {
    if (ours.has(row.placeId)) return [];
    const key = nodeKey(row.placeId);
    const place = graph.hasNode(key) ? graph.getNodeAttributes(key) : nodeOfRow(row);
    const event = { id: row.eventId, title: row.title, startsAt: row.startsAt };
    return [eventPath(ours.get(row.ourPlaceId)!, place, event, now)];
  });
}

/** A found path as the API answers it, without its contacts. */
export function presentPath(path: FoundPath, language: DoorOpenerLanguage): DoorOpenerPath {
  const steps = path.steps.map((step) => presentStep(step, language));
  return {
    kind: path.kind,
    score: path.score,
    steps,
    sentence: steps.map((step) => step.sentence).join(' '),
    contacts: null,
  };
}

/** People named a place on a path, at most; and how many post holders a place are looked at to find them. */
const CONTACTS_PER_PLACE = 3;
const CANDIDATES_PER_PLACE = 12;

/**
 * Who to ask along each path, for a signed-in member of an organisation (or an administrator): the people in the
 * governments of the path's places beyond us, those the reader may read. Everyone else gets no contacts.
 */
async function withContacts(
  db: DbOrTx,
  actor: Actor | null,
  paths: DoorOpenerPath[],
  ourPlaceIds: ReadonlySet<number>,
): Promise<DoorOpenerPath[]> {
  if (!actor || (!actor.isAdmin && actor.memberships.size === 0)) return paths;
  const placesOf = (path: DoorOpenerPath) => [
    ...new Set(path.steps.flatMap((step) => [step.from.id, step.to.id]).filter((id) => !ourPlaceIds.has(id))),
  ];
  const candidates = await repo.findContactsAt(
    db,
    [...new Set(paths.flatMap(placesOf))],
    CANDIDATES_PER_PLACE,
  );
  const readable = await findReadablePeople(db, actor, [...new Set(candidates.map((row) => row.personId))]);
  // The first readable post of each person, at most CONTACTS_PER_PLACE people a place.
  const seen = new Set<string>();
  const counts = new Map<number, number>();
  const rows = candidates.filter((row) => {
    const key = `${row.placeId}:${row.personId}`;
    if (!readable.has(row.personId) || seen.has(key) || (counts.get(row.placeId) ?? 0) >= CONTACTS_PER_PLACE)
      return false;
    seen.add(key);
    counts.set(row.placeId, (counts.get(row.placeId) ?? 0) + 1);
    return true;
  });
  const names = new Map(
    paths
      .flatMap((path) => path.steps.flatMap((step) => [step.from, step.to]))
      .map((place) => [place.id, place.name]),
  );
  return paths.map((path) => ({
    ...path,
    contacts: placesOf(path).flatMap((placeId) =>
      rows
        .filter((row) => row.placeId === placeId)
        .map((row) => ({
          place: { id: placeId, name: names.get(placeId) ?? '' },
          person: { id: row.personId, name: row.name },
          title: row.title,
          role: row.role,
          organization: { id: row.organizationId, name: row.organizationName },
        })),
    ),
  }));
}

/**
 * The door-opener search: who among us can open a door to a place or a country, ranked, each way explained in the
 * reader's language. It reads the partnership graph (published ties only, for every reader), so internal ties never
 * show; unknown or unreadable places, organisations and networks answer 404.
 */
export async function findDoorOpeners(
  context: DoorOpenerContext,
  query: DoorOpenerQuery,
): Promise<DoorOpenerResponse> {
  const { db, readModels, language } = context;
  const graph = await readModels.get(partnershipGraphModel(db));
  const targetPlace = query.target === undefined ? undefined : await placeNode(db, graph, query.target);
  const region =
    query.targetRegion === undefined
      ? undefined
      : (await findRegions(db, [query.targetRegion])).get(query.targetRegion);
  if (query.targetRegion !== undefined && !region)
    throw new AppError('VALIDATION_FAILED', 'No place lies in that region', [
      { field: 'querystring.targetRegion', message: 'is not a region of any place in the registry' },
    ]);
  const { from, us, fellows } = await resolveUs(context, graph, query);
  const { targetCountry, targetRegion } = query;
  const paths = [
    ...findPaths(graph, { targetPlace, targetCountry, targetRegion, us, fellows }),
    ...(await eventPaths(
      db,
      graph,
      us,
      targetPlace
        ? { placeId: targetPlace.id }
        : targetRegion !== undefined
          ? { region: targetRegion }
          : { country: targetCountry! },
    )),
  ].sort(comparePaths);
  return {
    language,
    target: targetPlace
      ? { type: 'place', place: placeRef(targetPlace, language) }
      : region
        ? { type: 'region', region: targetRegion!, country: region.country, name: region.name }
        : { type: 'country', country: targetCountry! },
    from,
    total: paths.length,
    paths: await withContacts(
      db,
      context.actor,
      paths.slice(0, query.limit).map((path) => presentPath(path, language)),
      new Set(us.map((origin) => origin.place.id)),
    ),
  };
}
