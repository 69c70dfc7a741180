import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { memberHeaders, type SessionHeaders } from '../../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../../test/helpers/factories.ts';
import { MULTIPART, multipart } from '../../../../test/helpers/multipart.ts';
import { queryRows } from '../../../db/query.ts';

/** Files and rows made to hurt: they are refused with a clear answer, and say nothing the importer may not read. */

let t: TestApp;
let espoo: { id: number };
let tallinn: { id: number };
let riga: { id: number };
let editor: SessionHeaders;
let cityOfEspoo: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  espoo = await makePlace(db, { name: 'Espoo' });
  tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE' });
  riga = await makePlace(db, { name: 'Riga', country: 'LV', wikidataQid: 'Q1773' });
  const stockholm = await makePlace(db, { name: 'Stockholm', country: 'SE' });
  const vilnius = await makePlace(db, { name: 'Vilnius', country: 'LT' });
  cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
  editor = await memberHeaders(db, cityOfEspoo.id, 'editor');
  // Ties of other cities: internal, and deleted.
  await makePartnership(db, [tallinn.id, stockholm.id], { visibility: 'internal' });
  await makePartnership(db, [tallinn.id, vilnius.id], { deletedAt: new Date() });
  // A tie of Espoo's that is due for renewal before a later start date.
  await makePartnership(db, [espoo.id, stockholm.id], { startedOn: '1990-01-01', renewalOn: '2000-01-01' });
  // A duplicate of Riga, merged into it: its Wikidata id leads to Riga.
  const [duplicate] = await queryRows<{ id: number }>(
    db,
    sql`insert into places (name, country, wikidata_qid, merged_into_id) values ('Rīga', 'LV', 'Q999991', ${riga.id})
        returning id`,
  );
  expect(duplicate).toBeDefined();
});
afterAll(() => t.close());

function upload(filename: string, content: Buffer | string) {
  return t.request(
    'POST',
    `/api/imports?organizationId=${cityOfEspoo.id}`,
    { ...editor, 'content-type': MULTIPART },
    multipart([{ name: 'file', filename, type: 'application/octet-stream', content }]),
  );
}

async function dryRun(csv: string) {
  const body = (await upload('ties.csv', csv)).json();
  const response = await t.request('POST', `/api/imports/${body.id}/dry-run`, editor, {
    mapping: body.mapping,
  });
  expect(response.statusCode).toBe(200);
  return response.json().rows as {
    line: number;
    outcome: string;
    recordId: number | null;
    reasons: { code: string; message: string }[];
  }[];
}

async function workbook(fill: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('files made to hurt', () => {
  it('refuses a CSV of too many lines before parsing it', async () => {
    const started = performance.now();
    const response = await upload('lines.csv', `a\n${'x\n'.repeat(130_000)}`);
    expect([response.statusCode, response.json().error.code]).toEqual([422, 'IMPORT_TOO_MANY_ROWS']);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses a workbook that unpacks far beyond its size, or holds too many sheets', async () => {
    const packed = await workbook((book) => {
      const sheet = book.addWorksheet('ties');
      sheet.addRow(['Partner city']);
      sheet.addRow(['a'.repeat(4_000_000)]);
    });
    const bomb = await upload('bomb.xlsx', packed);
    expect([bomb.statusCode, bomb.json().error.code]).toEqual([422, 'IMPORT_TOO_LARGE']);
    const many = await workbook((book) => {
      for (let index = 0; index < 51; index += 1) book.addWorksheet(`s${index}`).addRows([['a'], ['b']]);
    });
    const sheets = await upload('sheets.xlsx', many);
    expect([sheets.statusCode, sheets.json().error.code]).toEqual([422, 'IMPORT_TOO_LARGE']);
  });

  it('reads an impossible date as empty, cuts long names, and drops NUL and other control characters', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet(`ties${'!'.repeat(20)}`);
      sheet.addRow([`Partner city${'!'.repeat(300)}`, 'Since']);
      const row = sheet.addRow(['Tal\u0000linn\u202e', 1e20]);
      row.getCell(2).numFmt = 'yyyy-mm-dd';
    });
    const response = await upload('odd.xlsx', bytes);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.sheets[0].columns[0]).toHaveLength(100);
    expect(body.sheets[0].sample[0][0]).toBe('Tallinn');
    const csv = await upload('nul.csv', `Partner city\n${'Tallinn\n'.repeat(2000)}Tal\u0000linn\n`);
    expect(csv.statusCode).toBe(201);
  });
});

describe('rows made to hurt', () => {
  it('says nothing of ties the importer may not write: internal or deleted', async () => {
    const rows = await dryRun(
      'City;City country;Partner city;Partner country\nTallinn;EE;Stockholm;SE\nTallinn;EE;Vilnius;LT\n',
    );
    for (const row of rows) {
      expect(row).toMatchObject({ outcome: 'refused', recordId: null, reasons: [{ code: 'not_allowed' }] });
      expect(row.reasons[0]!.message).not.toMatch(/deleted|\d/);
    }
  });

  it('refuses a start after the tie’s renewal date, which the database would refuse at the commit', async () => {
    const [row] = await dryRun('Partner city;Partner country;Since\nStockholm;SE;2010\n');
    expect(row).toMatchObject({ outcome: 'refused', reasons: [{ code: 'bad_date' }] });
  });

  it('follows a merged place’s Wikidata id to the place it was merged into', async () => {
    const [row] = await dryRun('Partner city;Partner wikidata\nRīga;Q999991\n');
    expect(row).toMatchObject({ outcome: 'create', places: [{}, { match: 'existing', placeId: riga.id }] });
  });

  it('refuses a minus that starts a formula, and a formula in full-width characters', async () => {
    const rows = await dryRun(
      'Partner city;Partner country\n-1+cmd|\' /C calc\'!A0;SE\n＝HYPERLINK("x");SE\n',
    );
    expect(rows.map((row) => row.reasons.map((reason) => reason.code))).toEqual([['formula'], ['formula']]);
  });
});
