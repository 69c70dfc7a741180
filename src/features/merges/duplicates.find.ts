/**
 * The duplicate-place finder: pairs of live places that are one place under two records, found by what their
 * names say once the label forms of the sources are understood ("X (Y)", "Y – X", "X City", "Sankt"/"St.",
 * "an der Oder"/"(Oder)", district numerals, transliterations), by how close they lie (a distance that depends on
 * the kind of place) and by the identifiers they carry (two Wikidata or GeoNames ids are two places). Pure and
 * deterministic: the same places give the same pairs.
 */

import { distanceKm, normalizeName } from '../../lib/normalize.ts';
import type { PlaceKind } from '../places/places.schema.ts';

export interface DuplicateCandidate {
  id: number;
  kind: PlaceKind;
  name: string;
  country: string;
  lat: number | null;
  lng: number | null;
  wikidataQid: string | null;
  geonamesId: number | null;
  parentId: number | null;
  partnerCount: number;
  /** Other official names of the place (its English and source labels), beside `name`. */
  names: readonly string[];
}

/** Why two places were paired; each reason is shown to the reviewer. */
export const DUPLICATE_REASONS = [
  'same_name',
  'qualifier_missing',
  'saint_form',
  'city_word',
  'district_form',
  'transliteration',
  'spelling',
  'other_geonames_id',
  'no_coordinates',
] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export interface DuplicatePair {
  /** The record that goes: merged into `intoId`. */
  fromId: number;
  /** The record that stays: the one with a Wikidata id, else a GeoNames id, else more ties, else the older. */
  intoId: number;
  /** `certain` pairs are merged during the import; `possible` ones wait for an administrator. */
  confidence: 'certain' | 'possible';
  reasons: DuplicateReason[];
  /** Great-circle distance between the two, when both have coordinates. */
  distanceKm: number | null;
}

export interface FindOptions {
  /** Pairs (`low-high` ids) that must not be paired: tied to each other, or decided "not the same". */
  excluded?: ReadonlySet<string>;
}

/** How far apart two records of one place may lie, by the kind of place: certain, and possible. */
export const DUPLICATE_DISTANCE_KM: Record<'municipality' | 'district' | 'region', [number, number]> = {
  municipality: [5, 25],
  district: [6, 15],
  region: [20, 100],
};

/** What one name of a place says: its core name, a qualifier such as a river, the city it is a district of. */
export interface NameForm {
  core: string;
  /** Transliteration skeleton of the core. */
  skeleton: string;
  qualifier: string | null;
  parent: string | null;
  /** The label's own form: a district ("Tokyo – Chūō") whatever the record's kind says. */
  district: boolean;
  reasons: DuplicateReason[];
}

const SAINT = /^(st|sankt|saint|sint|szent)$/;
const SAINTE = /^(ste|sainte)$/;
const ROMAN = /^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
/** Words that make a different place of the same name: its county, its rural municipality. */
const TYPE_WORDS =
  /\b(county|region|province|prefecture|oblast|district|municipality|gmina|rural|raion|rayon|voivodeship|canton|department|state|governorate|krai|kraj|parish|borough|township|landkreis|kreis|comarca|regency|kabupaten|communaute|agglomeration|metropole|metropolitan|urban|area|islands?)\b/;
const CITY_PREFIX = /^(city of|town of|municipality of|independent city|lutherstadt|hansestadt)\s+/;
const CITY_SUFFIX = /\s+(city|town|shi|si)$/;
/** German and English river or area qualifiers written into the name: "Frankfurt an der Oder", "Stratford upon Avon". */
const WRITTEN_QUALIFIER = /^(.+?)\s+(an der|am|an|ob der|im|in der|bei|upon|on|sur|sul|na|nad)\s+(.+)$/;

/** A qualifier as compared: "Wörther See" and "Wörthersee" are one lake. */
function qualifierKey(value: string): string {
  return normalizeName(value).replace(/ /g, '');
}

function words(value: string): string[] {
  return normalizeName(value).split(' ').filter(Boolean);
}

function saintForm(tokens: string[], reasons: Set<DuplicateReason>): string[] {
  return tokens.map((token) => {
    if (SAINT.test(token)) {
      if (token !== 'saint') reasons.add('saint_form');
      return 'saint';
    }
    if (SAINTE.test(token)) {
      if (token !== 'sainte') reasons.add('saint_form');
      return 'sainte';
    }
    return token;
  });
}

/** The numbers in a name, arabic or roman. */
function numeralsOf(core: string): string {
  return core
    .split(' ')
    .filter((token) => /^\d+$/.test(token) || ROMAN.test(token))
    .join(' ');
}

/** A name with its numerals of districts dropped: "Budapest X" → "budapest". */
function withoutNumeral(tokens: string[]): string[] {
  const last = tokens.at(-1);
  if (tokens.length > 1 && last && (ROMAN.test(last) || /^\d{1,2}$/.test(last))) return tokens.slice(0, -1);
  return tokens;
}

/**
 * A transliteration skeleton: the spellings that different romanisations give one sound reduced to one form
 * (Kharkiv/Harkiv, Tsu/Cu, Muenchen/Munchen, double letters).
 */
export function skeletonOf(core: string): string {
  return core
    .replace(/ /g, '')
    .replace(/ue/g, 'u')
    .replace(/oe/g, 'o')
    .replace(/ae/g, 'a')
    .replace(/dzh|zh|dj/g, 'j')
    .replace(/kh/g, 'h')
    .replace(/sch|sh/g, 's')
    .replace(/tch|ch/g, 'c')
    .replace(/tz|ts/g, 'c')
    .replace(/ph/g, 'f')
    .replace(/ou/g, 'u')
    .replace(/[yj]/g, 'i')
    .replace(/w/g, 'v')
    .replace(/q/g, 'k')
    .replace(/(.)\1+/g, '$1');
}

/** What a place name says, once the label forms of the sources are understood. */
export function nameForm(name: string, parentName: string | null): NameForm {
  const reasons = new Set<DuplicateReason>();
  let district = false;
  let parent: string | null = null;
  let qualifier: string | null = null;
  let text = name.trim();

  // "Tokyo – Chūō", "Budapest X – Kőbánya": a district of a city.
  const dash = /^(.+?)\s+[–—-]\s+(.+)$/.exec(text);
  if (dash?.[1] && dash[2]) {
    district = true;
    reasons.add('district_form');
    parent = withoutNumeral(words(dash[1])).join(' ');
    text = dash[2];
  }
  // "Schwedt/Oder", "Bayside, New South Wales": the river or region written after a slash or a comma.
  const slash = /^([^/,()]+?)\s*[/,]\s*([^/,()]+)$/.exec(text);
  if (slash?.[1] && slash[2]) {
    text = slash[1];
    qualifier = qualifierKey(slash[2]);
  }
  // "Chūō (Tokyo)": a district when the parenthesis is its city; "Lingen (Ems)": a qualifier otherwise.
  const parenthesis = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(text);
  if (parenthesis?.[1] && parenthesis[2]) {
    const inner = normalizeName(parenthesis[2]);
    text = parenthesis[1];
    if (parentName && inner === normalizeName(parentName)) {
      district = true;
      parent = inner;
    } else if (inner.split(' ').every((word) => TYPE_WORDS.test(word))) {
      // "Hsinchu (county)" is not Hsinchu: the type word stays part of the name.
      text = `${text} ${inner}`;
    } else {
      // "Staré Město (Uherské Hradiště District)": the district or municipality the place lies in.
      qualifier = qualifierKey(inner);
    }
  }
  let normalized = normalizeName(text);
  const written = WRITTEN_QUALIFIER.exec(normalized);
  if (written?.[1] && written[3] && !qualifier) {
    normalized = written[1];
    qualifier = qualifierKey(written[3]);
  } else if (written?.[1] && written[3] && qualifier === qualifierKey(written[3])) {
    normalized = written[1];
  }
  if (CITY_PREFIX.test(normalized) || CITY_SUFFIX.test(normalized)) {
    const stripped = normalized.replace(CITY_PREFIX, '').replace(CITY_SUFFIX, '');
    if (stripped) {
      reasons.add('city_word');
      normalized = stripped;
    }
  }
  const tokens = saintForm(normalized.split(' ').filter(Boolean), reasons);
  const core = tokens.join(' ');
  if (!district && parentName) parent = normalizeName(parentName);
  return { core, skeleton: skeletonOf(core), qualifier, parent, district, reasons: [...reasons] };
}

type Scale = keyof typeof DUPLICATE_DISTANCE_KM;

function scaleOf(place: DuplicateCandidate, forms: readonly NameForm[]): Scale | null {
  if (place.kind === 'country_level') return null;
  if (place.kind === 'district' || forms.some((form) => form.district)) return 'district';
  return place.kind === 'region' ? 'region' : 'municipality';
}

/**
 * The record that stays of two: a Wikidata id, else a GeoNames id, else a district with its city, else more ties,
 * else the older record.
 */
function survivorOrder(a: DuplicateCandidate, b: DuplicateCandidate): number {
  return (
    Number(b.wikidataQid !== null) - Number(a.wikidataQid !== null) ||
    Number(b.geonamesId !== null) - Number(a.geonamesId !== null) ||
    Number(b.parentId !== null) - Number(a.parentId !== null) ||
    b.partnerCount - a.partnerCount ||
    a.id - b.id
  );
}

export function pairKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

interface Indexed {
  place: DuplicateCandidate;
  forms: NameForm[];
  scale: Scale;
}

/** Two places this near may be one place spelt two ways ("Castelló"/"Castellón", "Mombetsu"/"Monbetsu"). */
export const SPELLING_KM = 6;

/** Whether two texts are at most one letter apart (one letter added, dropped or changed). */
export function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

type Match = { match: 'exact' | 'loose' | 'spelling'; reasons: DuplicateReason[] };

/**
 * How two name forms compare: the same name, the same but for a missing qualifier, a transliteration, a letter
 * apart (when `spelling`), or not at all.
 */
function compareForms(a: NameForm, b: NameForm, spelling: boolean): Match | null {
  // "Sector 3" and "Sector 5", "Budapest II" and "Budapest XIII": numbered districts are different places.
  if (numeralsOf(a.core) !== numeralsOf(b.core)) return null;
  if (a.district !== b.district && !(a.parent && b.parent)) return null;
  if ((a.district || b.district) && a.parent !== b.parent) return null;
  const reasons = new Set<DuplicateReason>([...a.reasons, ...b.reasons]);
  if (a.qualifier !== b.qualifier) {
    if (a.qualifier && b.qualifier) return null;
    reasons.add('qualifier_missing');
  }
  if (a.core === b.core) {
    if (reasons.size === 0) reasons.add('same_name');
    return { match: 'exact', reasons: [...reasons] };
  }
  if (a.skeleton === b.skeleton && a.skeleton.length >= 4) {
    reasons.add('transliteration');
    return { match: 'loose', reasons: [...reasons] };
  }
  if (
    spelling &&
    Math.min(a.skeleton.length, b.skeleton.length) >= 7 &&
    oneEditApart(a.skeleton, b.skeleton)
  ) {
    reasons.add('spelling');
    return { match: 'spelling', reasons: [...reasons] };
  }
  return null;
}

/**
 * Finds the pairs of duplicate places among `places` (live places only). Certain pairs never chain two
 * different Wikidata or GeoNames ids into one place: a pair that would is kept for review instead.
 */
export function findDuplicatePlaces(
  places: readonly DuplicateCandidate[],
  options: FindOptions = {},
): DuplicatePair[] {
  const byId = new Map(places.map((place) => [place.id, place]));
  const indexed: Indexed[] = [];
  for (const place of places) {
    const parentName = place.parentId ? (byId.get(place.parentId)?.name ?? null) : null;
    const forms = [place.name, ...place.names].map((name) => nameForm(name, parentName));
    const scale = scaleOf(place, forms);
    if (scale && forms.some((form) => form.core)) indexed.push({ place, forms, scale });
  }
  // Blocks: one per country and skeleton of a name; only places in one block are compared.
  const blocks = new Map<string, Indexed[]>();
  for (const entry of indexed) {
    for (const skeleton of new Set(entry.forms.map((form) => form.skeleton))) {
      const key = `${entry.place.country}|${skeleton}`;
      const block = blocks.get(key);
      if (block) block.push(entry);
      else blocks.set(key, [entry]);
    }
  }
  const candidates = new Map<string, DuplicatePair>();
  const consider = (a: Indexed, b: Indexed, spelling: boolean) => {
    const pair = comparePlaces(a, b, options.excluded, spelling);
    if (!pair) return;
    const key = pairKey(pair.fromId, pair.intoId);
    const known = candidates.get(key);
    if (!known || (known.confidence === 'possible' && pair.confidence === 'certain'))
      candidates.set(key, pair);
  };
  for (const block of blocks.values()) {
    if (block.length < 2 || block.length > 50) continue;
    for (let i = 0; i < block.length; i += 1) {
      for (let j = i + 1; j < block.length; j += 1) consider(block[i]!, block[j]!, false);
    }
  }
  // Near neighbours, for names a letter apart: cells of a tenth of a degree, each with the cells around it.
  const cells = new Map<string, Indexed[]>();
  const cellOf = (lat: number, lng: number) => [Math.floor(lat * 10), Math.floor(lng * 10)] as const;
  for (const entry of indexed) {
    const { lat, lng, country } = entry.place;
    if (lat === null || lng === null) continue;
    const [row, column] = cellOf(lat, lng);
    const key = `${country}|${row}|${column}`;
    const cell = cells.get(key);
    if (cell) cell.push(entry);
    else cells.set(key, [entry]);
  }
  for (const entry of indexed) {
    const { lat, lng, country } = entry.place;
    if (lat === null || lng === null) continue;
    const [row, column] = cellOf(lat, lng);
    for (let dRow = -1; dRow <= 1; dRow += 1) {
      for (let dColumn = -3; dColumn <= 3; dColumn += 1) {
        for (const other of cells.get(`${country}|${row + dRow}|${column + dColumn}`) ?? []) {
          if (other.place.id > entry.place.id) consider(entry, other, true);
        }
      }
    }
  }
  return keepIdentitiesApart([...candidates.values()], byId);
}

const MATCH_RANK = { exact: 0, loose: 1, spelling: 2 } as const;

function comparePlaces(
  a: Indexed,
  b: Indexed,
  excluded: ReadonlySet<string> | undefined,
  spelling: boolean,
): DuplicatePair | null {
  const x = a.place;
  const y = b.place;
  if (x.id === y.id || x.country !== y.country || a.scale !== b.scale) return null;
  if (excluded?.has(pairKey(x.id, y.id))) return null;
  if (x.wikidataQid && y.wikidataQid && x.wikidataQid !== y.wikidataQid) return null;
  // GeoNames has a place twice more often than Wikidata does: two of its ids make a pair possible at most.
  const otherGeonames = x.geonamesId !== null && y.geonamesId !== null && x.geonamesId !== y.geonamesId;
  if (x.parentId === y.id || y.parentId === x.id) return null;
  let best: Match | null = null;
  for (const p of a.forms) {
    for (const q of b.forms) {
      const compared = compareForms(p, q, spelling);
      if (compared && (!best || MATCH_RANK[compared.match] < MATCH_RANK[best.match])) best = compared;
    }
  }
  if (!best) return null;
  const [certainKm, possibleKm] = DUPLICATE_DISTANCE_KM[a.scale];
  const distance =
    x.lat !== null && x.lng !== null && y.lat !== null && y.lng !== null
      ? distanceKm({ lat: x.lat, lng: x.lng }, { lat: y.lat, lng: y.lng })
      : null;
  let confidence: DuplicatePair['confidence'];
  const reasons = [...best.reasons];
  if (distance === null) {
    if (best.match !== 'exact') return null;
    reasons.push('no_coordinates');
    confidence = 'possible';
  } else if (distance > (best.match === 'spelling' ? Math.min(possibleKm, SPELLING_KM) : possibleKm)) {
    return null;
  } else {
    confidence = best.match === 'exact' && distance <= certainKm && !otherGeonames ? 'certain' : 'possible';
  }
  if (otherGeonames) reasons.push('other_geonames_id');
  const [into, from] = [x, y].sort(survivorOrder) as [DuplicateCandidate, DuplicateCandidate];
  return {
    fromId: from.id,
    intoId: into.id,
    confidence,
    reasons,
    distanceKm: distance === null ? null : Math.round(distance * 100) / 100,
  };
}

/**
 * Joins certain pairs into groups (nearest first); a pair that would put two Wikidata or GeoNames ids in one group
 * is downgraded to possible. Each certain pair is then restated as merging into its group's survivor.
 */
function keepIdentitiesApart(
  pairs: DuplicatePair[],
  byId: ReadonlyMap<number, DuplicateCandidate>,
): DuplicatePair[] {
  const root = new Map<number, number>();
  const find = (id: number): number => {
    let current = id;
    while (root.has(current) && root.get(current) !== current) current = root.get(current)!;
    return current;
  };
  const members = new Map<number, DuplicateCandidate[]>();
  const groupOf = (id: number) => members.get(find(id)) ?? [byId.get(id)!];
  const conflicting = (left: DuplicateCandidate[], right: DuplicateCandidate[]) => {
    const qids = new Set(left.map((place) => place.wikidataQid).filter(Boolean));
    const geonames = new Set(left.map((place) => place.geonamesId).filter(Boolean));
    const otherQids = new Set(right.map((place) => place.wikidataQid).filter(Boolean));
    const otherGeonames = new Set(right.map((place) => place.geonamesId).filter(Boolean));
    return (
      new Set([...qids, ...otherQids]).size > Math.max(qids.size, otherQids.size, 1) ||
      new Set([...geonames, ...otherGeonames]).size > Math.max(geonames.size, otherGeonames.size, 1)
    );
  };
  const sorted = [...pairs].sort(
    (a, b) =>
      Number(a.confidence === 'possible') - Number(b.confidence === 'possible') ||
      (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
      a.fromId - b.fromId,
  );
  for (const pair of sorted) {
    if (pair.confidence !== 'certain') continue;
    const left = find(pair.fromId);
    const right = find(pair.intoId);
    if (left === right) continue;
    const leftGroup = groupOf(pair.fromId);
    const rightGroup = groupOf(pair.intoId);
    if (conflicting(leftGroup, rightGroup)) {
      pair.confidence = 'possible';
      continue;
    }
    root.set(left, right);
    root.set(right, right);
    members.set(right, [...leftGroup, ...rightGroup]);
    members.delete(left);
  }
  // Certain pairs restated against their group's survivor; pairs inside a group that became redundant are dropped.
  const survivors = new Map<number, number>();
  for (const [groupRoot, group] of members) {
    const survivor = [...group].sort(survivorOrder)[0]!;
    survivors.set(groupRoot, survivor.id);
  }
  const result: DuplicatePair[] = [];
  const merged = new Set<number>();
  for (const pair of sorted) {
    if (pair.confidence === 'possible') {
      if (find(pair.fromId) === find(pair.intoId) && members.has(find(pair.fromId))) continue;
      result.push(pair);
      continue;
    }
    const survivor = survivors.get(find(pair.fromId))!;
    for (const id of [pair.fromId, pair.intoId]) {
      if (id === survivor || merged.has(id)) continue;
      merged.add(id);
      result.push({ ...pair, fromId: id, intoId: survivor });
    }
  }
  return result.sort((a, b) => a.intoId - b.intoId || a.fromId - b.fromId);
}
