import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../../partnerships/partnerships.constants.ts';
import { POST_ROLES } from '../../people/people.constants.ts';
import { PLACE_KINDS } from '../../places/places.tables.ts';
import { resolveCountryLabel } from '../world/country-labels.ts';
import { MAX_CELL_LENGTH } from './spreadsheet.read.ts';

/**
 * Reading one cell as a field's value. Each reader answers the value, or a reason code that the dry run shows for
 * the row (and the web app translates).
 */

export type ReasonCode =
  | 'missing_value'
  | 'formula'
  | 'bad_kind'
  | 'bad_status'
  | 'bad_date'
  | 'bad_country'
  | 'bad_number'
  | 'place_not_found'
  | 'place_ambiguous'
  | 'same_place'
  | 'duplicate_row'
  | 'not_allowed'
  | 'unknown_source'
  | 'deleted_tie'
  | 'bad_role'
  | 'bad_email'
  | 'bad_phone'
  | 'too_long';

export type Read<T> = { value: T } | { reason: ReasonCode; message: string };

/** Cells a spreadsheet would run as a formula: =, +, -, @, a tab or a carriage return first. */
const FORMULA = /^[=+\-@\t\r]/;
/** A minus is a formula's first character unless the whole cell is a number. */
const NEGATIVE_NUMBER = /^-\d+([.,]\d+)?$/;

function isFormula(text: string): boolean {
  // Full-width and other compatibility forms (＝) are checked as what they stand for.
  const plain = text.normalize('NFKC');
  return FORMULA.test(plain) && !NEGATIVE_NUMBER.test(plain.trim());
}
/** What CityBridge's CSV export puts before such a cell: a quote mark, taken off again here. */
const ESCAPED = /^'([=+\-@\t\r])/;

/** A text cell, trimmed; empty is undefined. A formula is refused, never stored. */
export function readText(cell: string | undefined, maxLength = 200): Read<string | undefined> {
  const text = (cell ?? '').replace(ESCAPED, '$1').trim();
  if (text === '') return { value: undefined };
  if (isFormula(text) || isFormula(cell ?? '')) {
    return { reason: 'formula', message: 'is a formula, which is never imported' };
  }
  if (text.length > Math.min(maxLength, MAX_CELL_LENGTH)) {
    return { reason: 'too_long', message: `is longer than ${maxLength} characters` };
  }
  return { value: text };
}

const regionNames = (locale: string) => new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
let localNames: Map<string, string> | undefined;

/** Country names in Finnish and Swedish, for sheets kept in those languages. */
function finnishAndSwedishNames(): Map<string, string> {
  if (localNames) return localNames;
  localNames = new Map();
  const displays = [regionNames('fi'), regionNames('sv')];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      for (const display of displays) {
        const name = display.of(code);
        if (name && name !== code) localNames.set(name.toLocaleLowerCase('fi'), code);
      }
    }
  }
  return localNames;
}

/** A country as a two-letter code, from a code or from its name in English, Finnish or Swedish. */
export function readCountry(cell: string | undefined): Read<string | undefined> {
  const text = readText(cell, 100);
  if (!('value' in text) || text.value === undefined) return text;
  const code = /^[A-Za-z]{2}$/.test(text.value)
    ? text.value.toUpperCase()
    : (resolveCountryLabel(text.value) ?? finnishAndSwedishNames().get(text.value.toLocaleLowerCase('fi')));
  if (!code || regionNames('en').of(code) === undefined) {
    return { reason: 'bad_country', message: `"${text.value}" is not a country code or a country's name` };
  }
  return { value: code };
}

const KIND_WORDS: Record<string, (typeof PARTNERSHIP_KINDS)[number]> = {
  'twin town': 'twin_town',
  'twin city': 'twin_town',
  ystävyyskaupunki: 'twin_town',
  vänort: 'twin_town',
  vänstad: 'twin_town',
  'sister city': 'sister_city',
  sisarkaupunki: 'sister_city',
  systerstad: 'sister_city',
  'friendship city': 'friendship_city',
  mou: 'mou',
  'memorandum of understanding': 'mou',
  aiesopimus: 'mou',
  avsiktsförklaring: 'mou',
  'cooperation agreement': 'cooperation_agreement',
  yhteistyösopimus: 'cooperation_agreement',
  samarbetsavtal: 'cooperation_agreement',
  project: 'project',
  hanke: 'project',
  projekti: 'project',
  projekt: 'project',
  'network membership': 'network_membership',
};

const STATUS_WORDS: Record<string, (typeof PARTNERSHIP_STATUSES)[number]> = {
  aktiivinen: 'active',
  aktiv: 'active',
  voimassa: 'active',
  ehdotettu: 'proposed',
  föreslagen: 'proposed',
  lepäävä: 'dormant',
  vilande: 'dormant',
  keskeytetty: 'suspended',
  avbruten: 'suspended',
  päättynyt: 'ended',
  avslutad: 'ended',
  upphört: 'ended',
};

function readWord<T extends string>(
  cell: string | undefined,
  values: readonly T[],
  words: Record<string, T>,
  reason: ReasonCode,
): Read<T | undefined> {
  const text = readText(cell, 100);
  if (!('value' in text)) return text;
  if (text.value === undefined) return { value: undefined };
  const word = text.value.toLocaleLowerCase('fi').replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  const value = values.find((candidate) => candidate.replace(/_/g, ' ') === word) ?? words[word];
  if (!value) return { reason, message: `"${text.value}" is not one of ${values.join(', ')}` };
  return { value };
}

export const readKind = (cell: string | undefined) =>
  readWord(cell, PARTNERSHIP_KINDS, KIND_WORDS, 'bad_kind');
export const readStatus = (cell: string | undefined) =>
  readWord(cell, PARTNERSHIP_STATUSES, STATUS_WORDS, 'bad_status');
export const readPlaceKind = (cell: string | undefined) =>
  readWord(cell, PLACE_KINDS, { kunta: 'municipality', kommun: 'municipality' }, 'bad_kind');

const validDate = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
const pad = (value: number) => String(value).padStart(2, '0');

/** A date as YYYY-MM-DD, from an ISO date, a Finnish date (1.6.1958) or a year alone (its first day). */
export function readDate(cell: string | undefined): Read<string | undefined> {
  const text = readText(cell, 40);
  if (!('value' in text) || text.value === undefined) return text;
  const value = text.value;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(value);
  const finnish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const year = /^(\d{4})$/.exec(value);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : finnish
      ? [Number(finnish[3]), Number(finnish[2]), Number(finnish[1])]
      : year
        ? [Number(year[1]), 1, 1]
        : [0, 0, 0];
  if (y < 1000 || y > 2999 || !validDate(y, m, d)) {
    return { reason: 'bad_date', message: `"${value}" is not a date (YYYY-MM-DD, D.M.YYYY or a year)` };
  }
  return { value: `${y}-${pad(m)}-${pad(d)}` };
}

/** A number within bounds; a decimal comma is read as a point. */
export function readNumber(
  cell: string | undefined,
  bounds: { min: number; max: number; integer?: boolean },
): Read<number | undefined> {
  const text = (cell ?? '').trim().replace(/\s/g, '');
  if (text === '') return { value: undefined };
  const value = Number(text.replace(',', '.'));
  if (
    !Number.isFinite(value) ||
    value < bounds.min ||
    value > bounds.max ||
    (bounds.integer && !Number.isInteger(value))
  ) {
    return {
      reason: 'bad_number',
      message: `"${text.slice(0, 40)}" is not a number from ${bounds.min} to ${bounds.max}`,
    };
  }
  return { value };
}

const ROLE_WORDS: Record<string, (typeof POST_ROLES)[number]> = {
  pormestari: 'mayor',
  borgmästare: 'mayor',
  apulaispormestari: 'deputy_mayor',
  kaupunginjohtaja: 'city_manager',
  stadsdirektör: 'city_manager',
  'international coordinator': 'international_affairs_coordinator',
  'kansainvälisten asioiden koordinaattori': 'international_affairs_coordinator',
  'internationell koordinator': 'international_affairs_coordinator',
  suurlähettiläs: 'ambassador',
  ambassadör: 'ambassador',
  toimitusjohtaja: 'ceo',
  vd: 'ceo',
  puheenjohtaja: 'chair',
  ordförande: 'chair',
  johtaja: 'director',
  direktör: 'director',
};

export const readRole = (cell: string | undefined) => readWord(cell, POST_ROLES, ROLE_WORDS, 'bad_role');

/** An e-mail address, in the plain form a contact list holds. */
export function readEmail(cell: string | undefined): Read<string | undefined> {
  const text = readText(cell, 200);
  if (!('value' in text) || text.value === undefined) return text;
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(text.value)) {
    return { reason: 'bad_email', message: `"${text.value}" is not an e-mail address` };
  }
  return { value: text.value };
}

/** A telephone number: digits with spaces, dashes, parentheses and a leading plus (which is no formula here). */
export function readPhone(cell: string | undefined): Read<string | undefined> {
  const text = (cell ?? '').replace(ESCAPED, '$1').trim();
  if (text === '') return { value: undefined };
  if (!/^\+?[0-9][0-9 ()/.-]{3,38}$/.test(text)) {
    return { reason: 'bad_phone', message: `"${text.slice(0, 40)}" is not a telephone number` };
  }
  return { value: text };
}

/** A Wikidata item id (Q64), also from its address. */
export function readQid(cell: string | undefined): Read<string | undefined> {
  const text = readText(cell, 100);
  if (!('value' in text) || text.value === undefined) return text;
  const match = /(?:^|\/)(Q[1-9][0-9]*)$/.exec(text.value);
  if (!match) return { reason: 'bad_number', message: `"${text.value}" is not a Wikidata item id (Q…)` };
  return { value: match[1]! };
}
