import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { adminHeaders, memberHeaders, type SessionHeaders } from '../../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../../test/helpers/factories.ts';
import { MULTIPART, multipart } from '../../../../test/helpers/multipart.ts';
import { queryRows } from '../../../db/query.ts';

let t: TestApp;
let espoo: { id: number };
let tallinn: { id: number };
let kyiv: { id: number };
let cityOfEspoo: { id: number };
let editor: SessionHeaders;
let viewer: SessionHeaders;
let otherEditor: SessionHeaders;
let admin: SessionHeaders;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  espoo = await makePlace(db, { name: 'Espoo', names: [{ name: 'Esbo', lang: 'sv' }] });
  tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE', lat: 59.44, lng: 24.75 });
  kyiv = await makePlace(db, {
    name: 'Kyiv',
    country: 'UA',
    lat: 50.45,
    lng: 30.52,
    names: [{ name: 'Kiova', lang: 'fi' }],
  });
  await makePlace(db, { name: 'Springfield', country: 'US', lat: 39.8, lng: -89.6 });
  await makePlace(db, { name: 'Springfield', country: 'US', lat: 42.1, lng: -72.6 });
  cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
  const other = await makeOrganization(db, { name: 'Somewhere else' });
  editor = await memberHeaders(db, cityOfEspoo.id, 'editor');
  viewer = await memberHeaders(db, cityOfEspoo.id, 'viewer');
  otherEditor = await memberHeaders(db, other.id, 'editor');
  admin = await adminHeaders(db);
  await makePartnership(db, [espoo.id, tallinn.id]);
});
afterAll(() => t.close());

function upload(
  headers: SessionHeaders,
  filename: string,
  content: Buffer | string,
  organizationId = cityOfEspoo.id,
) {
  return t.request(
    'POST',
    `/api/imports?organizationId=${organizationId}`,
    { ...headers, 'content-type': MULTIPART },
    multipart([{ name: 'file', filename, type: 'text/csv', content }]),
  );
}

const CITY_SHEET = [
  'Partner city;Country;Since;Status',
  'Tallinn;Viro;1993;active',
  'Kiova;UA;1.6.1989;',
  'Esbo;FI;2001;',
  'Talinn;EE;;',
  'Springfield;US;;',
  '=HYPERLINK("http://evil.example","click");SE;;',
  'Nowhere-on-earth;;;',
  'Ruoholahti Twin;SE;2020;',
].join('\r\n');

describe('spreadsheet imports', () => {
  it('reads a city’s sheet, guesses its columns, and shows a dry run that writes nothing', async () => {
    const uploaded = await upload(editor, 'ties.csv', CITY_SHEET);
    expect(uploaded.statusCode).toBe(201);
    const body = uploaded.json();
    expect(body.sheets).toEqual([
      expect.objectContaining({
        name: 'ties',
        columns: ['Partner city', 'Country', 'Since', 'Status'],
        rowCount: 8,
      }),
    ]);
    expect(body.mapping.sheets[0]).toEqual({
      sheet: 'ties',
      type: 'ties',
      columns: { placeB: 'Partner city', placeBCountry: 'Country', startedOn: 'Since', status: 'Status' },
    });
    const before = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from partnerships`,
    );
    const dry = await t.request('POST', `/api/imports/${body.id}/dry-run`, editor, { mapping: body.mapping });
    expect(dry.statusCode).toBe(200);
    const { rows, counts } = dry.json();
    const byLine = (line: number) => rows.find((row: { line: number }) => row.line === line);
    // Tallinn: the tie exists; its start date is new.
    expect(byLine(2)).toMatchObject({ outcome: 'update', changes: ['startedOn'] });
    // Kiova is Kyiv's Finnish name.
    expect(byLine(3)).toMatchObject({
      outcome: 'create',
      places: [{}, { match: 'existing', placeId: kyiv.id }],
    });
    // Esbo is Espoo itself.
    expect(byLine(4)).toMatchObject({ outcome: 'refused', reasons: [{ code: 'same_place' }] });
    // A typo finds Tallinn; that tie is on an earlier row.
    expect(byLine(5).places[1]).toMatchObject({ match: 'similar', placeId: tallinn.id });
    expect(byLine(5)).toMatchObject({ outcome: 'refused', reasons: [{ code: 'duplicate_row' }] });
    expect(byLine(6)).toMatchObject({
      outcome: 'refused',
      reasons: [{ code: 'place_ambiguous', field: 'placeB' }],
    });
    expect(byLine(7)).toMatchObject({ outcome: 'refused', reasons: [{ code: 'formula', field: 'placeB' }] });
    expect(byLine(8)).toMatchObject({ outcome: 'refused', reasons: [{ code: 'place_not_found' }] });
    expect(byLine(9)).toMatchObject({ outcome: 'create', places: [{}, { match: 'new' }] });
    expect(counts).toMatchObject({ create: 2, update: 1, refused: 5, placesNew: 1 });
    const after = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from partnerships`,
    );
    expect(after).toEqual(before);
  });

  it('commits in one go, and a second commit changes nothing', async () => {
    const uploaded = (await upload(editor, 'ties.csv', CITY_SHEET)).json();
    const committed = await t.request('POST', `/api/imports/${uploaded.id}/commit`, editor, {
      mapping: uploaded.mapping,
    });
    expect(committed.statusCode).toBe(200);
    expect(committed.json().counts).toMatchObject({ tiesCreated: 2, tiesUpdated: 1, placesCreated: 1 });
    const ties = await queryRows<{ party_key: string; started_on: string; confirmed: boolean }>(
      t.database.db,
      sql`select t.party_key, t.started_on::text, bool_and(pp.confirmed_at is not null) filter (where pp.place_id = ${espoo.id}) as confirmed
          from partnerships t join partnership_parties pp on pp.partnership_id = t.id
          where t.party_key = ${[espoo.id, kyiv.id].sort((a, b) => a - b).join('-')} group by t.id`,
    );
    expect(ties).toEqual([expect.objectContaining({ started_on: '1989-06-01', confirmed: true })]);
    const history = await t.request('GET', `/api/partnerships/${ties.length}`, editor);
    expect(history.statusCode).toBeLessThan(500);

    const again = await t.request('POST', `/api/imports/${uploaded.id}/commit`, editor, {
      mapping: uploaded.mapping,
    });
    expect(again.json().counts).toMatchObject({
      tiesCreated: 0,
      tiesUpdated: 0,
      placesCreated: 0,
      sourceRecordsAdded: 0,
      unchanged: 3,
    });
  });

  it('remembers the organisation’s mapping for its next file', async () => {
    const renamed = CITY_SHEET.replace('Partner city;Country;Since;Status', 'Kaupunki;Valtio;Alkaen;Tila');
    const first = (await upload(editor, 'kaupungit.csv', renamed)).json();
    const mapping = {
      sheets: [
        {
          sheet: 'kaupungit',
          type: 'ties',
          columns: { placeB: 'Kaupunki', placeBCountry: 'Valtio', startedOn: 'Alkaen' },
        },
      ],
    };
    expect(
      (await t.request('POST', `/api/imports/${first.id}/dry-run`, editor, { mapping })).statusCode,
    ).toBe(200);
    const second = (await upload(editor, 'kaupungit-2026.csv', renamed)).json();
    expect(second.mapping.sheets[0].columns).toEqual(mapping.sheets[0]!.columns);
  });

  it('refuses files that are not spreadsheets, empty, in another encoding or too long', async () => {
    const cases: [string, Buffer | string, number, string][] = [
      ['scan.pdf', Buffer.from('%PDF-1.7\n...'), 415, 'IMPORT_NOT_SPREADSHEET'],
      ['empty.csv', '', 422, 'IMPORT_EMPTY'],
      ['header.csv', 'Partner city;Country\r\n', 422, 'IMPORT_EMPTY'],
      ['latin1.csv', Buffer.from('Partner city;Country\nG\xf6teborg;SE\n', 'latin1'), 422, 'IMPORT_ENCODING'],
      ['huge.csv', `a,b\n${'x,y\n'.repeat(100_000)}`, 422, 'IMPORT_TOO_MANY_ROWS'],
      [
        'fake.xlsx',
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]),
        415,
        'IMPORT_NOT_SPREADSHEET',
      ],
    ];
    const count = async () =>
      (
        await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from spreadsheet_imports`)
      )[0]!.n;
    const before = await count();
    for (const [name, content, status, code] of cases) {
      const response = await upload(editor, name, content);
      expect([name, response.statusCode, response.json().error.code]).toEqual([name, status, code]);
    }
    expect(await count()).toBe(before);
    expect(
      (await upload(editor, 'latin1.csv', Buffer.from('a\nG\xf6teborg\n', 'latin1'))).json().error.message,
    ).toMatch(/line 2/);
  });

  it('reads XLSX, keeping a formula cell as a formula that is refused', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Ystävyyskaupungit');
    sheet.addRow(['Ystävyyskaupunki', 'Maa', 'Alkaen']);
    sheet.addRow(['Kiova', 'Ukraina', new Date(Date.UTC(1989, 5, 1))]);
    sheet.addRow([{ formula: 'HYPERLINK("http://evil.example","x")', result: 'x' }, 'SE', 2000]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const uploaded = await upload(editor, 'ystavyyskaupungit.xlsx', bytes);
    expect(uploaded.statusCode).toBe(201);
    const body = uploaded.json();
    expect(body.mapping.sheets[0]).toMatchObject({
      type: 'ties',
      columns: { placeB: 'Ystävyyskaupunki', placeBCountry: 'Maa' },
    });
    const { rows } = (
      await t.request('POST', `/api/imports/${body.id}/dry-run`, editor, { mapping: body.mapping })
    ).json();
    expect(rows.map((row: { outcome: string }) => row.outcome)).toEqual(['unchanged', 'refused']);
    expect(rows[1].reasons).toEqual([expect.objectContaining({ code: 'formula', field: 'placeB' })]);
  });

  it('imports the contacts of a workbook as people kept by the organisation, with a post there', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Yhteyshenkilöt');
    sheet.addRow(['Nimi', 'Tehtävänimike', 'Rooli', 'Sähköposti', 'Puhelin']);
    sheet.addRow([
      'Aino Koordinaattori',
      'Kansainvälisten asioiden päällikkö',
      'international coordinator',
      'aino@espoo.example',
      '+358 9 816 21',
    ]);
    sheet.addRow(['Bertil Borgmästare', null, 'pormestari', 'not-an-address', null]);
    sheet.addRow(['@SUM(1+1)', null, null, null, null]);
    sheet.addRow(['aino koordinaattori', null, null, null, null]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const body = (await upload(editor, 'yhteyshenkilot.xlsx', bytes)).json();
    expect(body.mapping.sheets[0]).toEqual({
      sheet: 'Yhteyshenkilöt',
      type: 'people',
      columns: { name: 'Nimi', title: 'Tehtävänimike', role: 'Rooli', email: 'Sähköposti', phone: 'Puhelin' },
    });
    const { rows } = (
      await t.request('POST', `/api/imports/${body.id}/dry-run`, editor, { mapping: body.mapping })
    ).json();
    expect(
      rows.map((row: { outcome: string; reasons: { code: string }[] }) => [
        row.outcome,
        row.reasons.map((r) => r.code),
      ]),
    ).toEqual([
      ['create', []],
      ['refused', ['bad_email']],
      ['refused', ['formula']],
      ['refused', ['duplicate_row']],
    ]);
    const committed = await t.request('POST', `/api/imports/${body.id}/commit`, editor, {
      mapping: body.mapping,
    });
    expect(committed.json().counts).toMatchObject({ peopleCreated: 1 });
    const people = (await t.request('GET', `/api/people?organizationId=${cityOfEspoo.id}`, editor)).json()
      .items;
    expect(people).toEqual([
      expect.objectContaining({
        name: 'Aino Koordinaattori',
        visibility: 'internal',
        posts: [
          expect.objectContaining({
            organizationId: cityOfEspoo.id,
            role: 'international_affairs_coordinator',
            title: 'Kansainvälisten asioiden päällikkö',
          }),
        ],
        contactPoints: [
          { kind: 'email', value: 'aino@espoo.example' },
          { kind: 'phone', value: '+358 9 816 21' },
        ],
      }),
    ]);
    const again = await t.request('POST', `/api/imports/${body.id}/commit`, editor, {
      mapping: body.mapping,
    });
    expect(again.json().counts).toMatchObject({ peopleCreated: 0, unchanged: 1 });
  });

  it('lets only the organisation’s editors upload, see, dry-run and commit', async () => {
    expect((await upload({}, 'ties.csv', CITY_SHEET)).statusCode).toBe(401);
    expect((await upload(viewer, 'ties.csv', CITY_SHEET)).statusCode).toBe(403);
    expect((await upload(otherEditor, 'ties.csv', CITY_SHEET)).statusCode).toBe(403);
    expect((await upload(editor, 'ties.csv', CITY_SHEET, 999_999)).statusCode).toBe(404);
    const uploaded = (await upload(editor, 'ties.csv', CITY_SHEET)).json();
    for (const headers of [viewer, otherEditor]) {
      expect((await t.request('GET', `/api/imports/${uploaded.id}`, headers)).statusCode).toBe(404);
      expect(
        (
          await t.request('POST', `/api/imports/${uploaded.id}/commit`, headers, {
            mapping: uploaded.mapping,
          })
        ).statusCode,
      ).toBe(404);
    }
    expect((await t.request('GET', `/api/imports/${uploaded.id}`, admin)).statusCode).toBe(200);
  });

  it('refuses a mapping that names what the file does not have', async () => {
    const uploaded = (await upload(editor, 'ties.csv', CITY_SHEET)).json();
    const bad = {
      sheets: [{ sheet: 'ties', type: 'ties', columns: { placeB: 'No such column', colour: 'Country' } }],
    };
    const response = await t.request('POST', `/api/imports/${uploaded.id}/dry-run`, editor, { mapping: bad });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((detail: { field: string }) => detail.field)).toEqual([
      'body.mapping.sheets.0.columns.placeB',
      'body.mapping.sheets.0.columns.colour',
    ]);
  });
});
