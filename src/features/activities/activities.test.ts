import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { adminHeaders, memberHeaders, type SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';

let t: TestApp;
let cityOfEspoo: { id: number };
let cityOfShanghai: { id: number };
let shanghai: { id: number };
let tallinn: { id: number };
let espooEditor: SessionHeaders;
let shanghaiEditor: SessionHeaders;
let admin: SessionHeaders;
/** Records of Shanghai's that Espoo's editor may not read, one of each kind a link can point at. */
const hidden = { partnershipIds: 0, organizationIds: 0, personIds: 0 };
/** An id no record has. */
const MISSING = 2_000_000_000;

const request: TestApp['request'] = (...args) => t.request(...args);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const espoo = await makePlace(db, { name: 'Espoo' });
  shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN' });
  tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE' });
  cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
  cityOfShanghai = await makeOrganization(db, { name: 'City of Shanghai', placeId: shanghai.id });
  espooEditor = await memberHeaders(db, cityOfEspoo.id, 'editor');
  shanghaiEditor = await memberHeaders(db, cityOfShanghai.id, 'editor');
  admin = await adminHeaders(db);

  hidden.partnershipIds = (
    await makePartnership(db, [shanghai.id, tallinn.id], { visibility: 'internal' })
  ).id;
  hidden.organizationIds = (
    await makeOrganization(db, {
      name: 'Shanghai trade office',
      kind: 'company',
      keeperId: cityOfShanghai.id,
      visibility: 'internal',
    })
  ).id;
  const person = await request('POST', '/api/people', shanghaiEditor, {
    name: 'Shanghai protocol officer',
    keeperId: cityOfShanghai.id,
  });
  expect(person.statusCode).toBe(201);
  hidden.personIds = person.json().id;
});
afterAll(() => t.close());

const activity = (organizationId: number) => ({
  kind: 'meeting',
  occurredOn: '2021-03-01',
  title: 'Planning call',
  organizationId,
});

/** The answer to a link that does not exist. */
const unknownLink = (field: string, id: number) => ({
  error: {
    code: 'VALIDATION_FAILED',
    message: 'Invalid request: unknown links',
    details: [{ field: `body.${field}.0`, message: `${id} does not exist` }],
  },
});

const kinds = ['partnershipIds', 'organizationIds', 'personIds'] as const;

describe('links of an activity', () => {
  it.each(kinds)(
    'answer for %s the actor may not read exactly as for ones that do not exist',
    async (field) => {
      const missing = await request('POST', '/api/activities', espooEditor, {
        ...activity(cityOfEspoo.id),
        [field]: [MISSING],
      });
      const unreadable = await request('POST', '/api/activities', espooEditor, {
        ...activity(cityOfEspoo.id),
        [field]: [hidden[field]],
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toEqual(unknownLink(field, MISSING));
      expect(unreadable.statusCode).toBe(400);
      expect(unreadable.json()).toEqual(unknownLink(field, hidden[field]));

      // The same records are there for those who may read them.
      const own = await request('POST', '/api/activities', shanghaiEditor, {
        ...activity(cityOfShanghai.id),
        [field]: [hidden[field]],
      });
      expect(own.statusCode).toBe(201);
      expect(own.json()[field]).toEqual([hidden[field]]);
    },
  );

  it('hides deleted records from those who may not restore them', async () => {
    const gone = await makeOrganization(t.database.db, {
      name: 'Dissolved agency',
      kind: 'company',
      keeperId: cityOfShanghai.id,
      deletedAt: new Date(),
    });
    const answer = await request('POST', '/api/activities', espooEditor, {
      ...activity(cityOfEspoo.id),
      organizationIds: [gone.id],
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toEqual(unknownLink('organizationIds', gone.id));
  });

  it('checks the links an update adds, and keeps the ones the activity already has', async () => {
    const created = await request('POST', '/api/activities', admin, {
      ...activity(cityOfEspoo.id),
      partnershipIds: [hidden.partnershipIds],
    });
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json();

    const otherTie = await makePartnership(t.database.db, [shanghai.id, tallinn.id], {
      kind: 'mou',
      visibility: 'internal',
    });
    const linked = { partnershipIds: [hidden.partnershipIds], organizationIds: [], personIds: [] };
    const added = { ...hidden, partnershipIds: otherTie.id };
    for (const field of kinds) {
      const list = [...linked[field], added[field], MISSING];
      const answer = await request('PATCH', `/api/activities/${id}`, espooEditor, { version, [field]: list });
      expect(answer.statusCode).toBe(400);
      expect(answer.json().error.details).toEqual([
        { field: `body.${field}.${list.length - 2}`, message: `${added[field]} does not exist` },
        { field: `body.${field}.${list.length - 1}`, message: `${MISSING} does not exist` },
      ]);
    }

    const kept = await request('PATCH', `/api/activities/${id}`, espooEditor, {
      version,
      title: 'Planning call, moved',
      partnershipIds: [hidden.partnershipIds],
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json()).toMatchObject({
      title: 'Planning call, moved',
      partnershipIds: [hidden.partnershipIds],
    });
  });
});
