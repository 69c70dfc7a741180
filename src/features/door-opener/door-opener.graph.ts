import type { MultiUndirectedGraph } from 'graphology';
import type { DbOrTx } from '../../db/client.ts';
import type { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.constants.ts';
import type { ReadModel } from '../registry/read-models.ts';
import { MODEL_TAGS } from '../registry/registry.changes.ts';
import { findLocalNames, findPublishedTiePairs, findTiedPlaces } from './door-opener.repo.ts';

/** A place in the partnership graph. */
export interface PlaceNode {
  id: number;
  /** The display name (English, or the native one). */
  name: string;
  /** Official Finnish and Swedish names, where known. */
  names: { fi?: string; sv?: string };
  /** ISO 3166-1 alpha-2. */
  country: string;
  /**
   * The first-level region (province, state) the place lies in, as GeoNames codes it ("CN.23"); null where the
   * registry does not know it. The search compares regions wherever both places have one.
   */
  region: string | null;
  lat: number | null;
  lng: number | null;
}

/** A published tie between two places (a tie of three or more places is an edge per pair). */
export interface TieEdge {
  tieId: number;
  kind: (typeof PARTNERSHIP_KINDS)[number];
  status: (typeof PARTNERSHIP_STATUSES)[number];
  startYear: number | null;
}

export type PartnershipGraph = MultiUndirectedGraph<PlaceNode, TieEdge>;

/** The node key of a place. */
export const nodeKey = (placeId: number) => String(placeId);

/**
 * Builds the partnership graph from the database: every place with a published tie, and every published, live tie
 * between two places. Internal ties are not in it: the registry's change notices announce only what the public sees,
 * so a graph holding internal ties could not be kept in step with them.
 */
export async function buildPartnershipGraph(db: DbOrTx): Promise<PartnershipGraph> {
  // One query at a time: `db` may be a transaction's single connection.
  const places = await findTiedPlaces(db);
  const localNames = await findLocalNames(db);
  const ties = await findPublishedTiePairs(db);
  // Loaded with the first search, not with the server.
  const { MultiUndirectedGraph: Graph } = await import('graphology');
  const graph: PartnershipGraph = new Graph({ allowSelfLoops: false });
  for (const place of places) {
    graph.addNode(nodeKey(place.id), {
      id: place.id,
      name: place.name,
      names: {},
      country: place.country,
      region: place.admin1,
      lat: place.lat,
      lng: place.lng,
    });
  }
  for (const { placeId, lang, name } of localNames) {
    const key = nodeKey(placeId);
    if (graph.hasNode(key)) graph.getNodeAttributes(key).names[lang] = name;
  }
  for (const tie of ties) {
    const a = nodeKey(tie.a);
    const b = nodeKey(tie.b);
    // A party merged away since the counts were taken has no node; its ties moved with the merge.
    if (!graph.hasNode(a) || !graph.hasNode(b)) continue;
    graph.addEdgeWithKey(`${tie.id}:${tie.a}-${tie.b}`, a, b, {
      tieId: tie.id,
      kind: tie.kind as TieEdge['kind'],
      status: tie.status as TieEdge['status'],
      startYear: tie.startYear,
    });
  }
  return graph;
}

/**
 * The partnership graph as a read model: dropped when a write changes published ties or places (the registry's
 * change notices, on every instance), rebuilt on the next search, which waits for it so that a change is seen at
 * once. The database stays the truth.
 */
export function partnershipGraphModel(db: DbOrTx): ReadModel<PartnershipGraph> {
  return {
    key: 'door-opener-graph',
    tags: [MODEL_TAGS.ties, MODEL_TAGS.places],
    build: () => buildPartnershipGraph(db),
  };
}
