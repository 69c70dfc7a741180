/**
 * Precision and recall of the duplicate finder on the hand-checked pairs in `duplicates.test-set.json`: true
 * duplicates and look-alikes that are different places, all put into one registry, as an import would meet them.
 */
import type { PlaceKind } from '../places/places.schema.ts';
import { type DuplicateCandidate, findDuplicatePlaces, pairKey } from './duplicates.find.ts';

export interface TestPlace {
  name: string;
  kind: PlaceKind;
  country: string;
  lat: number | null;
  lng: number | null;
  wikidataQid?: string;
  geonamesId?: number;
  /** The city a district belongs to, by name. */
  parent?: string;
}

export interface TestPair {
  same: boolean;
  note: string;
  a: TestPlace;
  b: TestPlace;
}

export interface Evaluation {
  pairs: number;
  duplicates: number;
  different: number;
  /** Pairs merged automatically, and how many of them are true duplicates. */
  merged: number;
  mergedCorrectly: number;
  /** True duplicates found, merged or queued for review. */
  found: number;
  /** Different places put in the review queue. */
  queuedWrongly: number;
  /** Precision of the automatic merges (1 when none). */
  precision: number;
  /** Recall with the review queue: true duplicates merged or queued. */
  recall: number;
  /** Recall of the automatic merges alone. */
  recallMerged: number;
  missed: string[];
  wronglyMerged: string[];
}

function placeKey(place: TestPlace): string {
  return `${place.name}|${place.kind}|${place.country}|${place.lat}|${place.lng}`;
}

/** Runs the finder over the test set's places (each place once, however many pairs it is in) and scores it. */
export function evaluateFinder(pairs: readonly TestPair[]): Evaluation {
  const ids = new Map<string, number>();
  const candidates: DuplicateCandidate[] = [];
  const add = (place: TestPlace, parentId: number | null): number => {
    const key = placeKey(place);
    const known = ids.get(key);
    if (known !== undefined) return known;
    const id = candidates.length + 1;
    ids.set(key, id);
    candidates.push({
      id,
      kind: place.kind,
      name: place.name,
      country: place.country,
      lat: place.lat,
      lng: place.lng,
      wikidataQid: place.wikidataQid ?? null,
      geonamesId: place.geonamesId ?? null,
      parentId,
      partnerCount: 0,
      names: [],
    });
    return id;
  };
  const parentOf = (place: TestPlace) =>
    place.parent
      ? add({ name: place.parent, kind: 'municipality', country: place.country, lat: null, lng: null }, null)
      : null;
  const labelled = pairs.map((pair) => ({
    pair,
    key: pairKey(add(pair.a, parentOf(pair.a)), add(pair.b, parentOf(pair.b))),
  }));
  const found = findDuplicatePlaces(candidates);
  // A place merged into a group's survivor is merged with every member of the group.
  const groupOf = new Map<number, number>();
  for (const pair of found) if (pair.confidence === 'certain') groupOf.set(pair.fromId, pair.intoId);
  const group = (id: number) => groupOf.get(id) ?? id;
  const possible = new Set(
    found.filter((pair) => pair.confidence === 'possible').map((pair) => pairKey(pair.fromId, pair.intoId)),
  );
  const evaluation: Evaluation = {
    pairs: pairs.length,
    duplicates: 0,
    different: 0,
    merged: 0,
    mergedCorrectly: 0,
    found: 0,
    queuedWrongly: 0,
    precision: 1,
    recall: 1,
    recallMerged: 1,
    missed: [],
    wronglyMerged: [],
  };
  for (const { pair, key } of labelled) {
    const [a, b] = key.split('-').map(Number) as [number, number];
    const merged = group(a) === group(b);
    const queued = !merged && possible.has(key);
    if (pair.same) evaluation.duplicates += 1;
    else evaluation.different += 1;
    if (merged) {
      evaluation.merged += 1;
      if (pair.same) evaluation.mergedCorrectly += 1;
      else evaluation.wronglyMerged.push(pair.note);
    }
    if (pair.same && (merged || queued)) evaluation.found += 1;
    if (pair.same && !merged && !queued) evaluation.missed.push(pair.note);
    if (!pair.same && queued) evaluation.queuedWrongly += 1;
  }
  evaluation.precision = evaluation.merged === 0 ? 1 : evaluation.mergedCorrectly / evaluation.merged;
  evaluation.recall = evaluation.found / evaluation.duplicates;
  evaluation.recallMerged = evaluation.mergedCorrectly / evaluation.duplicates;
  return evaluation;
}
