import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makePartnership, makePlaces } from '../../../test/helpers/factories.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  const [espoo, vantaa, shanghai, beijing] = await makePlaces(
    db,
    ['Espoo', 'FI'],
    ['Vantaa', 'FI'],
    ['Shanghai', 'CN'],
    ['Beijing', 'CN'],
    ['Lonely', 'SE'],
  );
  await makePartnership(db, [espoo.id, shanghai.id]);
  await makePartnership(db, [vantaa.id, beijing.id]);
  await makePartnership(db, [espoo.id, vantaa.id], { kind: 'cooperation_agreement' });
  await makePartnership(db, [vantaa.id, shanghai.id], { kind: 'mou', visibility: 'internal' });
});
afterAll(() => t.close());

describe('GET /api/stats', () => {
  it('counts totals and published ties per country, country pair and kind', async () => {
    const response = await t.app.inject({ url: '/api/stats' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      totals: { places: 5, partnerships: 3, sources: 1, sourceRecords: 3 },
      byCountry: [
        { country: 'FI', partnerships: 3 },
        { country: 'CN', partnerships: 2 },
      ],
      byCountryPair: [
        { countries: ['CN', 'FI'], partnerships: 2 },
        { countries: ['FI', 'FI'], partnerships: 1 },
      ],
      byKind: [
        { kind: 'twin_town', partnerships: 2 },
        { kind: 'cooperation_agreement', partnerships: 1 },
      ],
      ties: { oneSided: 0, dateUnknown: 3 },
      duplicates: { merged: 0, pending: 0, notTheSame: 0, tiesChanged: 0 },
    });
  });

  it("restricts the country tables to one country's ties", async () => {
    const body = (await t.app.inject({ url: '/api/stats', query: { country: 'cn' } })).json();
    expect(body.byCountry).toEqual([{ country: 'CN', partnerships: 2 }]);
    expect(body.byCountryPair).toEqual([{ countries: ['CN', 'FI'], partnerships: 2 }]);
  });

  it('answers 400 for a malformed country', async () => {
    const response = await t.app.inject({ url: '/api/stats', query: { country: 'Finland' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('querystring.country');
  });
});
