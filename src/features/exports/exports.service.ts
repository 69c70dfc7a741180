import { stringify } from 'csv-stringify/sync';
import type { DbOrTx } from '../../db/client.ts';
import { greatCircle, splitAtAntimeridian } from '../../lib/great-circle.ts';
import type { PartnershipListQuery, PartnershipResponse } from '../partnerships/partnerships.schema.ts';
import { listPartnerships } from '../partnerships/partnerships.service.ts';
import type { PlaceSummary } from '../places/places.schema.ts';
import { listSources } from '../sources/sources.service.ts';
import * as repo from './exports.repo.ts';

/**
 * The public data as files: the published ties (with their parties, dates and sources) and their places, as CSV
 * (RFC 4180, UTF-8), XLSX (exports.xlsx.ts), GeoJSON (RFC 7946), JSON-LD (schema.org places) and a Frictionless
 * Data Package (exports.datapackage.ts). Each is written as it is read, a page of ties at a time, so the whole
 * world's data costs the server a page's memory and the places seen, not the file.
 */

export const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson', 'jsonld', 'datapackage', 'popolo'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const CSV_DATASETS = ['ties', 'places'] as const;
export type CsvDataset = (typeof CSV_DATASETS)[number];

/** The filters of /api/partnerships, without its paging. */
export type ExportFilter = Omit<PartnershipListQuery, 'cursor' | 'limit'>;

const PAGE = 1000;

/** The ties the filter selects, a page at a time, in id order. */
export async function* tiePages(db: DbOrTx, filter: ExportFilter): AsyncGenerator<PartnershipResponse[]> {
  let cursor: string | undefined;
  do {
    const page = await listPartnerships(db, { ...filter, cursor, limit: PAGE });
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** What the data is under: each source's licence and attribution, as a download names them. */
export async function exportLicence(db: DbOrTx) {
  const sources = await listSources(db);
  return {
    sources,
    text: sources.map((source) => `${source.name}: ${source.licence}. ${source.attribution}`).join('\n'),
  };
}

/** The ties the filter selects and the places that are their parties, each place once. */
export async function* tiesAndPlaces(
  db: DbOrTx,
  filter: ExportFilter,
  onTies: (count: number) => void = () => {},
) {
  const places = new Map<number, PlaceSummary>();
  for await (const page of tiePages(db, filter)) {
    for (const tie of page) for (const party of tie.parties) places.set(party.id, party);
    onTies(page.length);
    yield { ties: page, places };
  }
}

export const TIE_COLUMNS = [
  'id',
  'kind',
  'status',
  'started_on',
  'ended_on',
  'party_a_id',
  'party_a_name',
  'party_a_country',
  'party_b_id',
  'party_b_name',
  'party_b_country',
  'more_parties',
  'sources',
];
export const PLACE_COLUMNS = ['id', 'name', 'kind', 'country', 'lat', 'lng', 'population', 'partner_count'];

export function tieRow(tie: PartnershipResponse) {
  const [a, b, ...more] = tie.parties;
  return [
    tie.id,
    tie.kind,
    tie.status,
    tie.startedOn ?? '',
    tie.endedOn ?? '',
    a?.id ?? '',
    a?.name ?? '',
    a?.country ?? '',
    b?.id ?? '',
    b?.name ?? '',
    b?.country ?? '',
    more.map((party) => party.id).join(' '),
    tie.sources.map((source) => source.key).join(' '),
  ];
}

export const placeRow = (place: PlaceSummary) => [
  place.id,
  place.name,
  place.kind,
  place.country,
  place.coordinates?.lat ?? '',
  place.coordinates?.lng ?? '',
  place.population ?? '',
  place.partnerCount,
];

/**
 * A CSV of the ties or of their places: RFC 4180 (CRLF, quotes where needed), UTF-8, a header row; a cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) is written with a leading quote mark.
 */
export async function* csvExport(
  db: DbOrTx,
  dataset: CsvDataset,
  filter: ExportFilter,
  onTies?: (count: number) => void,
): AsyncGenerator<string> {
  const columns = dataset === 'ties' ? TIE_COLUMNS : PLACE_COLUMNS;
  // A line break inside a cell is quoted (csv-stringify leaves it bare with a record delimiter of its own): a
  // spreadsheet must not read it as a new row, whose first cell could be a formula.
  const lines = (rows: unknown[][]) =>
    stringify(rows, { record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ });
  yield lines([columns]);
  let places = new Map<number, PlaceSummary>();
  for await (const page of tiesAndPlaces(db, filter, onTies)) {
    places = page.places;
    if (dataset === 'ties') yield lines(page.ties.map(tieRow));
  }
  if (dataset === 'places') {
    const sorted = [...places.values()].sort((a, b) => a.id - b.id);
    for (let start = 0; start < sorted.length; start += PAGE)
      yield lines(sorted.slice(start, start + PAGE).map(placeRow));
  }
}

/** A tie as a GeoJSON feature: the great circle between its first two parties, cut at the antimeridian. */
function tieFeature(tie: PartnershipResponse) {
  const located = tie.parties.filter((party) => party.coordinates);
  const [a, b] = located;
  const parts = a && b ? splitAtAntimeridian(greatCircle(a.coordinates!, b.coordinates!, 32)) : [];
  return {
    type: 'Feature',
    id: `tie-${tie.id}`,
    geometry:
      parts.length === 0
        ? null
        : parts.length === 1
          ? { type: 'LineString', coordinates: parts[0] }
          : { type: 'MultiLineString', coordinates: parts },
    properties: {
      record: 'tie',
      id: tie.id,
      kind: tie.kind,
      status: tie.status,
      startedOn: tie.startedOn,
      endedOn: tie.endedOn,
      parties: tie.parties.map((party) => party.id).join(' '),
      partyNames: tie.parties.map((party) => party.name).join(' – '),
      sources: tie.sources.map((source) => source.key).join(' '),
    },
  };
}

const placeFeature = (place: PlaceSummary) => ({
  type: 'Feature',
  id: `place-${place.id}`,
  geometry: place.coordinates
    ? { type: 'Point', coordinates: [place.coordinates.lng, place.coordinates.lat] }
    : null,
  properties: {
    record: 'place',
    id: place.id,
    name: place.name,
    kind: place.kind,
    country: place.country,
    population: place.population,
    partnerCount: place.partnerCount,
  },
});

/**
 * A GeoJSON FeatureCollection: the ties as great-circle lines (a MultiLineString where one crosses the antimeridian),
 * then their places as points. The licence and attribution of the sources travel as members of the collection.
 */
export async function* geojsonExport(
  db: DbOrTx,
  filter: ExportFilter,
  onTies?: (count: number) => void,
): AsyncGenerator<string> {
  const licence = await exportLicence(db);
  const head = JSON.stringify({
    type: 'FeatureCollection',
    name: 'citybridge-ties',
    licence: licence.sources.map(({ key, name, url, licence, attribution }) => ({
      key,
      name,
      url,
      licence,
      attribution,
    })),
  });
  yield `${head.slice(0, -1)},"features":[\n`;
  let first = true;
  let places = new Map<number, PlaceSummary>();
  for await (const page of tiesAndPlaces(db, filter, onTies)) {
    places = page.places;
    const text = page.ties.map((tie) => JSON.stringify(tieFeature(tie))).join(',\n');
    yield `${first ? '' : ',\n'}${text}`;
    first = false;
  }
  const sorted = [...places.values()].sort((a, b) => a.id - b.id);
  for (let start = 0; start < sorted.length; start += PAGE) {
    const text = sorted
      .slice(start, start + PAGE)
      .map((place) => JSON.stringify(placeFeature(place)))
      .join(',\n');
    yield `${first ? '' : ',\n'}${text}`;
    first = false;
  }
  yield '\n]}\n';
}

/** The terms of the JSON-LD export: schema.org's, and CityBridge's own for what schema.org has no word for. */
export function jsonLdContext(baseUrl: string) {
  const own = `${baseUrl}/api/exports/vocabulary#`;
  return {
    '@vocab': 'https://schema.org/',
    cb: own,
    Tie: 'cb:Tie',
    kind: 'cb:kind',
    status: 'cb:status',
    startedOn: { '@id': 'cb:startedOn', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
    endedOn: { '@id': 'cb:endedOn', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
    party: { '@id': 'cb:party', '@type': '@id' },
    reportedBy: 'cb:reportedBy',
    partnerCount: 'cb:partnerCount',
  };
}

/**
 * A JSON-LD document: a schema.org `Dataset` with the sources' licences and credit, the ties as `cb:Tie` nodes
 * naming their parties, then the parties as schema.org `City` or `Place` nodes with their coordinates and country;
 * every node's id is its address in CityBridge.
 */
export async function* jsonLdExport(
  db: DbOrTx,
  filter: ExportFilter,
  baseUrl: string,
  onTies?: (count: number) => void,
): AsyncGenerator<string> {
  const head = JSON.stringify({ '@context': jsonLdContext(baseUrl) });
  // The data set itself comes first: what it is under, and whom to credit.
  const { sources } = await exportLicence(db);
  const dataset = {
    '@id': `${baseUrl}/api/exports/jsonld`,
    '@type': 'Dataset',
    name: 'CityBridge: ties between places',
    license: sources.map((source) => source.licence),
    creditText: sources.map((source) => source.attribution).join(' '),
    isBasedOn: sources.map((source) => ({
      '@type': 'Dataset',
      name: source.name,
      ...(source.url ? { url: source.url } : {}),
    })),
  };
  yield `${head.slice(0, -1)},"@graph":[\n${JSON.stringify(dataset)}`;
  let first = false;
  const emit = (nodes: unknown[]) => {
    const text = nodes.map((node) => JSON.stringify(node)).join(',\n');
    const chunk = `${first ? '' : ',\n'}${text}`;
    first = false;
    return chunk;
  };
  let places = new Map<number, PlaceSummary>();
  for await (const page of tiesAndPlaces(db, filter, onTies)) {
    places = page.places;
    yield emit(
      page.ties.map((tie) => ({
        '@id': `${baseUrl}/partnerships/${tie.id}`,
        '@type': 'Tie',
        kind: tie.kind,
        status: tie.status,
        ...(tie.startedOn ? { startedOn: tie.startedOn } : {}),
        ...(tie.endedOn ? { endedOn: tie.endedOn } : {}),
        party: tie.parties.map((party) => `${baseUrl}/places/${party.id}`),
        reportedBy: tie.sources.map((source) => source.name),
      })),
    );
  }
  const sorted = [...places.values()].sort((a, b) => a.id - b.id);
  for (let start = 0; start < sorted.length; start += PAGE)
    yield emit(
      sorted.slice(start, start + PAGE).map((place) => ({
        '@id': `${baseUrl}/places/${place.id}`,
        '@type': place.kind === 'municipality' || place.kind === 'district' ? 'City' : 'Place',
        name: place.name,
        address: { '@type': 'PostalAddress', addressCountry: place.country },
        ...(place.coordinates
          ? {
              geo: {
                '@type': 'GeoCoordinates',
                latitude: place.coordinates.lat,
                longitude: place.coordinates.lng,
              },
            }
          : {}),
        ...(place.population !== null ? { population: place.population } : {}),
        partnerCount: place.partnerCount,
      })),
    );
  yield '\n]}\n';
}

/**
 * Popolo JSON (popoloproject.com): the published organisations, the published people with their public posts as
 * memberships, and each organisation's place as its area. Contact points and notes stay out.
 */
export async function* popoloExport(db: DbOrTx, baseUrl: string): AsyncGenerator<string> {
  // One query at a time: `db` may be a transaction's single connection.
  const organizations = await repo.findPublicOrganizations(db);
  const people = await repo.findPublicPeople(db);
  const posts = await repo.findPublicPosts(db);
  const licence = await exportLicence(db);
  yield JSON.stringify(
    {
      persons: people.map((person) => ({ id: `person-${person.id}`, name: person.name })),
      organizations: organizations.map((organization) => ({
        id: `organization-${organization.id}`,
        name: organization.name,
        classification: organization.kind,
        ...(organization.aliases.length > 0
          ? { other_names: organization.aliases.map((name) => ({ name })) }
          : {}),
        ...(organization.placeId ? { area_id: `place-${organization.placeId}` } : {}),
        links: [
          { url: `${baseUrl}/organizations/${organization.id}`, note: 'CityBridge' },
          ...(organization.website ? [{ url: organization.website, note: 'website' }] : []),
        ],
      })),
      memberships: posts.map((post) => ({
        id: `post-${post.id}`,
        person_id: `person-${post.personId}`,
        organization_id: `organization-${post.organizationId}`,
        role: post.role,
        ...(post.title ? { label: post.title } : {}),
        ...(post.startedOn ? { start_date: post.startedOn } : {}),
        ...(post.endedOn ? { end_date: post.endedOn } : {}),
      })),
      sources: licence.sources,
    },
    null,
    1,
  );
  yield '\n';
}
