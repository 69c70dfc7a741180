import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { memberHeaders, type Readers, type SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';
import { makeOrganization, makePlace } from '../../../test/helpers/factories.ts';

/** The organisations API as clients see it: its lifecycle, its lists, who reads what, and who speaks for a place. */

let t: TestApp;
let espoo: { id: number; name: string; country: string };
let shanghai: { id: number };
let cityOfEspoo: { id: number };
let cityOfShanghai: { id: number };
let as: Readers;
/** An id no record has. */
const MISSING = 2_000_000_000;

const call: TestApp['request'] = (...args) => t.request(...args);

/** Asks to create an organisation. */
const propose = (who: SessionHeaders, body: object) => call('POST', '/api/organizations', who, body);

/** Creates an organisation as an administrator and answers it. */
async function create(body: Record<string, unknown>) {
  const response = await propose(as.admin, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  ({ espoo, shanghai, cityOfEspoo, cityOfShanghai, as } = await makeEspooAndShanghai(t.database.db));
});
afterAll(() => t.close());

describe('creating an organisation', () => {
  it('answers 201 with the record, its place and defaults, and the record reads back the same', async () => {
    const response = await propose(as.editor, {
      kind: 'national_agency',
      name: '  Team Finland Shanghai ',
      placeId: shanghai.id,
      keeperId: cityOfEspoo.id,
    });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      kind: 'national_agency',
      name: 'Team Finland Shanghai',
      place: { id: shanghai.id, name: 'Shanghai', country: 'CN' },
      aliases: [],
      website: null,
      description: null,
      sector: null,
      keeperId: cityOfEspoo.id,
      visibility: 'published',
      version: 1,
      deletedAt: null,
      mergedIntoId: null,
      canEdit: true,
    });
    expect(Date.parse(created.createdAt)).not.toBeNaN();
    const read = await call('GET', `/api/organizations/${created.id}`, as.editor);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created);
  });

  it('tells each reader whether they may edit it', async () => {
    const created = await create({ kind: 'company', name: 'Espoo Ventures', keeperId: cityOfEspoo.id });
    const canEdit = async (who: SessionHeaders) =>
      (await call('GET', `/api/organizations/${created.id}`, who)).json().canEdit;
    expect(await canEdit(as.editor)).toBe(true);
    expect(await canEdit(as.admin)).toBe(true);
    expect(await canEdit(as.viewer)).toBe(false);
    expect(await canEdit(as.otherEditor)).toBe(false);
    expect(await canEdit(as.anonymous)).toBe(false);
  });

  it('needs an editor of the keeper, or an administrator for a record without one', async () => {
    const body = { kind: 'company', name: 'Kept elsewhere' };
    expect((await propose(as.anonymous, body)).statusCode).toBe(401);
    expect((await propose(as.editor, body)).statusCode).toBe(403);
    const kept = { ...body, keeperId: cityOfEspoo.id };
    expect((await propose(as.viewer, kept)).statusCode).toBe(403);
    expect((await propose(as.otherEditor, kept)).statusCode).toBe(403);
    const byAdmin = await propose(as.admin, body);
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.json().keeperId).toBeNull();
  });

  it('refuses unknown places and keepers, and deleted keepers', async () => {
    const unknownPlace = await propose(as.admin, {
      kind: 'company',
      name: 'Nowhere Ltd',
      placeId: MISSING,
    });
    expect(unknownPlace.statusCode).toBe(400);
    expect(unknownPlace.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'body.placeId', message: 'is not a known place' }],
    });
    const gone = await create({ kind: 'ngo', name: 'Dissolved keeper' });
    await call('DELETE', `/api/organizations/${gone.id}?version=${gone.version}`, as.admin);
    for (const keeperId of [MISSING, gone.id]) {
      const answer = await propose(as.admin, {
        kind: 'company',
        name: 'Orphan Ltd',
        keeperId,
      });
      expect(answer.statusCode).toBe(400);
      expect(answer.json().error.details).toEqual([
        { field: 'body.keeperId', message: 'is not a known organisation' },
      ]);
    }
  });

  it.each([
    { kind: 'company' },
    { kind: 'guild', name: 'Guild' },
    { kind: 'company', name: '   ' },
    { kind: 'company', name: 'Extra', colour: 'red' },
    { kind: 'company', name: 'Bad site', website: 'not a url' },
    { kind: 'company', name: 'Bad visibility', visibility: 'secret' },
  ])('validates the body strictly: refuses %j', async (body) => {
    const answer = await propose(as.admin, body);
    expect(answer.statusCode, JSON.stringify(body)).toBe(400);
    expect(answer.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe("a company's sector", () => {
  it('is one of the 21 sections of NACE Rev. 2, named in three languages, and for companies only', async () => {
    const sectors = (await call('GET', '/api/sectors', {})).json();
    expect(sectors.items).toHaveLength(21);
    expect(sectors.items.map((sector: { code: string }) => sector.code).join('')).toBe(
      'ABCDEFGHIJKLMNOPQRSTU',
    );
    expect(sectors.items.find((sector: { code: string }) => sector.code === 'J').name).toEqual({
      en: 'Information and communication',
      fi: 'Informaatio ja viestintä',
      sv: 'Informations- och kommunikationsverksamhet',
    });
    expect(sectors.source).toContain('CC BY 4.0');
    const company = await create({ kind: 'company', name: 'Clean Tech Oy', placeId: espoo.id, sector: 'D' });
    expect(company.sector).toBe('D');
    for (const [body, field] of [
      [{ kind: 'company', name: 'Nowhere Oy', sector: 'Z' }, 'body.sector'],
      [{ kind: 'company', name: 'Lower Oy', sector: 'd' }, 'body.sector'],
      [{ kind: 'university', name: 'Aalto University', sector: 'P' }, 'body.sector'],
    ] as const) {
      const refused = await propose(as.admin, body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details[0].field).toBe(field);
    }
    // A company that becomes another kind of organisation leaves its sector behind first.
    const kept = await call('PATCH', `/api/organizations/${company.id}`, as.admin, {
      version: company.version,
      kind: 'ngo',
    });
    expect(kept.statusCode).toBe(400);
    const changed = await call('PATCH', `/api/organizations/${company.id}`, as.admin, {
      version: company.version,
      kind: 'ngo',
      sector: null,
    });
    expect(changed.json()).toMatchObject({ kind: 'ngo', sector: null });
  });
});

describe('changing an organisation', () => {
  it('applies the changes, bumps the version and keeps what was not sent', async () => {
    const created = await create({
      kind: 'university',
      name: 'Aalto',
      description: 'A university',
      keeperId: cityOfEspoo.id,
    });
    const response = await call('PATCH', `/api/organizations/${created.id}`, as.editor, {
      version: created.version,
      name: 'Aalto University',
      aliases: ['Aalto-yliopisto'],
      website: 'https://www.aalto.fi',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'Aalto University',
      aliases: ['Aalto-yliopisto'],
      website: 'https://www.aalto.fi',
      description: 'A university',
      version: created.version + 1,
    });
    const cleared = await call('PATCH', `/api/organizations/${created.id}`, as.editor, {
      version: created.version + 1,
      description: null,
    });
    expect(cleared.json()).toMatchObject({ description: null, name: 'Aalto University' });
  });

  it('answers a stale version with 409 and the current record, and changes nothing', async () => {
    const created = await create({ kind: 'media', name: 'Espoo Times', keeperId: cityOfEspoo.id });
    await call('PATCH', `/api/organizations/${created.id}`, as.editor, { version: 1, name: 'Espoo Daily' });
    const stale = await call('PATCH', `/api/organizations/${created.id}`, as.editor, {
      version: 1,
      name: 'Espoo Weekly',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: [{ field: 'body.version', message: 'is stale' }],
      current: { id: created.id, name: 'Espoo Daily', version: 2 },
    });
    expect((await call('GET', `/api/organizations/${created.id}`, as.editor)).json().name).toBe(
      'Espoo Daily',
    );
  });

  it('is for editors of the organisation or its keeper, and administrators', async () => {
    const created = await create({ kind: 'ngo', name: 'Espoo Friends', keeperId: cityOfEspoo.id });
    const patch = (who: SessionHeaders) =>
      call('PATCH', `/api/organizations/${created.id}`, who, { version: created.version, name: 'Changed' });
    expect((await patch(as.anonymous)).statusCode).toBe(401);
    expect((await patch(as.viewer)).statusCode).toBe(403);
    expect((await patch(as.otherEditor)).statusCode).toBe(403);
    expect((await call('GET', `/api/organizations/${created.id}`, as.admin)).json().version).toBe(1);
    // The organisation's own editors, not only its keeper's.
    const ownEditor = await memberHeaders(t.database.db, created.id, 'editor');
    expect((await patch(ownEditor)).statusCode).toBe(200);
  });

  it('hands a record to another keeper only for those who may create records for that keeper', async () => {
    const created = await create({ kind: 'company', name: 'Handover Oy', keeperId: cityOfEspoo.id });
    const toShanghai = { version: created.version, keeperId: cityOfShanghai.id };
    const refused = await call('PATCH', `/api/organizations/${created.id}`, as.editor, toShanghai);
    expect(refused.statusCode).toBe(403);
    const toNobody = await call('PATCH', `/api/organizations/${created.id}`, as.editor, {
      version: created.version,
      keeperId: null,
    });
    expect(toNobody.statusCode).toBe(403);
    const byAdmin = await call('PATCH', `/api/organizations/${created.id}`, as.admin, toShanghai);
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toMatchObject({ keeperId: cityOfShanghai.id, canEdit: true });
  });

  it('answers 404 for unknown and deleted organisations', async () => {
    const unknown = await call('PATCH', `/api/organizations/${MISSING}`, as.admin, { version: 1, name: 'X' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ORGANIZATION_NOT_FOUND');
    const created = await create({ kind: 'company', name: 'Soon gone', keeperId: cityOfEspoo.id });
    const deleted = (
      await call('DELETE', `/api/organizations/${created.id}?version=${created.version}`, as.editor)
    ).json();
    const patch = await call('PATCH', `/api/organizations/${created.id}`, as.admin, {
      version: deleted.version,
      name: 'Back',
    });
    expect(patch.statusCode).toBe(404);
  });
});

describe('deleting and restoring an organisation', () => {
  it('keeps the record: editors still read it, others and the lists no longer see it', async () => {
    const created = await create({ kind: 'company', name: 'Deletable Oy', keeperId: cityOfEspoo.id });
    const deleted = await call(
      'DELETE',
      `/api/organizations/${created.id}?version=${created.version}`,
      as.editor,
    );
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toMatchObject({ id: created.id, version: 2 });
    expect(deleted.json().deletedAt).not.toBeNull();

    const read = (who: SessionHeaders) => call('GET', `/api/organizations/${created.id}`, who);
    expect((await read(as.editor)).json().deletedAt).not.toBeNull();
    expect((await read(as.admin)).statusCode).toBe(200);
    for (const who of [as.viewer, as.otherEditor, as.anonymous]) {
      expect((await read(who)).statusCode).toBe(404);
    }
    const listed = await call('GET', '/api/organizations?q=Deletable', as.admin);
    expect(listed.json().items).toEqual([]);

    const again = await call('DELETE', `/api/organizations/${created.id}?version=2`, as.editor);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
  });

  it('restores a deleted record with its version, and refuses to restore one that is not deleted', async () => {
    const created = await create({ kind: 'company', name: 'Phoenix Oy', keeperId: cityOfEspoo.id });
    const notDeleted = await call('POST', `/api/organizations/${created.id}/restore`, as.editor, {
      version: 1,
    });
    expect(notDeleted.statusCode).toBe(409);
    expect(notDeleted.json().error.code).toBe('CONFLICT');
    await call('DELETE', `/api/organizations/${created.id}?version=1`, as.editor);
    const stale = await call('POST', `/api/organizations/${created.id}/restore`, as.editor, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const restored = await call('POST', `/api/organizations/${created.id}/restore`, as.editor, {
      version: 2,
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ deletedAt: null, version: 3 });
    const listed = await call('GET', '/api/organizations?q=Phoenix', as.anonymous);
    expect(listed.json().items.map((item: { id: number }) => item.id)).toEqual([created.id]);
  });

  it('is for editors and administrators, with a version', async () => {
    const created = await create({ kind: 'company', name: 'Guarded Oy', keeperId: cityOfEspoo.id });
    const url = `/api/organizations/${created.id}?version=1`;
    expect((await call('DELETE', url, as.anonymous)).statusCode).toBe(401);
    expect((await call('DELETE', url, as.viewer)).statusCode).toBe(403);
    expect((await call('DELETE', url, as.otherEditor)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/organizations/${created.id}`, as.editor)).statusCode).toBe(400);
    expect((await call('DELETE', `/api/organizations/${MISSING}?version=1`, as.admin)).statusCode).toBe(404);
    expect((await call('DELETE', url, as.admin)).statusCode).toBe(200);
  });
});

describe("an organisation's history", () => {
  it('lists every change oldest first: who, what, before and after', async () => {
    const created = await propose(as.editor, {
      kind: 'company',
      name: 'Chronicle Oy',
      keeperId: cityOfEspoo.id,
    });
    const { id } = created.json();
    await call('PATCH', `/api/organizations/${id}`, as.editor, { version: 1, name: 'Chronicle Ltd' });
    await call('DELETE', `/api/organizations/${id}?version=2`, as.admin);
    await call('POST', `/api/organizations/${id}/restore`, as.editor, { version: 3 });

    const history = await call('GET', `/api/organizations/${id}/history`, as.viewer);
    expect(history.statusCode).toBe(200);
    const items = history.json().items;
    expect(items.map((item: { action: string }) => item.action)).toEqual([
      'create',
      'update',
      'delete',
      'restore',
    ]);
    expect(items[0]).toMatchObject({ before: null, after: { name: 'Chronicle Oy', version: 1 } });
    expect(items[0].actor).toMatch(/^Espoo Editor </);
    expect(items[1]).toMatchObject({
      before: { name: 'Chronicle Oy', version: 1 },
      after: { name: 'Chronicle Ltd', version: 2 },
    });
    expect(items[2].actor).toMatch(/^Admin </);
    expect(items[2].after.deletedAt).not.toBeNull();
    expect(items[3].after).toMatchObject({ deletedAt: null, version: 4 });
    for (const item of items) expect(Date.parse(item.occurredAt)).not.toBeNaN();
  });

  it('is for members of the organisation or its keeper, and administrators', async () => {
    const created = await create({ kind: 'company', name: 'Private past Oy', keeperId: cityOfEspoo.id });
    const history = (who: SessionHeaders) => call('GET', `/api/organizations/${created.id}/history`, who);
    expect((await history(as.viewer)).statusCode).toBe(200);
    expect((await history(as.admin)).statusCode).toBe(200);
    expect((await history(as.otherEditor)).statusCode).toBe(403);
    expect((await history(as.anonymous)).statusCode).toBe(401);
    expect((await call('GET', `/api/organizations/${MISSING}/history`, as.admin)).statusCode).toBe(404);
    const internal = await create({
      kind: 'company',
      name: 'Hidden past Oy',
      keeperId: cityOfEspoo.id,
      visibility: 'internal',
    });
    expect((await call('GET', `/api/organizations/${internal.id}/history`, as.otherEditor)).statusCode).toBe(
      404,
    );
  });
});

describe('listing organisations', () => {
  let listed: { id: number; name: string }[];
  let riga: { id: number };

  beforeAll(async () => {
    riga = await makePlace(t.database.db, { name: 'Riga', country: 'LV' });
    listed = [];
    for (const [kind, name, extra] of [
      ['university', 'Listing Åbo Akademi', { aliases: ['Listing Turku Academy'] }],
      ['company', 'Listing Ventures', { placeId: riga.id }],
      ['company', 'Listing Shipyard', { placeId: riga.id }],
      ['ngo', 'Listing Friends', {}],
      ['media', 'Listing Times', {}],
    ] as const) {
      listed.push(await create({ kind, name, keeperId: cityOfEspoo.id, ...extra }));
    }
    await makeOrganization(t.database.db, {
      kind: 'company',
      name: 'Listing Merged',
      mergedIntoId: listed[1]!.id,
    });
  });

  const list = async (query: string, who: SessionHeaders = as.anonymous) => {
    const response = await call('GET', `/api/organizations?${query}`, who);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: { id: number; name: string }[]; nextAfter: number | null };
  };
  const names = (page: { items: { name: string }[] }) => page.items.map((item) => item.name);

  it('finds by part of the name or an alias, without regard to case or accents, in id order', async () => {
    expect(names(await list('q=listing'))).toEqual([
      'Listing Åbo Akademi',
      'Listing Ventures',
      'Listing Shipyard',
      'Listing Friends',
      'Listing Times',
    ]);
    expect(names(await list('q=abo%20akad'))).toEqual(['Listing Åbo Akademi']);
    expect(names(await list('q=TURKU'))).toEqual(['Listing Åbo Akademi']);
  });

  it('filters by kind and by place, and presents the place', async () => {
    expect(names(await list('q=listing&kind=company'))).toEqual(['Listing Ventures', 'Listing Shipyard']);
    const inRiga = await list(`placeId=${riga.id}`);
    expect(inRiga.items).toEqual([
      {
        id: listed[1]!.id,
        kind: 'company',
        name: 'Listing Ventures',
        visibility: 'published',
        place: { id: riga.id, name: 'Riga', country: 'LV' },
      },
      expect.objectContaining({ name: 'Listing Shipyard' }),
    ]);
  });

  it('pages with limit and after, and says where the next page starts', async () => {
    const first = await list('q=listing&limit=2');
    expect(names(first)).toEqual(['Listing Åbo Akademi', 'Listing Ventures']);
    expect(first.nextAfter).toBe(listed[1]!.id);
    const second = await list(`q=listing&limit=2&after=${first.nextAfter}`);
    expect(names(second)).toEqual(['Listing Shipyard', 'Listing Friends']);
    const last = await list(`q=listing&limit=2&after=${second.nextAfter}`);
    expect(names(last)).toEqual(['Listing Times']);
    expect(last.nextAfter).toBeNull();
    expect((await list('q=listing&limit=5')).nextAfter).toBeNull();
  });

  it.each(['limit=0', 'limit=201', 'q=', 'kind=guild', 'after=-1', 'placeId=abc', 'colour=red'])(
    'refuses the malformed query %s',
    async (query) => {
      const response = await call('GET', `/api/organizations?${query}`, as.anonymous);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    },
  );
});

describe('internal organisations', () => {
  let internal: { id: number; version: number };

  beforeAll(async () => {
    internal = await create({
      kind: 'company',
      name: 'Internal Espoo Office',
      keeperId: cityOfEspoo.id,
      visibility: 'internal',
    });
  });

  it('are read by members of the keeper and administrators, and answer 404 to everyone else', async () => {
    const read = (who: SessionHeaders) => call('GET', `/api/organizations/${internal.id}`, who);
    expect((await read(as.viewer)).statusCode).toBe(200);
    expect((await read(as.editor)).statusCode).toBe(200);
    expect((await read(as.admin)).statusCode).toBe(200);
    for (const who of [as.anonymous, as.otherEditor]) {
      const answer = await read(who);
      expect(answer.statusCode).toBe(404);
      expect(answer.json().error.code).toBe('ORGANIZATION_NOT_FOUND');
    }
  });

  it('are listed only to those who may read them', async () => {
    const ids = async (who: SessionHeaders) =>
      (await call('GET', '/api/organizations?q=Internal%20Espoo', who))
        .json()
        .items.map((item: { id: number }) => item.id);
    expect(await ids(as.anonymous)).toEqual([]);
    expect(await ids(as.otherEditor)).toEqual([]);
    expect(await ids(as.viewer)).toEqual([internal.id]);
    expect(await ids(as.admin)).toEqual([internal.id]);
  });

  it('cannot be changed or deleted by those who may not read them: they are not there', async () => {
    const patch = await call('PATCH', `/api/organizations/${internal.id}`, as.otherEditor, {
      version: internal.version,
      name: 'Taken',
    });
    expect(patch.statusCode).toBe(404);
    const remove = await call('DELETE', `/api/organizations/${internal.id}?version=1`, as.otherEditor);
    expect(remove.statusCode).toBe(404);
  });
});

describe('who speaks for a place', () => {
  /** The body of a city government of the place, kept by the City of Espoo. */
  const cityGovernment = (name: string, placeId: number) => ({
    kind: 'city_government',
    name,
    placeId,
    keeperId: cityOfEspoo.id,
  });

  it('lets an editor create the first government of a place, but not a second one', async () => {
    const vantaa = await makePlace(t.database.db, { name: 'Vantaa' });
    const region = { kind: 'regional_government', name: 'Vantaa region', placeId: vantaa.id };
    const first = await propose(as.editor, cityGovernment('City of Vantaa', vantaa.id));
    expect(first.statusCode).toBe(201);
    const second = await propose(as.editor, { ...region, keeperId: cityOfEspoo.id });
    expect(second.statusCode).toBe(403);
    const byAdmin = await propose(as.admin, region);
    expect(byAdmin.statusCode).toBe(201);
  });

  it('counts a deleted government: a new one does not take its place without an administrator', async () => {
    const kauniainen = await makePlace(t.database.db, { name: 'Kauniainen' });
    const government = await create({
      kind: 'city_government',
      name: 'City of Kauniainen',
      placeId: kauniainen.id,
    });
    await call('DELETE', `/api/organizations/${government.id}?version=1`, as.admin);
    const squat = await propose(as.editor, cityGovernment('New City of Kauniainen', kauniainen.id));
    expect(squat.statusCode).toBe(403);
  });

  it('keeps the place and kind of a government for administrators, and lets editors change the rest', async () => {
    const kirkkonummi = await makePlace(t.database.db, { name: 'Kirkkonummi' });
    const government = await create(cityGovernment('Kirkkonummi municipality', kirkkonummi.id));
    const patch = (who: SessionHeaders, version: number, body: object) =>
      call('PATCH', `/api/organizations/${government.id}`, who, { version, ...body });
    expect((await patch(as.editor, 1, { placeId: espoo.id })).statusCode).toBe(403);
    expect((await patch(as.editor, 1, { placeId: null })).statusCode).toBe(403);
    expect((await patch(as.editor, 1, { kind: 'company' })).statusCode).toBe(403);
    expect((await patch(as.editor, 1, { kind: 'regional_government' })).statusCode).toBe(403);
    const renamed = await patch(as.editor, 1, { name: 'Kyrkslätt kommun', placeId: kirkkonummi.id });
    expect(renamed.statusCode).toBe(200);
    const rekinded = await patch(as.admin, 2, { kind: 'regional_government' });
    expect(rekinded.statusCode).toBe(200);
  });

  it('does not let an editor turn an organisation into a government', async () => {
    const company = await create({
      kind: 'company',
      name: 'Would-be government',
      placeId: espoo.id,
      keeperId: cityOfEspoo.id,
    });
    const toGovernment = (record: { id: number; version: number }) =>
      call('PATCH', `/api/organizations/${record.id}`, as.editor, {
        version: record.version,
        kind: 'city_government',
      });
    expect((await toGovernment(company)).statusCode).toBe(403);
    const unplaced = await create({ kind: 'company', name: 'Placeless', keeperId: cityOfEspoo.id });
    expect((await toGovernment(unplaced)).statusCode).toBe(403);
  });

  it('lets editors keep a government without a place, and move companies freely', async () => {
    const placeless = await propose(as.editor, {
      kind: 'regional_government',
      name: 'A region without a place yet',
      keeperId: cityOfEspoo.id,
    });
    expect(placeless.statusCode).toBe(201);
    const company = await create({ kind: 'company', name: 'Mover Oy', keeperId: cityOfEspoo.id });
    const moved = await call('PATCH', `/api/organizations/${company.id}`, as.editor, {
      version: company.version,
      placeId: shanghai.id,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().place).toMatchObject({ id: shanghai.id });
  });

  it('restores a government only for an administrator when its place has another one', async () => {
    const porvoo = await makePlace(t.database.db, { name: 'Porvoo' });
    const old = await create(cityGovernment('Old Porvoo', porvoo.id));
    await call('DELETE', `/api/organizations/${old.id}?version=1`, as.admin);
    await create({ kind: 'city_government', name: 'New Porvoo', placeId: porvoo.id });
    const byEditor = await call('POST', `/api/organizations/${old.id}/restore`, as.editor, { version: 2 });
    expect(byEditor.statusCode).toBe(403);
    const byAdmin = await call('POST', `/api/organizations/${old.id}/restore`, as.admin, { version: 2 });
    expect(byAdmin.statusCode).toBe(200);
  });

  it('lets an editor restore the only government of its place', async () => {
    const loviisa = await makePlace(t.database.db, { name: 'Loviisa' });
    const government = await create(cityGovernment('City of Loviisa', loviisa.id));
    await call('DELETE', `/api/organizations/${government.id}?version=1`, as.editor);
    const restored = await call('POST', `/api/organizations/${government.id}/restore`, as.editor, {
      version: 2,
    });
    expect(restored.statusCode).toBe(200);
  });
});
