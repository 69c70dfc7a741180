import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makeUser, sessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePlace } from '../../../test/helpers/factories.ts';
import { queryRows } from '../../db/query.ts';
import { placeNames, sources } from '../../db/schema.ts';

let t: TestApp;
let shanghai: number;
let espoo: number;
const as: Record<'admin' | 'editor' | 'viewer' | 'otherEditor', Record<string, string>> = {
  admin: {},
  editor: {},
  viewer: {},
  otherEditor: {},
};

const search = async (q: string) =>
  (await t.request('GET', `/api/places?q=${encodeURIComponent(q)}`)).json().results as {
    id: number;
    matchedName: string;
  }[];
const place = async (id: number, headers: Record<string, string> = {}) =>
  (await t.request('GET', `/api/places/${id}`, headers)).json();
const addName = (id: number, headers: Record<string, string>, body: object) =>
  t.request('POST', `/api/places/${id}/names`, headers, body);
const auditEvents = async (action: string) =>
  queryRows<{ entity_id: number; before: unknown; after: unknown }>(
    t.database.db,
    sql`select entity_id, before, after from audit_events where action = ${action} order by id`,
  );

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  shanghai = (await makePlace(db, { name: 'Shanghai', country: 'CN', lat: 31.2, lng: 121.5 })).id;
  espoo = (await makePlace(db, { name: 'Espoo', country: 'FI' })).id;
  const cityOfShanghai = await makeOrganization(db, { name: 'City of Shanghai', placeId: shanghai });
  const cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo });
  as.admin = await sessionHeaders(db, (await makeUser(db, { isAdmin: true })).id);
  as.editor = await sessionHeaders(
    db,
    (await makeUser(db, { memberships: [{ organizationId: cityOfShanghai.id, role: 'editor' }] })).id,
  );
  as.viewer = await sessionHeaders(
    db,
    (await makeUser(db, { memberships: [{ organizationId: cityOfShanghai.id, role: 'viewer' }] })).id,
  );
  as.otherEditor = await sessionHeaders(
    db,
    (await makeUser(db, { memberships: [{ organizationId: cityOfEspoo.id, role: 'editor' }] })).id,
  );
});
afterAll(() => t.close());

describe('POST /api/places/{id}/names', () => {
  it('adds a name that search finds at once, shown as the native name, audited', async () => {
    expect(await search('上海')).toEqual([]);
    const response = await addName(shanghai, as.editor, { name: ' 上海 ', lang: 'zh' });
    expect(response.statusCode, response.body).toBe(201);
    const name = response.json();
    expect(name).toEqual({
      id: expect.any(Number),
      name: '上海',
      lang: 'zh',
      kind: 'official',
      source: null,
    });
    expect((await search('上海'))[0]).toMatchObject({ id: shanghai, matchedName: '上海' });
    const detail = await place(shanghai, as.editor);
    expect(detail.names).toContainEqual(name);
    expect(detail).toMatchObject({ nativeName: { name: '上海', lang: 'zh' }, canEditNames: true });
    expect(await auditEvents('add_name')).toContainEqual({
      entity_id: shanghai,
      before: null,
      after: { nameId: name.id, name: '上海', lang: 'zh', kind: 'official' },
    });
  });

  it('takes aliases and names of unknown language, and writes language codes in their canonical form', async () => {
    const alias = await addName(shanghai, as.admin, { name: 'Hu', lang: 'zh-hant', kind: 'alias' });
    expect(alias.json()).toMatchObject({ name: 'Hu', lang: 'zh-Hant', kind: 'alias' });
    const unknown = await addName(shanghai, as.admin, { name: 'Shanghai Shi', lang: 'und' });
    expect(unknown.statusCode).toBe(201);
  });

  it('answers 409 for a name the place has in that language already, and changes nothing', async () => {
    const before = (await place(shanghai)).names.length;
    const response = await addName(shanghai, as.editor, { name: '上海', lang: 'zh', kind: 'alias' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('PLACE_NAME_EXISTS');
    expect((await place(shanghai)).names).toHaveLength(before);
  });

  it('is for administrators and editors of a government of the place, checked before the body is read', async () => {
    expect((await addName(shanghai, {}, { name: 'Shang', lang: 'en' })).statusCode).toBe(401);
    expect((await addName(shanghai, as.viewer, { name: 'Shang', lang: 'en' })).statusCode).toBe(403);
    expect((await addName(shanghai, as.otherEditor, { name: 'Shang', lang: 'en' })).statusCode).toBe(403);
    // A body that would be refused as malformed is never looked at for those who may not write.
    expect((await addName(shanghai, as.viewer, { name: 7, lang: [] })).statusCode).toBe(403);
    expect((await addName(999_999, as.admin, { name: 'Shang', lang: 'en' })).json().error.code).toBe(
      'PLACE_NOT_FOUND',
    );
    expect((await place(shanghai, as.otherEditor)).canEditNames).toBe(false);
    expect((await place(espoo, as.otherEditor)).canEditNames).toBe(true);
  });

  it.each([
    [{ name: '', lang: 'en' }, 'body.name'],
    [{ name: '   ', lang: 'en' }, 'body.name'],
    [{ name: '1234', lang: 'en' }, 'body.name'],
    [{ name: 'Shang\u0007hai', lang: 'en' }, 'body.name'],
    [{ name: 'x'.repeat(201), lang: 'en' }, 'body.name'],
    [{ name: 'Shanghai', lang: 'Chinese' }, 'body.lang'],
    [{ name: 'Shanghai', lang: 'zh_CN' }, 'body.lang'],
    [{ name: 'Shanghai' }, 'body.lang'],
    [{ name: 'Shanghai', lang: 'zh', kind: 'nickname' }, 'body.kind'],
    [{ name: 'Shanghai', lang: 'zh', source: 'me' }, 'body'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const response = await addName(shanghai, as.editor, body);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((detail: { field: string }) => detail.field).join(' ')).toContain(field);
  });
});

describe('DELETE /api/places/{id}/names/{nameId}', () => {
  it('removes a name added in the workspace, audited', async () => {
    const added = (
      await addName(espoo, as.otherEditor, { name: 'Espoon kaupunki', lang: 'fi', kind: 'alias' })
    ).json();
    expect((await search('Espoon kaupunki'))[0]?.id).toBe(espoo);
    const response = await t.request('DELETE', `/api/places/${espoo}/names/${added.id}`, as.otherEditor);
    expect(response.statusCode).toBe(204);
    expect((await search('Espoon kaupunki'))[0]?.id).not.toBe(espoo);
    expect(await auditEvents('remove_name')).toContainEqual({
      entity_id: espoo,
      before: { nameId: added.id, name: 'Espoon kaupunki', lang: 'fi', kind: 'alias' },
      after: null,
    });
  });

  it('refuses imported names, names of other places and those who may not write', async () => {
    const db = t.database.db;
    const [source] = await db
      .insert(sources)
      .values({ key: 'test-names', name: 'Test names', licence: 'CC0-1.0', attribution: 'Test.' })
      .returning();
    const [imported] = await db
      .insert(placeNames)
      .values({ placeId: shanghai, name: 'Xangai', lang: 'pt', sourceId: source!.id })
      .returning();
    const remove = (placeId: number, nameId: number, headers: Record<string, string>) =>
      t.request('DELETE', `/api/places/${placeId}/names/${nameId}`, headers);
    const conflict = await remove(shanghai, imported!.id, as.admin);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.details).toEqual([
      { field: 'params.nameId', message: 'is an imported name' },
    ]);
    expect((await remove(espoo, imported!.id, as.admin)).json().error.code).toBe('PLACE_NAME_NOT_FOUND');
    const own = (await addName(shanghai, as.editor, { name: 'Shen', lang: 'und', kind: 'alias' })).json();
    expect((await remove(shanghai, own.id, {})).statusCode).toBe(401);
    expect((await remove(shanghai, own.id, as.otherEditor)).statusCode).toBe(403);
    expect((await remove(shanghai, own.id, as.viewer)).statusCode).toBe(403);
    expect((await place(shanghai)).names.map((name: { id: number }) => name.id)).toEqual(
      expect.arrayContaining([imported!.id, own.id]),
    );
  });
});
