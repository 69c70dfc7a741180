import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { PROJECT_DIR } from '../../project-dir.ts';

/**
 * Companies' sectors: the 21 sections (A–U) of NACE Rev. 2 / TOL 2008, with their names in English, Finnish and
 * Swedish, read once from the shipped data (data/sectors: its README names the sources and their licence).
 */
export interface Sector {
  code: string;
  name: { en: string; fi: string; sv: string };
}

const FILE = path.join(PROJECT_DIR, 'data', 'sectors', 'nace-sections.csv');

export const SECTOR_SOURCE = 'NACE Rev. 2 (Eurostat) and TOL 2008 (Statistics Finland), CC BY 4.0';

export const SECTORS: readonly Sector[] = (
  parse(readFileSync(FILE, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[]
).map((row) => ({ code: row.code!, name: { en: row.en!, fi: row.fi!, sv: row.sv! } }));

export const SECTOR_CODES = new Set(SECTORS.map((sector) => sector.code));
