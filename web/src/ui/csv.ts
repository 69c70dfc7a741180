/** A value a CSV cell can hold; null and undefined become empty cells. */
export type CsvValue = string | number | boolean | Date | null | undefined;

/** The byte order mark that makes spreadsheet programs read the file as UTF-8 (ä, ö, å, 上海). */
export const UTF8_BOM = '\uFEFF';

// A cell a spreadsheet would take for a formula (=, +, -, @, tab, carriage return) is a known way to smuggle
// commands into someone's spreadsheet; such text gets a leading apostrophe. Numbers, even negative, stay as they are.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** One field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (value instanceof Date) text = Number.isNaN(value.getTime()) ? '' : value.toISOString();
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Records as RFC 4180 text: fields separated by commas, every record ended by CRLF. */
export function toCsv(records: readonly (readonly CsvValue[])[]): string {
  return records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
}

/** Offers the records to the browser as a download, UTF-8 with a byte order mark. */
export function downloadCsv(fileName: string, records: readonly (readonly CsvValue[])[]): void {
  const blob = new Blob([UTF8_BOM, toCsv(records)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName.endsWith('.csv') ? fileName : `${fileName}.csv`;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the blob once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
