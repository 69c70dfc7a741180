import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
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
  if (rows > MAX_IMPORT_ROWS) {
    throw new AppError(
      'IMPORT_TOO_MANY_ROWS',
      `The file has ${rows} rows; an import takes at most ${MAX_IMPORT_ROWS}. Split it into smaller files.`,
    );
  }
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
  if (value instanceof Date) return value.toISOString().slice(0, 10);
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

async function readXlsx(bytes: Buffer): Promise<StoredSheet[]> {
  const workbook = new ExcelJS.Workbook();
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
    if (total > MAX_IMPORT_ROWS + workbook.worksheets.length) {
      throw new AppError(
        'IMPORT_TOO_MANY_ROWS',
        `The file has more than ${MAX_IMPORT_ROWS} rows; an import takes at most ${MAX_IMPORT_ROWS}. Split it into smaller files.`,
      );
    }
    const [header, ...body] = rows;
    return sheetOf(worksheet.name, header?.cells ?? [], body);
  });
}

/** A sheet with a header of distinct, non-empty column names and rows as long as the header. */
function sheetOf(name: string, header: string[], rows: { line: number; cells: string[] }[]): StoredSheet {
  const width = Math.min(MAX_COLUMNS, Math.max(header.length, ...rows.map((row) => row.cells.length)));
  const seen = new Map<string, number>();
  const columns = Array.from({ length: width }, (_, index) => {
    const base = (header[index] ?? '').replace(/^\uFEFF/, '').trim() || `Column ${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
  return {
    name,
    columns,
    rows: rows
      .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''))
      .map(({ line, cells }) => ({
        line,
        cells: columns.map((_, index) => (cells[index] ?? '').slice(0, MAX_CELL_LENGTH + 1)),
      })),
  };
}
