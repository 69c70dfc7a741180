import { nodeKey, type PartnershipGraph, type PlaceNode, type TieEdge } from './door-opener.graph.ts';

/** The kinds of way in, from the most direct. */
export const PATH_KINDS = [
  'own_tie',
  'member_tie',
  'partner_of_partner',
  'partner_near',
  'met_at_event',
] as const;
export type PathKind = (typeof PATH_KINDS)[number];

/** A place that counts as "us", and the network that makes it one of us, if any. */
export interface Origin {
  place: PlaceNode;
  /** The network's name when the place is a member of the network searched from, or a fellow member of ours. */
  memberOf: string | null;
}

export interface SearchInput {
  /** A place target: the place, which need not have ties (it is found through places near it). */
  targetPlace?: PlaceNode;
  /** A country target: any place in it. */
  targetCountry?: string;
  /** A first-level region target ("CN.23"): any place in it. */
  targetRegion?: string;
  /** Our own places: the place, the organisation's place, or the network's member places. */
  us: readonly Origin[];
  /** Fellow members of the networks we belong to: only their own ties to the target count. */
  fellows: readonly Origin[];
}

export type FoundStep =
  | { type: 'tie'; from: PlaceNode; to: PlaceNode; tie: TieEdge; memberOf: string | null }
  | {
      type: 'distance';
      from: PlaceNode;
      to: PlaceNode;
      km: number;
      sameCountry: boolean;
      sameRegion: boolean;
    }
  | { type: 'event'; from: PlaceNode; to: PlaceNode; event: SharedEvent };

/** A published event that two places were at (as hosts, or recorded as having attended). */
export interface SharedEvent {
  id: number;
  title: Record<string, string>;
  /** When it began (ISO 8601). */
  startsAt: string;
}

export interface FoundPath {
  kind: PathKind;
  score: number;
  steps: FoundStep[];
}

/** Places within this distance of a place target count as near it. */
export const NEAR_KM = 800;

const BASE_SCORE: Record<PathKind, number> = {
  own_tie: 100,
  member_tie: 80,
  partner_of_partner: 50,
  partner_near: 60,
  met_at_event: 40,
};

/** How much a tie of each status opens doors; ended ties are not a way in. */
const STATUS_WEIGHT: Record<string, number> = {
  active: 1,
  proposed: 0.6,
  dormant: 0.5,
  suspended: 0.3,
  ended: 0,
};

const KIND_ORDER = ['twin_town', 'sister_city', 'friendship_city', 'cooperation_agreement', 'mou', 'project'];
const kindRank = (kind: string) => {
  const index = KIND_ORDER.indexOf(kind);
  return index === -1 ? KIND_ORDER.length : index;
};

const statusWeight = (tie: TieEdge) => STATUS_WEIGHT[tie.status] ?? 0;

/** Great-circle distance in km (haversine, mean Earth radius). */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Nearer is better: 1 at the target, ½ at 250 km, ⅕ at 1000 km. */
const proximity = (km: number) => 1 / (1 + km / 250);

/** Per graph: each place's best tie to each partner, filled as places are asked about. */
const partnerCaches = new WeakMap<PartnershipGraph, Map<string, Map<string, TieEdge>>>();

/**
 * The best tie between a place and each of its partners: the liveliest status, then the closest kind, then the
 * oldest record, so that the answer is the same every time. Ended ties are left out.
 */
function partnersOf(graph: PartnershipGraph, key: string): Map<string, TieEdge> {
  let cache = partnerCaches.get(graph);
  if (!cache) {
    cache = new Map();
    partnerCaches.set(graph, cache);
  }
  const cached = cache.get(key);
  if (cached) return cached;
  const best = new Map<string, TieEdge>();
  if (graph.hasNode(key)) {
    graph.forEachEdge(key, (_edge, tie, source, target) => {
      if (statusWeight(tie) === 0) return;
      const other = source === key ? target : source;
      const held = best.get(other);
      if (
        !held ||
        statusWeight(tie) > statusWeight(held) ||
        (statusWeight(tie) === statusWeight(held) &&
          (kindRank(tie.kind) < kindRank(held.kind) ||
            (kindRank(tie.kind) === kindRank(held.kind) && tie.tieId < held.tieId)))
      )
        best.set(other, tie);
    });
  }
  cache.set(key, best);
  return best;
}

/** Per graph: the places with coordinates, by latitude, to find those near a target without visiting them all. */
const latitudeIndexes = new WeakMap<PartnershipGraph, { lats: Float64Array; keys: string[] }>();

function latitudeIndex(graph: PartnershipGraph) {
  const held = latitudeIndexes.get(graph);
  if (held) return held;
  const placed: [number, string][] = [];
  graph.forEachNode((key, place) => {
    if (place.lat !== null && place.lng !== null) placed.push([place.lat, key]);
  });
  placed.sort((x, y) => x[0] - y[0] || Number(x[1]) - Number(y[1]));
  const index = { lats: Float64Array.from(placed, ([lat]) => lat), keys: placed.map(([, key]) => key) };
  latitudeIndexes.set(graph, index);
  return index;
}

/** The first index whose latitude is at least `lat`. */
function lowerBound(lats: Float64Array, lat: number): number {
  let low = 0;
  let high = lats.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lats[middle]! < lat) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface Reach {
  origin: Origin;
  edge: TieEdge;
}
interface SecondReach extends Reach {
  middle: string;
  second: TieEdge;
}

/** Who we reach in one tie and in two: the same for every target, so kept per graph for recent searchers. */
interface UsIndex {
  us: Map<string, Origin>;
  ourPartners: Map<string, Reach[]>;
  theirPartners: Map<string, SecondReach[]>;
}

const US_INDEXES_KEPT = 64;
const usIndexes = new WeakMap<PartnershipGraph, Map<string, UsIndex>>();

function usIndex(graph: PartnershipGraph, origins: readonly Origin[]): UsIndex {
  const signature = origins.map((origin) => `${origin.place.id}:${origin.memberOf ?? ''}`).join('|');
  let kept = usIndexes.get(graph);
  if (!kept) {
    kept = new Map();
    usIndexes.set(graph, kept);
  }
  const held = kept.get(signature);
  if (held) {
    kept.delete(signature);
    kept.set(signature, held);
    return held;
  }
  const us = new Map<string, Origin>();
  for (const origin of origins) us.set(nodeKey(origin.place.id), origin);
  const ourPartners = new Map<string, Reach[]>();
  for (const [key, origin] of us) {
    for (const [other, edge] of partnersOf(graph, key)) {
      if (us.has(other)) continue;
      const list = ourPartners.get(other) ?? [];
      list.push({ origin, edge });
      ourPartners.set(other, list);
    }
  }
  const theirPartners = new Map<string, SecondReach[]>();
  for (const [middle, reaches] of ourPartners) {
    for (const [other, second] of partnersOf(graph, middle)) {
      if (us.has(other)) continue;
      const list = theirPartners.get(other) ?? [];
      for (const reach of reaches) list.push({ ...reach, middle, second });
      theirPartners.set(other, list);
    }
  }
  const index = { us, ourPartners, theirPartners };
  kept.set(signature, index);
  if (kept.size > US_INDEXES_KEPT) kept.delete(kept.keys().next().value!);
  return index;
}

/** Orders paths best first: score, fewer steps, then place and tie ids, so that equal scores keep one order. */
export function comparePaths(x: FoundPath, y: FoundPath): number {
  if (x.score !== y.score) return y.score - x.score;
  if (x.steps.length !== y.steps.length) return x.steps.length - y.steps.length;
  const ids = (path: FoundPath) =>
    path.steps.flatMap((step) =>
      step.type === 'tie'
        ? [step.from.id, step.to.id, step.tie.tieId]
        : step.type === 'event'
          ? [step.from.id, step.to.id, step.event.id]
          : [step.to.id],
    );
  const a = ids(x);
  const b = ids(y);
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    if (a[index] !== b[index]) return a[index]! - b[index]!;
  }
  return a.length - b.length;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** A way in through an event both places were at; the years since count against it (half after ten years). */
export function eventPath(from: PlaceNode, to: PlaceNode, event: SharedEvent, now: Date): FoundPath {
  const years = Math.max(0, (now.getTime() - Date.parse(event.startsAt)) / (365.25 * 86_400_000));
  return {
    kind: 'met_at_event',
    score: round1(BASE_SCORE.met_at_event / (1 + years / 10)),
    steps: [{ type: 'event', from, to, event }],
  };
}

/**
 * Every way in from us to the target, ranked: (a) our own ties to it; (b) ties to it of our network's members (when
 * searching from a network, its members are us; from a place or organisation, the fellow members of the published
 * networks it belongs to); (c) partners of our partners that are tied to it; (d) our partners, and their partners,
 * near a place target (great-circle distance within NEAR_KM; the same region or country counts in their favour).
 */
export function findPaths(graph: PartnershipGraph, input: SearchInput): FoundPath[] {
  const paths: FoundPath[] = [];
  const node = (key: string) => graph.getNodeAttributes(key);
  const isTarget = (place: PlaceNode) =>
    input.targetPlace
      ? place.id === input.targetPlace.id
      : input.targetRegion !== undefined
        ? place.region === input.targetRegion
        : place.country === input.targetCountry;
  const targetKeys: string[] = [];
  if (input.targetPlace) {
    if (graph.hasNode(nodeKey(input.targetPlace.id))) targetKeys.push(nodeKey(input.targetPlace.id));
  } else {
    graph.forEachNode((key, place) => {
      if (isTarget(place)) targetKeys.push(key);
    });
  }
  const targetNode = (key: string) => (input.targetPlace ? input.targetPlace : node(key));
  const { us, ourPartners, theirPartners } = usIndex(graph, input.us);
  const tie = (from: PlaceNode, to: PlaceNode, edge: TieEdge, memberOf: string | null = null): FoundStep => ({
    type: 'tie',
    from,
    to,
    tie: edge,
    memberOf,
  });

  for (const targetKey of targetKeys) {
    if (us.has(targetKey)) continue;
    const target = targetNode(targetKey);
    // (a) and (b): our ties, and our network's members' ties, to the target.
    for (const { origin, edge } of ourPartners.get(targetKey) ?? []) {
      const kind: PathKind = origin.memberOf ? 'member_tie' : 'own_tie';
      paths.push({
        kind,
        score: round1(BASE_SCORE[kind] * statusWeight(edge)),
        steps: [tie(origin.place, target, edge, origin.memberOf)],
      });
    }
    // (c) partners of our partners: us — partner — target.
    for (const { origin, edge, middle, second } of theirPartners.get(targetKey) ?? []) {
      if (isTarget(node(middle))) continue;
      paths.push({
        kind: 'partner_of_partner',
        score: round1(BASE_SCORE.partner_of_partner * statusWeight(edge) * statusWeight(second)),
        steps: [tie(origin.place, node(middle), edge, origin.memberOf), tie(node(middle), target, second)],
      });
    }
  }
  // (b) from a place or organisation: the fellow members of our networks, their own ties to the target only.
  for (const fellow of input.fellows) {
    const key = nodeKey(fellow.place.id);
    if (us.has(key)) continue;
    for (const [other, edge] of partnersOf(graph, key)) {
      if (!isTarget(node(other)) || us.has(other)) continue;
      paths.push({
        kind: 'member_tie',
        // A fellow member is one step further from us than our own network's members.
        score: round1(BASE_SCORE.member_tie * 0.875 * statusWeight(edge)),
        steps: [tie(fellow.place, targetNode(other), edge, fellow.memberOf)],
      });
    }
  }

  // (d) our partners, and their partners, near a place target.
  const target = input.targetPlace;
  if (target && target.lat !== null && target.lng !== null) {
    const at = { lat: target.lat, lng: target.lng };
    const { lats, keys } = latitudeIndex(graph);
    // A degree of latitude is about 111 km everywhere.
    const end = lowerBound(lats, at.lat + NEAR_KM / 111 + 1e-9);
    for (let index = lowerBound(lats, at.lat - NEAR_KM / 111); index < end; index += 1) {
      const key = keys[index]!;
      const direct = ourPartners.get(key);
      const second = theirPartners.get(key);
      if ((!direct && !second) || us.has(key)) continue;
      const place = node(key);
      if (place.id === target.id) continue;
      const km = haversineKm({ lat: place.lat!, lng: place.lng! }, at);
      const sameRegion = place.region !== null && place.region === target.region;
      if (km > NEAR_KM && !sameRegion) continue;
      const sameCountry = place.country === target.country;
      const closeness = proximity(km) * (sameRegion ? 1.2 : sameCountry ? 1.1 : 1);
      const distance: FoundStep = { type: 'distance', from: place, to: target, km, sameCountry, sameRegion };
      for (const { origin, edge } of direct ?? []) {
        paths.push({
          kind: 'partner_near',
          score: round1(BASE_SCORE.partner_near * statusWeight(edge) * closeness),
          steps: [tie(origin.place, place, edge, origin.memberOf), distance],
        });
      }
      for (const reach of second ?? []) {
        if (reach.middle === nodeKey(target.id)) continue;
        paths.push({
          kind: 'partner_near',
          score: round1(
            BASE_SCORE.partner_near * 0.5 * statusWeight(reach.edge) * statusWeight(reach.second) * closeness,
          ),
          steps: [
            tie(reach.origin.place, node(reach.middle), reach.edge, reach.origin.memberOf),
            tie(node(reach.middle), place, reach.second),
            distance,
          ],
        });
      }
    }
  }

  return paths.sort(comparePaths);
}
