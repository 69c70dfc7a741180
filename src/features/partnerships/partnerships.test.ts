import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makePartnership, makePlaces } from '../../../test/helpers/factories.ts';

let t: TestApp;
const list = (query: Record<string, string> = {}) => t.app.inject({ url: '/api/partnerships', query });
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  const [espoo, shanghai, tallinn, kotka, stockholm] = await makePlaces(
    db,
    ['Espoo', 'FI'],
    ['Shanghai', 'CN'],
    ['Tallinn', 'EE'],
    ['Kotka', 'FI'],
    ['Stockholm', 'SE'],
  );
  ids.espooShanghai = (await makePartnership(db, [espoo.id, shanghai.id], { startedOn: '1998-05-12' })).id;
  ids.espooTallinn = (
    await makePartnership(db, [espoo.id, tallinn.id], { kind: 'mou', startedOn: '2015-01-01' })
  ).id;
  ids.kotkaTallinn = (await makePartnership(db, [kotka.id, tallinn.id], { status: 'dormant' })).id;
  ids.tallinnStockholm = (
    await makePartnership(db, [tallinn.id, stockholm.id], {
      status: 'ended',
      startedOn: '1990-01-01',
      endedOn: '2010-06-30',
    })
  ).id;
  ids.internal = (await makePartnership(db, [kotka.id, stockholm.id], { visibility: 'internal' })).id;
});
afterAll(() => t.close());

const idsOf = (body: { items: { id: number }[] }) => body.items.map((item) => item.id);

describe('GET /api/partnerships', () => {
  it('lists published ties with their parties and sources, never internal ones', async () => {
    const response = await list();
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(idsOf(body)).toEqual([
      ids.espooShanghai,
      ids.espooTallinn,
      ids.kotkaTallinn,
      ids.tallinnStockholm,
    ]);
    expect(body.items[0]).toMatchObject({
      kind: 'twin_town',
      status: 'active',
      startedOn: '1998-05-12',
      endedOn: null,
      parties: [
        { name: 'Espoo', country: 'FI' },
        { name: 'Shanghai', country: 'CN' },
      ],
      sources: [{ key: 'test-source', records: 1 }],
    });
    expect(body.nextCursor).toBeNull();
  });

  it.each([
    [{ country: 'fi' }, ['espooShanghai', 'espooTallinn', 'kotkaTallinn']],
    [{ country: 'CN' }, ['espooShanghai']],
    [{ kind: 'mou' }, ['espooTallinn']],
    [{ status: 'dormant' }, ['kotkaTallinn']],
    [{ status: 'ended' }, ['tallinnStockholm']],
    [{ startedFrom: '1995', startedTo: '2000' }, ['espooShanghai']],
    [{ startedFrom: '1998-05-13' }, ['espooTallinn']],
    [{ startedTo: '1998-05-12' }, ['espooShanghai', 'tallinnStockholm']],
    [{ country: 'EE', kind: 'twin_town' }, ['kotkaTallinn', 'tallinnStockholm']],
    [{ country: 'FI', partnerCountry: 'EE' }, ['espooTallinn', 'kotkaTallinn']],
    [{ country: 'EE', partnerCountry: 'fi' }, ['espooTallinn', 'kotkaTallinn']],
    [{ country: 'FI', partnerCountry: 'FI' }, []],
  ])('filters by %o', async (query, expected) => {
    const response = await list(query as Record<string, string>);
    expect(response.statusCode).toBe(200);
    expect(idsOf(response.json())).toEqual(expected.map((name) => ids[name]));
  });

  it('pages with an opaque cursor until nextCursor is null, without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { limit: '1', ...(cursor ? { cursor } : {}) };
      const body = (await list(query)).json();
      seen.push(...idsOf(body));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual([ids.espooShanghai, ids.espooTallinn, ids.kotkaTallinn, ids.tallinnStockholm]);
    expect(pages).toBe(4);
  });

  it.each([
    ['an unknown kind', { kind: 'alliance' }, 'querystring.kind'],
    ['an unknown status', { status: 'forgotten' }, 'querystring.status'],
    ['a malformed date', { startedFrom: '1998-5-1' }, 'querystring.startedFrom'],
    ['an impossible date', { startedTo: '2021-02-29' }, 'querystring.startedTo'],
    ['a reversed range', { startedFrom: '2001', startedTo: '2000' }, 'querystring.startedFrom'],
    ['a forged cursor', { cursor: 'bm90LWEtY3Vyc29y' }, 'querystring.cursor'],
    ['a cursor with bad characters', { cursor: 'a b' }, 'querystring.cursor'],
    ['limit 201', { limit: '201' }, 'querystring.limit'],
    ['an unknown parameter', { page: '2' }, 'querystring.page'],
    ['a partner country without a country', { partnerCountry: 'CN' }, 'querystring.partnerCountry'],
  ])('answers 400 for %s', async (_case, query, field) => {
    const response = await list(query as Record<string, string>);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });
});
