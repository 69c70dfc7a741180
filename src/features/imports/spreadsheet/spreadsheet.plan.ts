import type { DbOrTx } from '../../../db/client.ts';
import { distanceKm } from '../../../lib/normalize.ts';
import type { Actor } from '../../auth/actor.ts';
import { policy } from '../../auth/policy.ts';
import { findGovernmentsOf } from '../../organizations/organizations.service.ts';
import { SINGLE_TIE_KINDS } from '../../partnerships/partnerships.constants.ts';
import type { POST_ROLES } from '../../people/people.constants.ts';
import { listPeople } from '../../people/people.service.ts';
import { searchPlaces } from '../../places/places.service.ts';
import { listSources } from '../../sources/sources.service.ts';
import {
  findPlacesByIdsOrQids,
  findPlacesByNameKeys,
  findTiesByPartyKeys,
  type PlaceCandidateRow,
} from '../imports.repo.ts';
import type { StoredSheet } from '../imports.tables.ts';
import {
  type Read,
  type ReasonCode,
  readCountry,
  readDate,
  readEmail,
  readKind,
  readNumber,
  readPhone,
  readPlaceKind,
  readQid,
  readRole,
  readStatus,
  readText,
} from './spreadsheet.cells.ts';
import type { ImportMapping, SheetMapping, SheetType } from './spreadsheet.fields.ts';

/**
 * The dry run: what each row of a mapped spreadsheet would do to the registry, decided from the registry as it is.
 * The commit writes exactly this plan, made again inside its transaction.
 *
 * A tie's places are found as the registry's search finds them: by the place sheet's id in the same file, by
 * CityBridge id (when the name agrees), by Wikidata id, by any of a place's names in any language ("Esbo" is
 * Espoo), and last by a similar name ("Espo"). A place found nowhere becomes a new place when its country is given.
 */

export type Outcome = 'create' | 'update' | 'unchanged' | 'refused';
export type PlaceMatch = 'existing' | 'similar' | 'new' | 'none' | 'ambiguous';

export interface RowReason {
  code: ReasonCode;
  field: string | null;
  message: string;
}

export interface RowResult {
  sheet: string;
  line: number;
  type: 'tie' | 'place' | 'source' | 'person';
  outcome: Outcome;
  label: string;
  recordId: number | null;
  reasons: RowReason[];
  changes: string[];
  places: {
    field: 'placeA' | 'placeB';
    input: string;
    match: PlaceMatch;
    placeId: number | null;
    name: string | null;
    country: string | null;
  }[];
}

/** Where a place of the plan is: in the registry, or the n-th new place. */
export type PlaceRef = { id: number } | { fresh: number };

export interface NewPlace {
  name: string;
  country: string;
  kind: 'municipality' | 'district' | 'region' | 'country_level';
  lat: number | null;
  lng: number | null;
  population: number | null;
  wikidataQid: string | null;
  recordKey: string;
  raw: Record<string, unknown>;
  /** A row of a places sheet, kept even when no tie names it. */
  fromSheet: boolean;
}

export interface NewTie {
  kind: typeof import('../../partnerships/partnerships.constants.ts').PARTNERSHIP_KINDS[number];
  status: typeof import('../../partnerships/partnerships.constants.ts').PARTNERSHIP_STATUSES[number];
  startedOn: string | null;
  endedOn: string | null;
  parties: [PlaceRef, PlaceRef];
}

export interface TieRecord {
  /** The tie: an existing one, or the n-th new tie. */
  tie: { id: number } | { fresh: number };
  sourceKeys: string[];
  recordKey: string;
  raw: Record<string, unknown>;
}

export interface ImportPlan {
  rows: RowResult[];
  sources: { key: string; name: string; url: string | null; licence: string; attribution: string }[];
  newPlaces: NewPlace[];
  placeGaps: { id: number; gaps: { lat?: number; lng?: number; population?: number } }[];
  newTies: NewTie[];
  tieUpdates: { id: number; before: Record<string, string | null>; changes: Record<string, string | null> }[];
  records: TieRecord[];
  /** Contacts, kept by the organisation imported for, each with a post there. */
  newPeople: NewPerson[];
}

export interface NewPerson {
  name: string;
  keeperId: number;
  role: (typeof POST_ROLES)[number];
  title: string | null;
  email: string | null;
  phone: string | null;
}

export interface PlanContext {
  /** Who imports; null for the command line, which acts as the machine's operator. */
  actor: Actor | null;
  /** The organisation imported for: its place is a tie's own city when the sheet leaves it out. */
  organization: { id: number; placeId: number | null } | null;
  /** The source the rows are recorded under when they name none (or the importer may not name one). */
  defaultSourceKey: string;
  /** Identifies the file in record keys, so the same file imported twice adds no second record. */
  fileKey: string;
}

type Row = { line: number; cells: string[] };

/** How many names a dry run looks up by similarity, and how many new places a file may add but an operator's. */
export const MAX_SIMILAR_SEARCHES = 1000;
export const MAX_NEW_PLACES = 200;

/** Whoever may name sources, fill gaps of existing places and import a sheet of places: administrators and the CLI. */
const isOperator = (actor: Actor | null) => actor === null || actor.isAdmin;

class RowReader {
  readonly reasons: RowReason[] = [];
  constructor(
    private readonly mapping: SheetMapping,
    private readonly columns: readonly string[],
    private readonly row: Row,
  ) {}

  cell(field: string): string | undefined {
    const column = this.mapping.columns[field];
    if (!column) return undefined;
    return this.row.cells[this.columns.indexOf(column)];
  }

  mapped(field: string): boolean {
    return !!this.mapping.columns[field];
  }

  read<T>(field: string, reader: (cell: string | undefined) => Read<T>): T | undefined {
    const result = reader(this.cell(field));
    if ('reason' in result) {
      this.reasons.push({ code: result.reason, field, message: result.message });
      return undefined;
    }
    return result.value;
  }

  refuse(code: ReasonCode, field: string | null, message: string) {
    this.reasons.push({ code, field, message });
  }

  /** Every mapped cell, for the provenance record. */
  raw(): Record<string, unknown> {
    return {
      line: this.row.line,
      ...Object.fromEntries(
        Object.entries(this.mapping.columns).map(([field, column]) => [column, this.cell(field) ?? '']),
      ),
    };
  }
}

const refused = (
  sheet: string,
  line: number,
  type: RowResult['type'],
  label: string,
  reasons: RowReason[],
) => ({
  sheet,
  line,
  type,
  outcome: 'refused' as const,
  label,
  recordId: null,
  reasons,
  changes: [],
  places: [],
});

/** The sheets of a mapping in the order they are planned: sources, places, then the ties that name them. */
function mappedSheets(mapping: ImportMapping, sheets: readonly StoredSheet[], type: SheetType) {
  return mapping.sheets
    .filter((entry) => entry.type === type)
    .map((entry) => ({ entry, sheet: sheets.find((sheet) => sheet.name === entry.sheet)! }))
    .filter(({ sheet }) => sheet);
}

interface ResolvedPlace {
  ref: PlaceRef;
  match: PlaceMatch;
  name: string;
  country: string;
  /** The registry id, for existing places. */
  id: number | null;
}

export async function planImport(
  db: DbOrTx,
  context: PlanContext,
  sheets: readonly StoredSheet[],
  mapping: ImportMapping,
): Promise<ImportPlan> {
  const plan: ImportPlan = {
    rows: [],
    sources: [],
    newPlaces: [],
    placeGaps: [],
    newTies: [],
    tieUpdates: [],
    records: [],
    newPeople: [],
  };
  const operator = isOperator(context.actor);

  // Sources: those the registry has, and those a sheet of the file defines (for operators only).
  const knownSources = new Set((await listSources(db)).map((source) => source.key));
  for (const { entry, sheet } of mappedSheets(mapping, sheets, 'sources')) {
    for (const row of sheet.rows) {
      const reader = new RowReader(entry, sheet.columns, row);
      const key = reader.read('key', (cell) => readText(cell, 100));
      const name = reader.read('name', readText);
      const url = reader.read('url', (cell) => readText(cell, 500));
      const licence = reader.read('licence', (cell) => readText(cell, 500));
      const attribution = reader.read('attribution', (cell) => readText(cell, 1000));
      for (const [field, value] of Object.entries({ key, name, licence, attribution })) {
        if (value === undefined && !reader.reasons.some((reason) => reason.field === field)) {
          reader.refuse('missing_value', field, 'is empty');
        }
      }
      if (!operator)
        reader.refuse('not_allowed', null, 'only administrators may name the sources of imported data');
      const label = key ?? `${row.line}`;
      if (reader.reasons.length > 0) {
        plan.rows.push(refused(sheet.name, row.line, 'source', label, reader.reasons));
        continue;
      }
      const known = knownSources.has(key!);
      if (!known) {
        plan.sources.push({
          key: key!,
          name: name!,
          url: url ?? null,
          licence: licence!,
          attribution: attribution!,
        });
        knownSources.add(key!);
      }
      plan.rows.push({
        sheet: sheet.name,
        line: row.line,
        type: 'source',
        outcome: known ? 'unchanged' : 'create',
        label,
        recordId: null,
        reasons: [],
        changes: [],
        places: [],
      });
    }
  }

  await planPeople(db, context, sheets, mapping, plan);

  // Everything the places and ties name, looked up at once.
  const placeSheets = mappedSheets(mapping, sheets, 'places');
  const tieSheets = mappedSheets(mapping, sheets, 'ties');
  const names = new Set<string>();
  const ids = new Set<number>();
  const qids = new Set<string>();
  const collect = (
    entry: SheetMapping,
    columns: readonly string[],
    rows: readonly Row[],
    fields: string[][],
  ) => {
    for (const row of rows) {
      const reader = new RowReader(entry, columns, row);
      for (const [name, id, qid] of fields) {
        const text = readText(reader.cell(name!));
        if ('value' in text && text.value) names.add(text.value);
        const number = Number(reader.cell(id!));
        if (id && Number.isInteger(number) && number > 0 && number < 2 ** 31) ids.add(number);
        const item = readQid(reader.cell(qid!));
        if ('value' in item && item.value) qids.add(item.value);
      }
    }
  };
  for (const { entry, sheet } of placeSheets)
    collect(entry, sheet.columns, sheet.rows, [['name', '', 'wikidata']]);
  for (const { entry, sheet } of tieSheets) {
    collect(entry, sheet.columns, sheet.rows, [
      ['placeA', 'placeAId', 'placeAWikidata'],
      ['placeB', 'placeBId', 'placeBWikidata'],
    ]);
  }
  const byName = new Map<string, PlaceCandidateRow[]>();
  for (const row of await findPlacesByNameKeys(db, [...names])) {
    byName.set(row.input, [...(byName.get(row.input) ?? []), row]);
  }
  if (context.organization?.placeId) ids.add(context.organization.placeId);
  const direct = await findPlacesByIdsOrQids(db, [...ids], [...qids]);
  const byId = new Map(direct.map((row) => [row.askedId, row]));
  const byQid = new Map(direct.filter((row) => row.askedQid).map((row) => [row.askedQid!, row]));

  // Places: a row of a places sheet is an existing place (filling what it lacks) or a new one.
  const fileKeys = new Map<string, ResolvedPlace>();
  const freshByKey = new Map<string, number>();
  const existingResult = (row: PlaceCandidateRow, match: PlaceMatch): ResolvedPlace => ({
    ref: { id: row.id },
    match,
    name: row.name,
    country: row.country,
    id: row.id,
  });
  for (const { entry, sheet } of placeSheets) {
    for (const row of sheet.rows) {
      const reader = new RowReader(entry, sheet.columns, row);
      const fileId = reader.read('id', (cell) => readText(cell, 100));
      const name = reader.read('name', readText);
      const country = reader.read('country', readCountry);
      const kind = reader.read('kind', readPlaceKind) ?? 'municipality';
      const lat = reader.read('lat', (cell) => readNumber(cell, { min: -90, max: 90 }));
      const lng = reader.read('lng', (cell) => readNumber(cell, { min: -180, max: 180 }));
      const population = reader.read('population', (cell) =>
        readNumber(cell, { min: 0, max: 2_000_000_000, integer: true }),
      );
      const qid = reader.read('wikidata', readQid);
      if (name === undefined && !reader.reasons.some((reason) => reason.field === 'name')) {
        reader.refuse('missing_value', 'name', 'is empty');
      }
      if (country === undefined && !reader.reasons.some((reason) => reason.field === 'country')) {
        reader.refuse('missing_value', 'country', 'is empty');
      }
      if ((lat === undefined) !== (lng === undefined)) {
        reader.refuse('bad_number', lat === undefined ? 'lat' : 'lng', 'latitude and longitude go together');
      }
      if (!operator) reader.refuse('not_allowed', null, 'only administrators may import a sheet of places');
      const label = name ? `${name}${country ? ` (${country})` : ''}` : `${row.line}`;
      if (reader.reasons.length > 0) {
        plan.rows.push(refused(sheet.name, row.line, 'place', label, reader.reasons));
        continue;
      }
      const point = lat !== undefined && lng !== undefined ? { lat, lng } : null;
      const sameCountry = (byName.get(name!) ?? []).filter((candidate) => candidate.country === country);
      const near = point
        ? sameCountry
            .filter(
              (candidate) =>
                candidate.lat !== null && distanceKm(point, candidate as { lat: number; lng: number }) <= 30,
            )
            .sort(
              (a, b) =>
                distanceKm(point, a as { lat: number; lng: number }) -
                distanceKm(point, b as { lat: number; lng: number }),
            )
        : sameCountry;
      const existing =
        (qid ? byQid.get(qid) : undefined) ?? (near.length === 1 || point ? near[0] : undefined);
      const dedupeKey =
        qid ?? `${name!.toLocaleLowerCase()}|${country}|${point ? `${point.lat},${point.lng}` : ''}`;
      let resolved: ResolvedPlace;
      const result: RowResult = {
        sheet: sheet.name,
        line: row.line,
        type: 'place',
        outcome: 'unchanged',
        label,
        recordId: null,
        reasons: [],
        changes: [],
        places: [],
      };
      if (!existing && !point && near.length > 1) {
        plan.rows.push(
          refused(sheet.name, row.line, 'place', label, [
            {
              code: 'place_ambiguous',
              field: 'name',
              message: `several places are called so: ${near.map((candidate) => `${candidate.name} (${candidate.id})`).join(', ')}; give its coordinates or Wikidata id`,
            },
          ]),
        );
        continue;
      }
      if (existing) {
        resolved = existingResult(existing, 'existing');
        result.recordId = existing.id;
        const gaps: ImportPlan['placeGaps'][number]['gaps'] = {};
        if (existing.lat === null && point) Object.assign(gaps, point);
        if (existing.population === null && population !== undefined) gaps.population = population;
        if (Object.keys(gaps).length > 0) {
          plan.placeGaps.push({ id: existing.id, gaps });
          existing.lat ??= point?.lat ?? null;
          existing.lng ??= point?.lng ?? null;
          existing.population ??= population ?? null;
          result.outcome = 'update';
          result.changes = Object.keys(gaps);
        }
      } else if (freshByKey.has(dedupeKey)) {
        const index = freshByKey.get(dedupeKey)!;
        resolved = { ref: { fresh: index }, match: 'new', name: name!, country: country!, id: null };
        result.reasons.push({
          code: 'duplicate_row',
          field: null,
          message: 'the same place is on an earlier row',
        });
      } else {
        const index = plan.newPlaces.length;
        freshByKey.set(dedupeKey, index);
        plan.newPlaces.push({
          name: name!,
          country: country!,
          kind,
          lat: point?.lat ?? null,
          lng: point?.lng ?? null,
          population: population ?? null,
          wikidataQid: qid ?? null,
          recordKey: `${context.fileKey}:${sheet.name}:${row.line}`,
          raw: reader.raw(),
          fromSheet: true,
        });
        resolved = { ref: { fresh: index }, match: 'new', name: name!, country: country!, id: null };
        result.outcome = 'create';
      }
      if (fileId) fileKeys.set(fileId, resolved);
      plan.rows.push(result);
    }
  }

  // Ties. A similar name is looked up once per name and country, and at most so many times a file.
  const similarSearches = new Map<string, Awaited<ReturnType<typeof searchPlaces>>>();
  const similarPlaces = async (name: string, country: string | undefined) => {
    const key = `${name}|${country ?? ''}`;
    const known = similarSearches.get(key);
    if (known) return known;
    if (similarSearches.size >= MAX_SIMILAR_SEARCHES) return undefined;
    const found = await searchPlaces(db, { q: name.slice(0, 100), country, limit: 3 });
    similarSearches.set(key, found);
    return found;
  };
  const resolveParty = async (
    reader: RowReader,
    side: 'A' | 'B',
  ): Promise<{ resolved?: ResolvedPlace; input: string }> => {
    const field = `place${side}`;
    const name = reader.read(field, readText);
    const country = reader.read(`${field}Country`, readCountry);
    const qid = reader.read(`${field}Wikidata`, readQid);
    const idText = reader.read(`${field}Id`, (cell) => readText(cell, 100));
    const input = name ?? idText ?? qid ?? '';
    if (reader.reasons.some((reason) => reason.field?.startsWith(field))) return { input };
    if (idText && fileKeys.has(idText)) return { input, resolved: fileKeys.get(idText) };
    const byOwnId = idText && /^\d+$/.test(idText) ? byId.get(Number(idText)) : undefined;
    if (byOwnId && (!name || (byName.get(name) ?? []).some((candidate) => candidate.id === byOwnId.id))) {
      return { input, resolved: existingResult(byOwnId, 'existing') };
    }
    if (qid && byQid.has(qid)) return { input, resolved: existingResult(byQid.get(qid)!, 'existing') };
    if (!name) {
      if (side === 'A' && !reader.mapped(field) && context.organization?.placeId) {
        const own = byId.get(context.organization.placeId);
        if (own) return { input: own.name, resolved: existingResult(own, 'existing') };
      }
      if (!qid && !idText) reader.refuse('missing_value', field, 'is empty');
      else reader.refuse('place_not_found', field, `no place ${input} in the registry`);
      return { input };
    }
    const exact = (byName.get(name) ?? []).filter((candidate) => !country || candidate.country === country);
    if (exact.length === 1) return { input, resolved: existingResult(exact[0]!, 'existing') };
    if (exact.length > 1) {
      reader.refuse(
        'place_ambiguous',
        field,
        `several places are called ${name}: ${exact
          .slice(0, 5)
          .map((candidate) => `${candidate.name} (${candidate.country}, ${candidate.id})`)
          .join(', ')}; give the country or the id`,
      );
      return { input };
    }
    const similar = await similarPlaces(name, country);
    if (!similar) {
      reader.refuse(
        'place_not_found',
        field,
        `no place called ${name}; the file names more unknown places than a dry run looks up by a similar name (${MAX_SIMILAR_SEARCHES})`,
      );
      return { input };
    }
    // A similar name is a typo, not another number: "District 12" is not "District 13".
    const digits = (text: string) => text.replace(/\D+/g, ' ').trim();
    const [best, second] = similar.results.filter(
      (candidate) => candidate.score >= 30 && digits(candidate.matchedName) === digits(name),
    );
    if (best && (!second || best.score - second.score >= 8)) {
      return {
        input,
        resolved: {
          ref: { id: best.id },
          match: 'similar',
          name: best.name,
          country: best.country,
          id: best.id,
        },
      };
    }
    if (best) {
      reader.refuse(
        'place_ambiguous',
        field,
        `${name} is like several places: ${similar.results.map((candidate) => `${candidate.name} (${candidate.country})`).join(', ')}`,
      );
      return { input };
    }
    if (!country) {
      reader.refuse(
        'place_not_found',
        field,
        `no place called ${name}; give its country to add it as a new place`,
      );
      return { input };
    }
    const dedupeKey = qid ?? `${name.toLocaleLowerCase()}|${country}|`;
    let index = freshByKey.get(dedupeKey);
    if (index === undefined && !operator && plan.newPlaces.length >= MAX_NEW_PLACES) {
      reader.refuse(
        'not_allowed',
        field,
        `a file may add at most ${MAX_NEW_PLACES} new places; an administrator can import more`,
      );
      return { input };
    }
    if (index === undefined) {
      index = plan.newPlaces.length;
      freshByKey.set(dedupeKey, index);
      plan.newPlaces.push({
        name,
        country,
        kind: 'municipality',
        lat: null,
        lng: null,
        population: null,
        wikidataQid: qid ?? null,
        recordKey: `${context.fileKey}:${reader.raw().line}:${side}`,
        raw: reader.raw(),
        fromSheet: false,
      });
    }
    return { input, resolved: { ref: { fresh: index }, match: 'new', name, country, id: null } };
  };

  const pending: {
    result: RowResult;
    reader: RowReader;
    parties: [ResolvedPlace, ResolvedPlace];
    tie: Omit<NewTie, 'parties'>;
    sourceKeys: string[];
    statusGiven: boolean;
  }[] = [];
  for (const { entry, sheet } of tieSheets) {
    for (const [index, row] of sheet.rows.entries()) {
      // Others are served between rows: on PGlite a long dry run would otherwise hold the only connection.
      if (index % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
      const reader = new RowReader(entry, sheet.columns, row);
      const a = await resolveParty(reader, 'A');
      const b = await resolveParty(reader, 'B');
      const kind = reader.read('kind', readKind) ?? 'twin_town';
      const givenStatus = reader.read('status', readStatus);
      const startedOn = reader.read('startedOn', readDate) ?? null;
      const endedOn = reader.read('endedOn', readDate) ?? null;
      const status = givenStatus ?? (endedOn ? 'ended' : 'active');
      if (endedOn && status !== 'ended')
        reader.refuse('bad_status', 'status', 'must be ended when the tie has an end date');
      if (endedOn && startedOn && endedOn < startedOn)
        reader.refuse('bad_date', 'endedOn', 'is before the start date');
      const sourcesText = reader.read('sources', (cell) => readText(cell, 500));
      let sourceKeys = [context.defaultSourceKey];
      if (sourcesText && operator) {
        sourceKeys = [...new Set(sourcesText.split(/[\s,;]+/).filter(Boolean))];
        const unknown = sourceKeys.filter((key) => !knownSources.has(key));
        if (unknown.length > 0) {
          reader.refuse(
            'unknown_source',
            'sources',
            `unknown sources: ${unknown.join(', ')} (add a sheet of sources)`,
          );
        }
      }
      const label = `${a.resolved?.name ?? a.input} – ${b.resolved?.name ?? b.input}`;
      const places = [a, b].map(({ resolved, input }, index) => ({
        field: index === 0 ? ('placeA' as const) : ('placeB' as const),
        input,
        match:
          resolved?.match ??
          (reader.reasons.some(
            (r) => r.code === 'place_ambiguous' && r.field === (index === 0 ? 'placeA' : 'placeB'),
          )
            ? 'ambiguous'
            : 'none'),
        placeId: resolved?.id ?? null,
        name: resolved?.name ?? null,
        country: resolved?.country ?? null,
      })) as RowResult['places'];
      if (a.resolved && b.resolved && JSON.stringify(a.resolved.ref) === JSON.stringify(b.resolved.ref)) {
        reader.refuse('same_place', 'placeB', 'a tie needs two different places');
      }
      const result: RowResult = {
        sheet: sheet.name,
        line: row.line,
        type: 'tie',
        outcome: 'refused',
        label,
        recordId: null,
        reasons: reader.reasons,
        changes: [],
        places,
      };
      plan.rows.push(result);
      if (reader.reasons.length > 0 || !a.resolved || !b.resolved) continue;
      pending.push({
        result,
        reader,
        parties: [a.resolved, b.resolved],
        tie: { kind, status, startedOn, endedOn },
        sourceKeys,
        statusGiven: givenStatus !== undefined || endedOn !== null,
      });
    }
  }

  // Rights and existing ties, for the ties whose places are all known.
  const existingIds = [
    ...new Set(pending.flatMap(({ parties }) => parties.flatMap((party) => (party.id ? [party.id] : [])))),
  ];
  const governments = await findGovernmentsOf(db, existingIds);
  const speakersOf = (party: ResolvedPlace) =>
    party.id
      ? governments.filter((government) => government.placeId === party.id).map((government) => government.id)
      : [];
  const partyKeyOf = (parties: readonly ResolvedPlace[]) =>
    parties.every((party) => party.id)
      ? parties
          .map((party) => party.id!)
          .sort((x, y) => x - y)
          .join('-')
      : null;
  const keys = pending.flatMap(({ parties }) => partyKeyOf(parties) ?? []);
  const existingTies = await findTiesByPartyKeys(db, [...new Set(keys)]);
  const planned = new Map<string, number>();
  for (const item of pending) {
    const { result, parties, tie, reader } = item;
    const speakers = parties.flatMap(speakersOf);
    const partyKey = partyKeyOf(parties);
    const single = (SINGLE_TIE_KINDS as readonly string[]).includes(tie.kind);
    const existing = partyKey
      ? existingTies.find(
          (candidate) =>
            candidate.partyKey === partyKey &&
            candidate.kind === tie.kind &&
            (single || candidate.startedOn === tie.startedOn),
        )
      : undefined;
    const plannedKey = `${tie.kind}|${parties
      .map((party) => JSON.stringify(party.ref))
      .sort()
      .join('|')}|${single ? '' : tie.startedOn}`;
    const record = {
      sourceKeys: item.sourceKeys,
      recordKey: `${context.fileKey}:${result.sheet}:${result.line}`,
      raw: reader.raw(),
    };
    // Creating a tie and changing one take the same right; nothing is said of existing ties to whoever lacks it.
    if (!policy.create(context.actor ?? OPERATOR, speakers)) {
      result.reasons.push({
        code: 'not_allowed',
        field: null,
        message: 'you do not speak for either place of this tie',
      });
      continue;
    }
    if (existing?.deletedAt) {
      result.reasons.push({
        code: 'deleted_tie',
        field: null,
        message: `a deleted tie of this kind between these places exists (${existing.id}); restore it instead`,
      });
      continue;
    }
    if (existing) {
      result.recordId = existing.id;
      const before = { status: existing.status, startedOn: existing.startedOn, endedOn: existing.endedOn };
      const wanted: Record<string, string | null> = {};
      if (item.statusGiven && tie.status !== existing.status) wanted.status = tie.status;
      if (tie.startedOn && tie.startedOn !== existing.startedOn) wanted.startedOn = tie.startedOn;
      if (tie.endedOn && tie.endedOn !== existing.endedOn) wanted.endedOn = tie.endedOn;
      const after = { ...before, ...wanted };
      if (after.endedOn && after.status !== 'ended') {
        result.reasons.push({
          code: 'bad_status',
          field: 'status',
          message: 'must be ended when the tie has an end date',
        });
        continue;
      }
      if (after.endedOn && after.startedOn && after.endedOn < after.startedOn) {
        result.reasons.push({ code: 'bad_date', field: 'endedOn', message: 'is before the start date' });
        continue;
      }
      if (existing.renewalOn && after.startedOn && existing.renewalOn < after.startedOn) {
        result.reasons.push({
          code: 'bad_date',
          field: 'startedOn',
          message: `is after the tie's renewal date (${existing.renewalOn})`,
        });
        continue;
      }
      if (plan.tieUpdates.some((update) => update.id === existing.id) || planned.has(`id:${existing.id}`)) {
        result.reasons.push({
          code: 'duplicate_row',
          field: null,
          message: 'the same tie is on an earlier row',
        });
        continue;
      }
      planned.set(`id:${existing.id}`, existing.id);
      result.changes = Object.keys(wanted);
      result.outcome = result.changes.length > 0 ? 'update' : 'unchanged';
      if (result.changes.length > 0) plan.tieUpdates.push({ id: existing.id, before, changes: wanted });
      plan.records.push({ tie: { id: existing.id }, ...record });
      continue;
    }
    if (planned.has(plannedKey)) {
      result.reasons.push({
        code: 'duplicate_row',
        field: null,
        message: 'the same tie is on an earlier row',
      });
      continue;
    }
    planned.set(plannedKey, plan.newTies.length);
    result.outcome = 'create';
    plan.records.push({ tie: { fresh: plan.newTies.length }, ...record });
    plan.newTies.push({ ...tie, parties: [parties[0].ref, parties[1].ref] });
  }

  // A new place that no tie or place row still needs is not created.
  return dropUnusedPlaces(plan);
}

/**
 * Contacts: a person per row, kept by the organisation imported for (internal), with a post there and their e-mail
 * and telephone. A person of the same name with a post there already is left as is.
 */
async function planPeople(
  db: DbOrTx,
  context: PlanContext,
  sheets: readonly StoredSheet[],
  mapping: ImportMapping,
  plan: ImportPlan,
) {
  const peopleSheets = mappedSheets(mapping, sheets, 'people');
  if (peopleSheets.length === 0) return;
  const { actor, organization } = context;
  const known = new Map<string, number>();
  if (actor && organization) {
    const { items } = await listPeople(db, actor, { organizationId: organization.id, limit: 100_000 });
    for (const person of items) if (person.name) known.set(person.name.toLocaleLowerCase(), person.id);
  }
  const seen = new Set<string>();
  for (const { entry, sheet } of peopleSheets) {
    for (const row of sheet.rows) {
      const reader = new RowReader(entry, sheet.columns, row);
      const name = reader.read('name', readText);
      const title = reader.read('title', readText);
      const role = reader.read('role', readRole) ?? 'other';
      const email = reader.read('email', readEmail);
      const phone = reader.read('phone', readPhone);
      if (name === undefined && !reader.reasons.some((reason) => reason.field === 'name')) {
        reader.refuse('missing_value', 'name', 'is empty');
      }
      if (!actor || !organization) {
        reader.refuse('not_allowed', null, 'contacts are imported in the workspace, for an organisation');
      }
      const label = name ?? `${row.line}`;
      if (reader.reasons.length > 0) {
        plan.rows.push(refused(sheet.name, row.line, 'person', label, reader.reasons));
        continue;
      }
      const key = name!.toLocaleLowerCase();
      const result: RowResult = {
        sheet: sheet.name,
        line: row.line,
        type: 'person',
        outcome: 'create',
        label,
        recordId: known.get(key) ?? null,
        reasons: [],
        changes: [],
        places: [],
      };
      if (seen.has(key)) {
        plan.rows.push(
          refused(sheet.name, row.line, 'person', label, [
            { code: 'duplicate_row', field: 'name', message: 'the same person is on an earlier row' },
          ]),
        );
        continue;
      }
      seen.add(key);
      if (known.has(key)) result.outcome = 'unchanged';
      else {
        plan.newPeople.push({
          name: name!,
          keeperId: organization!.id,
          role,
          title: title ?? null,
          email: email ?? null,
          phone: phone ?? null,
        });
      }
      plan.rows.push(result);
    }
  }
}

/** The command line acts with an administrator's rights. */
const OPERATOR: Actor = {
  id: 0,
  email: '',
  name: 'command line',
  isAdmin: true,
  memberships: new Map(),
  via: 'token',
};

/** Leaves out new places that only refused rows named, renumbering the references to the others. */
function dropUnusedPlaces(plan: ImportPlan): ImportPlan {
  const used = new Set<number>();
  for (const tie of plan.newTies)
    for (const party of tie.parties) if ('fresh' in party) used.add(party.fresh);
  const keep = plan.newPlaces.map((place, index) => place.fromSheet || used.has(index));
  const renumber = new Map<number, number>();
  plan.newPlaces = plan.newPlaces.filter((_, index) => {
    if (!keep[index]) return false;
    renumber.set(index, renumber.size);
    return true;
  });
  for (const tie of plan.newTies) {
    tie.parties = tie.parties.map((party) =>
      'fresh' in party ? { fresh: renumber.get(party.fresh)! } : party,
    ) as [PlaceRef, PlaceRef];
  }
  return plan;
}

/** The counts a dry run and a commit show. */
export function countPlan(plan: ImportPlan) {
  const counts = {
    create: 0,
    update: 0,
    unchanged: 0,
    refused: 0,
    placesExisting: 0,
    placesSimilar: 0,
    placesNew: 0,
  };
  for (const row of plan.rows) {
    counts[row.outcome] += 1;
    if (row.outcome === 'refused') continue;
    for (const place of row.places) {
      if (place.match === 'existing') counts.placesExisting += 1;
      else if (place.match === 'similar') counts.placesSimilar += 1;
    }
  }
  counts.placesNew = plan.newPlaces.length;
  return counts;
}
