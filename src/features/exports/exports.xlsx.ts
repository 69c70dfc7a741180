import type { Writable } from 'node:stream';
import type { DbOrTx } from '../../db/client.ts';
import type { PlaceSummary } from '../places/places.schema.ts';
import {
  type ExportFilter,
  exportLicence,
  PLACE_COLUMNS,
  placeRow,
  TIE_COLUMNS,
  tieRow,
  tiesAndPlaces,
} from './exports.service.ts';

/**
 * The ties and their places as an XLSX workbook, written row by row to `output` with exceljs's streaming writer: a
 * sheet of ties (its party_*_id columns are the ids of the places sheet), a sheet of places, and a sheet of the
 * sources with their licences and attributions. Text goes in as text cells, never as formulas.
 */
export async function writeXlsx(
  db: DbOrTx,
  filter: ExportFilter,
  output: Writable,
  onTies?: (count: number) => void,
): Promise<void> {
  // Loaded on first use: exceljs is large, and most processes never write a workbook.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = (name: string, columns: readonly string[]) => {
    const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = worksheet.addRow([...columns]);
    header.font = { bold: true };
    header.commit();
    return worksheet;
  };
  const ties = sheet('ties', TIE_COLUMNS);
  let places = new Map<number, PlaceSummary>();
  for await (const page of tiesAndPlaces(db, filter, onTies)) {
    places = page.places;
    for (const tie of page.ties) ties.addRow(tieRow(tie)).commit();
  }
  ties.commit();
  const placeSheet = sheet('places', PLACE_COLUMNS);
  for (const place of [...places.values()].sort((a, b) => a.id - b.id))
    placeSheet.addRow(placeRow(place)).commit();
  placeSheet.commit();
  const sources = sheet('sources', ['key', 'name', 'url', 'licence', 'attribution']);
  for (const source of (await exportLicence(db)).sources)
    sources.addRow([source.key, source.name, source.url ?? '', source.licence, source.attribution]).commit();
  sources.commit();
  await workbook.commit();
}
