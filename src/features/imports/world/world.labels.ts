/**
 * What a Wikipedia twin-town label says by its text alone: its base name and qualifier ("Nõmme (Tallinn)",
 * "Bayside, New South Wales"), and what kind of place it names.
 */

import { normalizeName } from '../../../lib/normalize.ts';
import type { PlaceKind } from '../../places/places.schema.ts';
import { countryName } from './country-labels.ts';

export interface ParsedLabel {
  base: string;
  qualifier: string | null;
  qualifierStyle: 'parenthesis' | 'comma' | null;
}

/** What a label's qualifier is: the place's type ("rural gmina"), a possible parent ("Tallinn"), or neither. */
export type QualifierRole = 'type' | 'parent' | null;

const REGION_QUALIFIER =
  /^(state|province|region|county|microregion|prefecture|oblast|voivodeship|canton|department)$/i;
const MUNICIPALITY_QUALIFIER =
  /(gmina|municipality|parish|commune|local government|town|city|village|council|borough|township)$/i;
const DISTRICT_QUALIFIER = /^(district|ward|quarter)$/i;
const CONTAINER_QUALIFIER = /\b(district|parish|municipality|county|region|province|islands?)$/i;
const REGION_WORDS =
  /\b(province|prefecture|county|oblast|region|governorate|voivodeship|krai|kraj|canton|department|state|raion|autonomous community)\b/i;
const DISTRICT_WORDS = /\b(district|ward|borough)\b/i;

/** Splits a label into its base name and a qualifier in parentheses or after the first comma. */
export function parseLabel(label: string): ParsedLabel {
  const parenthesis = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(label);
  if (parenthesis?.[1] && parenthesis[2]) {
    return { base: parenthesis[1].trim(), qualifier: parenthesis[2].trim(), qualifierStyle: 'parenthesis' };
  }
  const comma = label.indexOf(',');
  if (comma > 0) {
    return {
      base: label.slice(0, comma).trim(),
      qualifier: label.slice(comma + 1).trim(),
      qualifierStyle: 'comma',
    };
  }
  return { base: label.trim(), qualifier: null, qualifierStyle: null };
}

/**
 * What kind of place a Wikipedia label names, and what its qualifier is: a type ("rural gmina", "state"), a
 * possible parent ("Tallinn" in "Nõmme (Tallinn)") or a region after a comma ("Bayside, New South Wales").
 */
export function classifyLabel(
  parsed: ParsedLabel,
  country: string,
): { kind: PlaceKind; qualifierRole: QualifierRole } {
  const { base, qualifier, qualifierStyle } = parsed;
  if (normalizeName(base) === normalizeName(countryName(country)))
    return { kind: 'country_level', qualifierRole: null };
  if (qualifier && qualifierStyle === 'parenthesis') {
    if (REGION_QUALIFIER.test(qualifier)) return { kind: 'region', qualifierRole: 'type' };
    if (DISTRICT_QUALIFIER.test(qualifier)) return { kind: 'district', qualifierRole: 'type' };
    if (MUNICIPALITY_QUALIFIER.test(qualifier) || CONTAINER_QUALIFIER.test(qualifier)) {
      return { kind: 'municipality', qualifierRole: 'type' };
    }
    return { kind: 'municipality', qualifierRole: 'parent' };
  }
  if (qualifier) return { kind: 'municipality', qualifierRole: null };
  if (DISTRICT_WORDS.test(base)) return { kind: 'district', qualifierRole: null };
  if (REGION_WORDS.test(base)) return { kind: 'region', qualifierRole: null };
  return { kind: 'municipality', qualifierRole: null };
}
