import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { memberHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';

/**
 * The public data as files: a CSV that spreadsheets read without running anything, and GeoJSON whose lines take
 * the short way round and stay within ±180°; both only of published ties, filtered as the ties list is.
 */

let t: TestApp;
const ids = {} as Record<
  'espoo' | 'shanghai' | 'tokyo' | 'sanFrancisco' | 'formula' | 'newline' | 'hidden',
  number
>;
const tieIds = {} as Record<'espooShanghai' | 'tokyoSanFrancisco' | 'formula' | 'newline' | 'hidden', number>;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  ids.espoo = (await makePlace(db, { name: 'Espoo', lat: 60.21, lng: 24.66 })).id;
  ids.shanghai = (await makePlace(db, { name: 'Shanghai', country: 'CN', lat: 31.23, lng: 121.47 })).id;
  ids.tokyo = (await makePlace(db, { name: 'Tokyo', country: 'JP', lat: 35.68, lng: 139.69 })).id;
  ids.sanFrancisco = (
    await makePlace(db, { name: 'San Francisco', country: 'US', lat: 37.77, lng: -122.42 })
  ).id;
  ids.formula = (await makePlace(db, { name: '=HYPERLINK("https://evil.example","x")', country: 'SE' })).id;
  ids.newline = (await makePlace(db, { name: 'Base\n=1+1,SE', country: 'SE' })).id;
  ids.hidden = (await makePlace(db, { name: 'Hiddenville', country: 'EE' })).id;
  tieIds.espooShanghai = (
    await makePartnership(db, [ids.espoo, ids.shanghai], { kind: 'twin_town', startedOn: '1998-01-01' })
  ).id;
  tieIds.tokyoSanFrancisco = (
    await makePartnership(db, [ids.tokyo, ids.sanFrancisco], { kind: 'twin_town' })
  ).id;
  tieIds.formula = (
    await makePartnership(db, [ids.espoo, ids.formula], { kind: 'cooperation_agreement' })
  ).id;
  tieIds.newline = (await makePartnership(db, [ids.formula, ids.newline], { kind: 'friendship_city' })).id;
  tieIds.hidden = (await makePartnership(db, [ids.espoo, ids.hidden], { visibility: 'internal' })).id;
});
afterAll(() => t.close());

const csv = (text: string) =>
  parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];

describe('exports', () => {
  it('write the published ties as RFC 4180 CSV, formulas made harmless', async () => {
    const answer = await t.app.inject({ url: '/api/exports/csv' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(answer.headers['content-disposition']).toBe('attachment; filename="citybridge-ties.csv"');
    expect(answer.headers.link).toBe('</api/exports/licence>; rel="license"');
    expect(answer.body.split('\r\n')[0]).toBe(
      'id,kind,status,started_on,ended_on,party_a_id,party_a_name,party_a_country,party_b_id,party_b_name,' +
        'party_b_country,more_parties,sources',
    );
    const rows = csv(answer.body);
    expect(rows.map((row) => Number(row.id))).toEqual([
      tieIds.espooShanghai,
      tieIds.tokyoSanFrancisco,
      tieIds.formula,
      tieIds.newline,
    ]);
    // A line break stays inside its quoted cell: no spreadsheet reads a new row (and a formula) from it.
    expect(answer.body).toContain('"Base\n=1+1,SE"');
    expect(rows.at(-1)!.party_b_name).toBe('Base\n=1+1,SE');
    expect(rows[0]).toMatchObject({ kind: 'twin_town', started_on: '1998-01-01', party_a_name: 'Espoo' });
    const names = rows.flatMap((row) => [row.party_a_name, row.party_b_name]);
    expect(names).not.toContain('Hiddenville');
    expect(names).toContain(`'=HYPERLINK("https://evil.example","x")`);
    expect(names.every((name) => !/^[=+\-@\t\r]/.test(name!))).toBe(true);

    const places = csv((await t.app.inject({ url: '/api/exports/csv?dataset=places' })).body);
    expect(places.map((row) => row.name).sort()).toEqual(
      [
        'Espoo',
        'San Francisco',
        'Shanghai',
        'Tokyo',
        `'=HYPERLINK("https://evil.example","x")`,
        'Base\n=1+1,SE',
      ].sort(),
    );
    expect(places.find((row) => row.name === 'Espoo')).toMatchObject({ lat: '60.21', lng: '24.66' });
  });

  it('filter as the ties list does, and refuse what it refuses', async () => {
    const japan = csv((await t.app.inject({ url: '/api/exports/csv?country=JP' })).body);
    expect(japan.map((row) => Number(row.id))).toEqual([tieIds.tokyoSanFrancisco]);
    const since = csv((await t.app.inject({ url: '/api/exports/csv?startedFrom=1990&startedTo=2000' })).body);
    expect(since.map((row) => Number(row.id))).toEqual([tieIds.espooShanghai]);
    for (const url of [
      '/api/exports/csv?startedFrom=2001&startedTo=2000',
      '/api/exports/csv?startedFrom=0000',
      '/api/exports/geojson?startedTo=0000-12-31',
      '/api/exports/csv?partnerCountry=FI',
      '/api/exports/csv?dataset=people',
      '/api/exports/csv?limit=5',
      '/api/exports/pdf',
    ]) {
      const refused = await t.app.inject({ url });
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json().error.code, url).toBe('VALIDATION_FAILED');
    }
  });

  it('write GeoJSON: lines cut at the antimeridian, places as points, the licence along', async () => {
    const answer = await t.app.inject({ url: '/api/exports/geojson' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/geo+json');
    const collection = JSON.parse(answer.body);
    expect(collection.type).toBe('FeatureCollection');
    expect(Array.isArray(collection.licence)).toBe(true);
    const features = collection.features as {
      geometry: { type: string; coordinates: number[][] | number[][][] | number[] } | null;
      properties: { record: string; id: number; name?: string };
    }[];
    expect(features.filter((feature) => feature.properties.record === 'tie')).toHaveLength(4);
    expect(features.filter((feature) => feature.properties.record === 'place')).toHaveLength(6);
    const pacific = features.find((feature) => feature.properties.id === tieIds.tokyoSanFrancisco)!;
    expect(pacific.geometry!.type).toBe('MultiLineString');
    const lines = pacific.geometry!.coordinates as number[][][];
    expect(lines).toHaveLength(2);
    for (const line of lines) for (const [lng] of line) expect(Math.abs(lng!)).toBeLessThanOrEqual(180);
    const espooShanghai = features.find((feature) => feature.properties.id === tieIds.espooShanghai)!;
    expect(espooShanghai.geometry!.type).toBe('LineString');
    const espoo = features.find(
      (feature) => feature.properties.record === 'place' && feature.properties.name === 'Espoo',
    )!;
    expect(espoo.geometry).toEqual({ type: 'Point', coordinates: [24.66, 60.21] });
  });

  it('write an XLSX workbook that exceljs reads back: ties, places and sources, text as text', async () => {
    const answer = await t.app.inject({ url: '/api/exports/xlsx' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(answer.headers['content-disposition']).toBe('attachment; filename="citybridge-ties.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['ties', 'places', 'sources']);
    const rows = (name: string) => {
      const values: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => {
        values.push((row.values as unknown[]).slice(1));
      });
      return values;
    };
    const ties = rows('ties');
    expect(ties[0]!.slice(0, 3)).toEqual(['id', 'kind', 'status']);
    expect(ties.slice(1).map((row) => row[0])).toEqual([
      tieIds.espooShanghai,
      tieIds.tokyoSanFrancisco,
      tieIds.formula,
      tieIds.newline,
    ]);
    const places = rows('places');
    expect(places).toHaveLength(1 + 6);
    // The place whose name looks like a formula is a text cell: no spreadsheet runs it.
    const formulaCell = workbook
      .getWorksheet('places')!
      .getColumn(2)
      .values.find((value) => typeof value === 'string' && value.startsWith('=HYPERLINK'));
    expect(formulaCell).toBe('=HYPERLINK("https://evil.example","x")');
    // Each party id of a tie is the id of a row of the places sheet.
    const placeIds = new Set(places.slice(1).map((row) => row[0]));
    for (const tie of ties.slice(1)) expect(placeIds.has(tie[5]) && placeIds.has(tie[8])).toBe(true);
  });

  it('write JSON-LD that expands: ties naming their parties, places as schema.org cities', async () => {
    const answer = await t.app.inject({ url: '/api/exports/jsonld?country=JP' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/ld+json');
    const expanded = (await jsonld.expand(JSON.parse(answer.body), {
      documentLoader: async (url: string) => {
        throw new Error(`no remote context: ${url}`);
      },
    })) as Record<string, unknown>[];
    const base = 'http://localhost:3000';
    const tie = expanded.find((node) => node['@id'] === `${base}/partnerships/${tieIds.tokyoSanFrancisco}`)!;
    expect(tie['@type']).toEqual([`${base}/api/exports/vocabulary#Tie`]);
    expect(tie[`${base}/api/exports/vocabulary#party`]).toEqual([
      { '@id': `${base}/places/${ids.sanFrancisco}` },
      { '@id': `${base}/places/${ids.tokyo}` },
    ]);
    const tokyo = expanded.find((node) => node['@id'] === `${base}/places/${ids.tokyo}`)!;
    expect(tokyo['@type']).toEqual(['https://schema.org/City']);
    expect(tokyo['https://schema.org/name']).toEqual([{ '@value': 'Tokyo' }]);
    expect(expanded.filter((node) => (node['@type'] as string[])[0]!.endsWith('#Tie'))).toHaveLength(1);
    const dataset = expanded.find((node) => (node['@type'] as string[])[0] === 'https://schema.org/Dataset')!;
    expect(dataset['https://schema.org/license']).toEqual([{ '@value': 'CC0-1.0' }]);
    expect(dataset['https://schema.org/creditText']).toEqual([{ '@value': 'Test data' }]);
  });

  it('write Popolo: published organisations, people and their posts, nothing private', async () => {
    const db = t.database.db;
    const city = await makeOrganization(db, {
      name: 'City of Espoo',
      placeId: ids.espoo,
      website: 'https://espoo.fi',
    });
    const hidden = await makeOrganization(db, { name: 'Hidden Oy', kind: 'company', visibility: 'internal' });
    const editor = await memberHeaders(db, city.id, 'editor');
    const person = async (name: string, visibility: string, organizationId = city.id) => {
      const answer = await t.request('POST', '/api/people', editor, {
        name,
        keeperId: city.id,
        visibility,
        notes: 'Private note',
        posts: [{ organizationId, role: 'international_affairs_coordinator', title: 'Coordinator' }],
        contactPoints: [{ kind: 'email', value: `${name.split(' ')[0]!.toLowerCase()}@example.org` }],
      });
      expect(answer.statusCode, answer.body).toBe(201);
      return answer.json() as { id: number; posts: { id: number }[] };
    };
    const hanna = await person('Hanna Eskelinen', 'published');
    await person('Internal Person', 'internal');
    const answer = await t.app.inject({ url: '/api/exports/popolo' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const popolo = JSON.parse(answer.body);
    expect(popolo.persons).toEqual([{ id: `person-${hanna.id}`, name: 'Hanna Eskelinen' }]);
    expect(popolo.organizations.map((organization: { name: string }) => organization.name)).toContain(
      'City of Espoo',
    );
    expect(answer.body).not.toContain('Hidden Oy');
    expect(answer.body).not.toContain('Internal Person');
    expect(answer.body).not.toContain('example.org');
    expect(answer.body).not.toContain('Private note');
    expect(popolo.memberships).toEqual([
      {
        id: `post-${hanna.posts[0]!.id}`,
        person_id: `person-${hanna.id}`,
        organization_id: `organization-${city.id}`,
        role: 'international_affairs_coordinator',
        label: 'Coordinator',
      },
    ]);
    expect(
      popolo.organizations.find(
        (organization: { id: string }) => organization.id === `organization-${city.id}`,
      ),
    ).toMatchObject({ classification: 'city_government', area_id: `place-${ids.espoo}` });
    expect(hidden.id).toBeGreaterThan(0);
  });
});
