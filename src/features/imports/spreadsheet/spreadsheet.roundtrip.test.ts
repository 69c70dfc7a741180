import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { makePartnership, makePlace, makeSource } from '../../../../test/helpers/factories.ts';
import { importFileAsOperator } from './spreadsheet.service.ts';

/**
 * The round trip: the public data exported as XLSX, imported into an empty instance, and exported again gives the
 * same sheets. Ids are the instance's own, so both exports are compared with each id replaced by its rank.
 */

let source: TestApp;
let target: TestApp;

beforeAll(async () => {
  [source, target] = await Promise.all([createTestApp(), createTestApp()]);
  const db = source.database.db;
  await makeSource(db, 'wikidata-test');
  const helsinki = await makePlace(db, { name: 'Helsinki', lat: 60.17, lng: 24.94, population: 664_028 });
  const vaasa = await makePlace(db, { name: 'Vaasa', lat: 63.1, lng: 21.6 });
  const umea = await makePlace(db, {
    name: 'Umeå',
    country: 'SE',
    lat: 63.83,
    lng: 20.26,
    population: 130_000,
  });
  const suva = await makePlace(db, { name: 'Suva', country: 'FJ', lat: -18.14, lng: 178.44 });
  const apia = await makePlace(db, { name: 'Apia', country: 'WS', lat: -13.83, lng: -171.76 });
  const region = await makePlace(db, {
    name: 'Västerbotten',
    kind: 'region',
    country: 'SE',
    lat: null,
    lng: null,
  });
  await makePartnership(db, [vaasa.id, umea.id], { startedOn: '1994-05-01' });
  await makePartnership(db, [suva.id, apia.id], { kind: 'friendship_city', status: 'dormant' });
  await makePartnership(db, [helsinki.id, umea.id], { kind: 'mou', startedOn: '2019-02-01' });
  await makePartnership(db, [helsinki.id, umea.id], { kind: 'mou', startedOn: '2023-09-15' });
  await makePartnership(db, [vaasa.id, region.id], {
    kind: 'cooperation_agreement',
    status: 'ended',
    startedOn: '2001-01-01',
    endedOn: '2011-12-31',
  });
  // Internal ties are not public data: not exported, and not counted in the partner counts exported.
  await makePartnership(db, [helsinki.id, suva.id], { visibility: 'internal' });
});
afterAll(async () => {
  await Promise.all([source?.close(), target?.close()]);
});

async function exportXlsx(app: TestApp): Promise<Buffer> {
  const response = await app.request('GET', '/api/exports/xlsx');
  expect(response.statusCode).toBe(200);
  return response.rawPayload;
}

async function sheetsOf(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return Object.fromEntries(
    workbook.worksheets.map((sheet) => {
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return [sheet.name, rows];
    }),
  );
}

/** The sheets with every place and tie id replaced by its rank among the ids of its kind. */
function withRanks(sheets: Record<string, unknown[][]>) {
  const [tieHeader, ...ties] = sheets.ties!;
  const [placeHeader, ...places] = sheets.places!;
  const placeRank = new Map(places.map((row, index) => [Number(row[0]), `place#${index + 1}`]));
  const tieRank = new Map(ties.map((row, index) => [Number(row[0]), `tie#${index + 1}`]));
  const column = (name: string) => (tieHeader as string[]).indexOf(name);
  const placeColumns = [column('party_a_id'), column('party_b_id')];
  return {
    ties: [
      tieHeader,
      ...ties.map((row) =>
        row.map((cell, index) =>
          index === 0
            ? tieRank.get(Number(cell))
            : placeColumns.includes(index)
              ? placeRank.get(Number(cell))
              : cell,
        ),
      ),
    ],
    places: [placeHeader, ...places.map((row) => [placeRank.get(Number(row[0])), ...row.slice(1)])],
    sources: sheets.sources,
  };
}

describe('export, import into an empty instance, export again', () => {
  it('gives the same ties and places, and names the import among the sources', async () => {
    const first = await exportXlsx(source);
    const imported = await importFileAsOperator(target.database, {
      filename: 'citybridge.xlsx',
      bytes: first,
      commit: true,
    });
    expect(imported.mapping.sheets.map((sheet) => sheet.type)).toEqual(['ties', 'places', 'sources']);
    expect(imported.counts).toMatchObject({ refused: 0, tiesCreated: 5, placesCreated: 6 });

    const before = withRanks(await sheetsOf(first));
    const after = withRanks(await sheetsOf(await exportXlsx(target)));
    expect(after.ties).toEqual(before.ties);
    expect(after.places).toEqual(before.places);
    // The places' names now come from this file: its source is listed beside the sources the ties name.
    const ownRow = (row: unknown[]) => row[0] === 'spreadsheets-command-line';
    expect(after.sources!.filter((row) => !ownRow(row))).toEqual(before.sources);
    expect(after.sources!.filter(ownRow)).toEqual([
      [
        'spreadsheets-command-line',
        'Spreadsheets imported by the operator',
        undefined,
        expect.any(String),
        expect.any(String),
      ],
    ]);

    const again = await importFileAsOperator(target.database, {
      filename: 'again.xlsx',
      bytes: first,
      commit: true,
    });
    expect(again.counts).toMatchObject({
      tiesCreated: 0,
      placesCreated: 0,
      tiesUpdated: 0,
      placesUpdated: 0,
    });
  });
});
