import * as z from 'zod';
import type { StoredSheet } from '../imports.tables.ts';

/**
 * What a sheet can hold and how its columns map onto the registry's fields. The headers CityBridge's own exports
 * write are understood, and the headers a city's spreadsheet commonly has, in English, Finnish and Swedish.
 */

export const SHEET_TYPES = ['ties', 'places', 'people', 'sources'] as const;
export type SheetType = (typeof SHEET_TYPES)[number];

export const FIELDS = {
  ties: [
    'placeA',
    'placeACountry',
    'placeAId',
    'placeAWikidata',
    'placeB',
    'placeBCountry',
    'placeBId',
    'placeBWikidata',
    'kind',
    'status',
    'startedOn',
    'endedOn',
    'sources',
  ],
  places: ['id', 'name', 'country', 'kind', 'lat', 'lng', 'population', 'wikidata'],
  people: ['name', 'title', 'role', 'email', 'phone'],
  sources: ['key', 'name', 'url', 'licence', 'attribution'],
} as const satisfies Record<SheetType, readonly string[]>;

export type FieldName<T extends SheetType> = (typeof FIELDS)[T][number];

/** Fields a row must have. A tie's own city may be left out: it is then the importing organisation's place. */
export const REQUIRED: Record<SheetType, readonly string[]> = {
  ties: ['placeB'],
  places: ['name', 'country'],
  people: ['name'],
  sources: ['key', 'name', 'licence', 'attribution'],
};

const headerKey = (header: string) =>
  header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Headers that name each field, compared without case, accents, spaces or punctuation. */
const SYNONYMS: Record<SheetType, Record<string, string[]>> = {
  ties: {
    placeA: [
      'party_a_name',
      'city',
      'own city',
      'municipality',
      'kaupunki',
      'kunta',
      'stad',
      'kommun',
      'place',
    ],
    placeACountry: ['party_a_country', 'city country', 'kaupungin maa', 'stadens land'],
    placeAId: ['party_a_id'],
    placeAWikidata: ['party_a_wikidata', 'city wikidata'],
    placeB: [
      'party_b_name',
      'partner',
      'partner city',
      'partner town',
      'twin town',
      'sister city',
      'ystävyyskaupunki',
      'kumppani',
      'kumppanikaupunki',
      'vänort',
      'vänstad',
      'partnerstad',
    ],
    placeBCountry: [
      'party_b_country',
      'partner country',
      'country',
      'maa',
      'land',
      'kumppanin maa',
      'partnerns land',
    ],
    placeBId: ['party_b_id'],
    placeBWikidata: ['party_b_wikidata', 'partner wikidata', 'wikidata', 'qid'],
    kind: ['kind', 'type', 'laji', 'tyyppi', 'typ', 'art'],
    status: ['status', 'tila', 'state'],
    startedOn: [
      'started_on',
      'start',
      'started',
      'since',
      'year',
      'alkaen',
      'alkanut',
      'vuosi',
      'sedan',
      'år',
      'startdatum',
    ],
    endedOn: ['ended_on', 'end', 'ended', 'päättynyt', 'päättyi', 'slut', 'upphörde'],
    sources: ['sources', 'source', 'lähteet', 'lähde', 'källor', 'källa'],
  },
  places: {
    id: ['id'],
    name: ['name', 'nimi', 'namn', 'city', 'kaupunki', 'stad', 'place'],
    country: ['country', 'maa', 'land'],
    kind: ['kind', 'type', 'laji', 'typ'],
    lat: ['lat', 'latitude', 'leveysaste', 'latitud'],
    lng: ['lng', 'lon', 'long', 'longitude', 'pituusaste', 'longitud'],
    population: ['population', 'väkiluku', 'asukasluku', 'invånare', 'folkmängd'],
    wikidata: ['wikidata', 'qid', 'wikidata_qid'],
  },
  people: {
    name: ['name', 'nimi', 'namn', 'person', 'contact', 'yhteyshenkilö', 'kontaktperson', 'henkilö'],
    title: ['title', 'titteli', 'nimike', 'titel', 'tehtävänimike', 'befattning'],
    role: ['role', 'rooli', 'roll', 'post'],
    email: ['email', 'e-mail', 'sähköposti', 'e-post', 'epost', 'mail'],
    phone: ['phone', 'telephone', 'puhelin', 'telefon', 'tel', 'mobile', 'matkapuhelin', 'mobil'],
  },
  sources: {
    key: ['key', 'avain', 'nyckel'],
    name: ['name', 'nimi', 'namn'],
    url: ['url', 'address', 'osoite', 'adress'],
    licence: ['licence', 'license', 'lisenssi', 'licens'],
    attribution: ['attribution', 'credit', 'nimeäminen', 'erkännande'],
  },
};

/** The fields of a type whose synonyms name one of the sheet's columns, each column used once. */
export function guessColumns(type: SheetType, columns: readonly string[]): Record<string, string> {
  const byKey = new Map(columns.map((column) => [headerKey(column), column]));
  const used = new Set<string>();
  const mapping: Record<string, string> = {};
  for (const field of FIELDS[type]) {
    for (const synonym of SYNONYMS[type][field] ?? []) {
      const column = byKey.get(headerKey(synonym));
      if (column && !used.has(column)) {
        mapping[field] = column;
        used.add(column);
        break;
      }
    }
  }
  return mapping;
}

/** What a sheet most likely holds, from its name and the fields its headers name. */
export function guessType(sheet: Pick<StoredSheet, 'name' | 'columns'>): SheetType | 'skip' {
  const name = headerKey(sheet.name);
  if ((SHEET_TYPES as readonly string[]).includes(name)) return name as SheetType;
  const ties = guessColumns('ties', sheet.columns);
  if (ties.placeB) return 'ties';
  if (['contacts', 'yhteyshenkilot', 'kontakter', 'henkilot', 'personer'].includes(name)) return 'people';
  const places = guessColumns('places', sheet.columns);
  if (places.name && places.country) return 'places';
  const people = guessColumns('people', sheet.columns);
  if (people.name && (people.email || people.phone || people.title)) return 'people';
  return 'skip';
}

export const sheetMappingSchema = z.object({
  sheet: z.string().min(1).max(200),
  type: z.enum([...SHEET_TYPES, 'skip']),
  columns: z.record(z.string().max(100), z.string().max(300)).default({}),
});
export const mappingSchema = z.object({ sheets: z.array(sheetMappingSchema).max(50) }).meta({
  id: 'ImportMapping',
  description: 'For each sheet: what it holds, and which column gives each field.',
});
export type SheetMapping = z.infer<typeof sheetMappingSchema>;
export type ImportMapping = z.infer<typeof mappingSchema>;

/**
 * Checks a mapping against the file: every sheet named exists and every column named is one of its columns, and
 * each field is one of the type's fields. Answers the problems, each with the path it is about.
 */
export function mappingProblems(mapping: ImportMapping, sheets: readonly StoredSheet[]) {
  const problems: { field: string; message: string }[] = [];
  mapping.sheets.forEach((entry, index) => {
    const sheet = sheets.find((candidate) => candidate.name === entry.sheet);
    if (!sheet) {
      problems.push({ field: `body.mapping.sheets.${index}.sheet`, message: 'is not a sheet of the file' });
      return;
    }
    if (entry.type === 'skip') return;
    const fields = FIELDS[entry.type] as readonly string[];
    for (const [field, column] of Object.entries(entry.columns)) {
      const at = `body.mapping.sheets.${index}.columns.${field}`;
      if (!fields.includes(field)) problems.push({ field: at, message: `is not a field of ${entry.type}` });
      else if (!sheet.columns.includes(column))
        problems.push({ field: at, message: 'is not a column of the sheet' });
    }
    for (const field of REQUIRED[entry.type]) {
      if (!entry.columns[field]) {
        problems.push({ field: `body.mapping.sheets.${index}.columns.${field}`, message: 'must be mapped' });
      }
    }
  });
  if (mapping.sheets.every((entry) => entry.type === 'skip')) {
    problems.push({ field: 'body.mapping.sheets', message: 'must import at least one sheet' });
  }
  return problems;
}

/**
 * The suggested mapping of a file: for each sheet, the organisation's remembered columns of a type when the sheet
 * has them all, else a guess from its name and headers.
 */
export function suggestMapping(
  sheets: readonly StoredSheet[],
  remembered: ReadonlyMap<string, Record<string, string>>,
): ImportMapping {
  return {
    sheets: sheets.map((sheet) => {
      const fits = (type: SheetType) => {
        const kept = remembered.get(type);
        const columns = kept ? Object.values(kept) : [];
        return columns.length > 0 && columns.every((column) => sheet.columns.includes(column));
      };
      const guessed = guessType(sheet);
      const type = guessed !== 'skip' && fits(guessed) ? guessed : (SHEET_TYPES.find(fits) ?? guessed);
      if (type === 'skip') return { sheet: sheet.name, type, columns: {} };
      return {
        sheet: sheet.name,
        type,
        columns: fits(type) ? { ...remembered.get(type) } : guessColumns(type, sheet.columns),
      };
    }),
  };
}
