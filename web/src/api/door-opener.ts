import { useQuery } from '@tanstack/react-query';
import { getJson } from './client.ts';

/** The languages the door-opener's sentences come in. */
export type DoorOpenerLanguage = 'fi' | 'sv' | 'en';

/** How a path leads in: our own tie, a network member's tie, two ties, a partner near the target, or an event. */
export type DoorOpenerPathKind =
  | 'own_tie'
  | 'member_tie'
  | 'partner_of_partner'
  | 'partner_near'
  | 'met_at_event';

/** A place named in an answer, in the answer's language where known. */
export interface DoorOpenerPlace {
  id: number;
  name: string;
  country: string;
  /** Where it lies, for the map; null when not known. */
  coordinates: { lat: number; lng: number } | null;
}

/** A step of a path: a published tie between two places, how far a place is from the target, or an event both were at. */
export type DoorOpenerStep =
  | {
      type: 'tie';
      from: DoorOpenerPlace;
      to: DoorOpenerPlace;
      tie: { id: number; kind: string; status: string; startYear: number | null };
      memberOf: string | null;
      sentence: string;
    }
  | {
      type: 'distance';
      from: DoorOpenerPlace;
      to: DoorOpenerPlace;
      km: number;
      sameCountry: boolean;
      sameRegion: boolean;
      sentence: string;
    }
  | {
      type: 'event';
      from: DoorOpenerPlace;
      to: DoorOpenerPlace;
      event: { id: number; title: string; year: number };
      sentence: string;
    };

export interface DoorOpenerPath {
  kind: DoorOpenerPathKind;
  score: number;
  steps: DoorOpenerStep[];
  sentence: string;
  /** Who to ask along the way, for members of an organisation; null for everyone else. */
  contacts: DoorOpenerContact[] | null;
}

/** A person holding a post in a government of a place on a way in. */
export interface DoorOpenerContact {
  place: { id: number; name: string };
  person: { id: number; name: string };
  title: string | null;
  role: string;
  organization: { id: number; name: string };
}

/** GET /api/door-opener's answer: ranked paths, best first (the API's response schema, as the page reads it). */
export interface DoorOpenerResponse {
  language: DoorOpenerLanguage;
  target:
    | { type: 'place'; place: DoorOpenerPlace }
    | { type: 'country'; country: string }
    | { type: 'region'; region: string; country: string; name: string };
  from: {
    type: 'place' | 'organization' | 'network';
    id: number;
    name: string;
    places: DoorOpenerPlace[];
  };
  total: number;
  paths: DoorOpenerPath[];
}

/** Whom the search is for, and where to: one target (a place, a country or a region) and one "us". */
export interface DoorOpenerQuery {
  target?: number;
  targetCountry?: string;
  targetRegion?: string;
  fromPlace?: number;
  fromOrganization?: number;
  fromNetwork?: number;
  lang: DoorOpenerLanguage;
  limit?: number;
}

/** Whether a query names both a target and an "us". */
export const isCompleteQuery = (query: DoorOpenerQuery) =>
  (query.target !== undefined || query.targetCountry !== undefined || query.targetRegion !== undefined) &&
  (query.fromPlace !== undefined || query.fromOrganization !== undefined || query.fromNetwork !== undefined);

/** The ranked ways in to a place or a country, with a sentence per step in the language asked. */
export const useDoorOpener = (query: DoorOpenerQuery) =>
  useQuery({
    queryKey: ['door-opener', query] as const,
    queryFn: ({ signal }) =>
      getJson<DoorOpenerResponse>('/api/door-opener', { ...query, limit: query.limit ?? 10 }, signal),
    enabled: isCompleteQuery(query),
    staleTime: 30_000,
  });
