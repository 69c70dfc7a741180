import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { AppError } from '../../../core/errors.ts';
import type { StoredSheet } from '../imports.tables.ts';

/**
 * Reads an uploaded spreadsheet (CSV or XLSX) into sheets of text cells. What a file must be is checked here, so
 * that a bad file is refused before anything is kept: a spreadsheet at all, text in UTF-8 (or UTF-16 with its byte
 * order mark), not empty, and not more rows than an import handles. A formula in an XLSX cell is kept as its
 * formula text (`=…`), which the planner refuses as it refuses a formula typed into a CSV.
 */

/** The most rows a file may hold, over all its sheets. */
export const MAX_IMPORT_ROWS = 50_000;
/** The most columns a sheet may hold. */
const MAX_COLUMNS = 100;
/** The longest cell kept; longer ones are cut, and the planner refuses the row. */
export const MAX_CELL_LENGTH = 2000;
/** The most sheets a workbook may hold, and the longest sheet and column names kept. */
const MAX_SHEETS = 50;
const MAX_NAME_LENGTH = 100;
/** The most text a file may hold, over all its cells: what is kept for the dry run stays small. */
const MAX_TEXT = 20_000_000;
/** The most a workbook may unpack to, and how much more than its packed size one of its parts may unpack to. */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
const MAX_PACKING_RATIO = 200;
/** Control characters other than tab, line feed and carriage return, and invisible format characters. */
const CONTROL = /(?![\t\n\r])[\p{Cc}\p{Cf}]/gu;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Formats that are certainly not a spreadsheet: PDF, PNG, JPEG, GIF, the old binary Office format, gzip. */
const NOT_SPREADSHEETS = [
  Buffer.from('%PDF'),
  Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  Buffer.from([0xff, 0xd8, 0xff]),
  Buffer.from('GIF8'),
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0]),
  Buffer.from([0x1f, 0x8b]),
];

const notSpreadsheet = (detail: string) =>
  new AppError('IMPORT_NOT_SPREADSHEET', `The file is not a CSV or XLSX spreadsheet: ${detail}`);
const tooManyRows = (rows: string) =>
  new AppError(
    'IMPORT_TOO_MANY_ROWS',
    `The file has ${rows} rows; an import takes at most ${MAX_IMPORT_ROWS}. Split it into smaller files.`,
  );
const tooLarge = (detail: string) =>
  new AppError('IMPORT_TOO_LARGE', `The file is too large to import: ${detail}`);

export async function readSpreadsheet(filename: string, bytes: Buffer): Promise<StoredSheet[]> {
  if (bytes.length === 0) throw new AppError('IMPORT_EMPTY', 'The file is empty');
  if (NOT_SPREADSHEETS.some((magic) => bytes.subarray(0, magic.length).equals(magic))) {
    throw notSpreadsheet('its content is another kind of file');
  }
  const zipped = bytes.subarray(0, 4).equals(ZIP);
  if (!zipped && /\.xlsx?$/i.test(filename)) throw notSpreadsheet('it is named as a workbook but is not one');
  const sheets = zipped ? await readXlsx(bytes) : [readCsv(filename, bytes)];
  const withRows = sheets.filter((sheet) => sheet.rows.length > 0);
  if (withRows.length === 0) throw new AppError('IMPORT_EMPTY', 'The file has no rows below its header');
  const rows = withRows.reduce((sum, sheet) => sum + sheet.rows.length, 0);
  if (rows > MAX_IMPORT_ROWS) throw tooManyRows(String(rows));
  if (withRows.length > MAX_SHEETS) throw tooLarge(`it has more than ${MAX_SHEETS} sheets`);
  let text = 0;
  for (const sheet of withRows)
    for (const row of sheet.rows) for (const cell of row.cells) text += cell.length;
  if (text > MAX_TEXT) throw tooLarge(`its cells hold more than ${MAX_TEXT / 1_000_000} million characters`);
  return withRows;
}

/** Decodes text as UTF-8 (or UTF-16 with a byte order mark); other encodings are refused with the first bad line. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError(
      'IMPORT_ENCODING',
      `The file is not UTF-8 text (line ${firstBadLine(bytes)}). Save it as "CSV UTF-8" and upload it again.`,
    );
  }
}

function firstBadLine(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let index = 0; index <= bytes.length; index += 1) {
    if (index === bytes.length || bytes[index] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, index));
      } catch {
        return line;
      }
      line += 1;
      start = index + 1;
    }
  }
  return line;
}

/** The separator of a CSV: comma, semicolon (spreadsheets in Finnish and Swedish save with it) or tab. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((delimiter) => ({
    delimiter,
    count: header.replace(/"[^"]*"/g, '').split(delimiter).length - 1,
  }));
  return counts.sort((a, b) => b.count - a.count)[0]!.count > 0 ? counts[0]!.delimiter : ',';
}

function readCsv(filename: string, bytes: Buffer): StoredSheet {
  if (bytes.subarray(0, 8192).includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) {
    throw notSpreadsheet('it holds binary data');
  }
  // More lines than an import takes is refused before the parser spends memory on them.
  let lines = 0;
  for (
    let index = bytes.indexOf(0x0a);
    index !== -1 && lines <= 2 * MAX_IMPORT_ROWS;
    index = bytes.indexOf(0x0a, index + 1)
  )
    lines += 1;
  if (lines > 2 * MAX_IMPORT_ROWS)
    throw tooManyRows(`over ${2 * MAX_IMPORT_ROWS} lines, so more than ${MAX_IMPORT_ROWS}`);
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError(
      'IMPORT_NOT_SPREADSHEET',
      `The file could not be read as CSV${line ? ` (line ${line})` : ''}: ${(error as Error).message}`,
    );
  }
  const [header, ...rows] = records;
  const name = path.parse(filename).name || 'sheet';
  if (!header) return { name, columns: [], rows: [] };
  return sheetOf(
    name,
    header.record,
    rows.map(({ record, info }) => ({ line: info.lines, cells: record })),
  );
}

/** A cell as the text a user sees in it; a formula as its formula, dates as ISO dates. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('formula' in value || 'sharedFormula' in value) {
    const formula =
      (value as ExcelJS.CellFormulaValue).formula ?? (value as { sharedFormula: string }).sharedFormula;
    return `=${formula}`;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '');
  if ('error' in value) return String(value.error);
  return '';
}

/** Checks a workbook's parts before it is unpacked: not too large in all, and no part packed beyond reason. */
function checkPacking(bytes: Buffer) {
  let unpacked = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        unpacked += file.originalSize;
        if (
          file.originalSize > 1024 * 1024 &&
          file.originalSize > MAX_PACKING_RATIO * Math.max(file.size, 1)
        ) {
          throw tooLarge(
            `its part ${file.name.slice(0, 100)} unpacks to ${MAX_PACKING_RATIO} times its size`,
          );
        }
        return false;
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notSpreadsheet('it is a zip file but not an XLSX workbook');
  }
  if (unpacked > MAX_UNPACKED_BYTES)
    throw tooLarge(`it unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB`);
}

async function readXlsx(bytes: Buffer): Promise<StoredSheet[]> {
  checkPacking(bytes);
  // Loaded on first use: exceljs is large, and most processes never read a workbook.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notSpreadsheet('it is a zip file but not an XLSX workbook');
  }
  let total = 0;
  return workbook.worksheets.map((worksheet) => {
    const rows: { line: number; cells: string[] }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, line) => {
      total += 1;
      if (total > MAX_IMPORT_ROWS + workbook.worksheets.length) return;
      const values = row.values as ExcelJS.CellValue[];
      const cells = values.slice(1, MAX_COLUMNS + 1).map(cellText);
      if (cells.some((cell) => cell.trim() !== '')) rows.push({ line, cells });
    });
    if (total > MAX_IMPORT_ROWS + workbook.worksheets.length)
      throw tooManyRows(`more than ${MAX_IMPORT_ROWS}`);
    const [header, ...body] = rows;
    return sheetOf(worksheet.name, header?.cells ?? [], body);
  });
}

/** Text without NUL and other control characters (tab and line breaks stay) or invisible format characters. */
const clean = (text: string) => text.replace(CONTROL, '');

/** A sheet with a header of distinct, non-empty column names and rows as long as the header. */
function sheetOf(name: string, header: string[], rows: { line: number; cells: string[] }[]): StoredSheet {
  let width = header.length;
  for (const row of rows) width = Math.max(width, row.cells.length);
  width = Math.min(MAX_COLUMNS, width);
  const seen = new Map<string, number>();
  const columns = Array.from({ length: width }, (_, index) => {
    const base =
      clean(header[index] ?? '')
        .trim()
        .slice(0, MAX_NAME_LENGTH) || `Column ${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
  return {
    name: clean(name).trim().slice(0, MAX_NAME_LENGTH) || 'sheet',
    columns,
    rows: rows
      .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''))
      .map(({ line, cells }) => ({
        line,
        cells: columns.map((_, index) => clean((cells[index] ?? '').slice(0, MAX_CELL_LENGTH + 1))),
      })),
  };
}
