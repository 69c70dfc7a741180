import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { adminHeaders, memberHeaders, type SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';

let t: TestApp;
const ids = {} as Record<
  | 'cityOfEspoo'
  | 'cityOfShanghai'
  | 'company'
  | 'hiddenCompany'
  | 'tie'
  | 'hiddenTie'
  | 'person'
  | 'hiddenPerson',
  number
>;
let espooEditor: SessionHeaders;
let espooViewer: SessionHeaders;
let shanghaiEditor: SessionHeaders;
let admin: SessionHeaders;

const request: TestApp['request'] = (...args) => t.request(...args);

async function ok(
  method: Parameters<TestApp['request']>[0],
  url: string,
  headers: Record<string, string>,
  body?: object,
) {
  const answer = await request(method, url, headers, body);
  if (answer.statusCode >= 300) throw new Error(`${method} ${url}: ${answer.statusCode} ${answer.body}`);
  return answer.json();
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const espoo = await makePlace(db, { name: 'Espoo' });
  const shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN', admin1: 'CN.23' });
  await makePlace(db, { name: 'Chengdu', country: 'CN', admin1: 'CN.32', population: 16_000_000 });
  await makePlace(db, { name: 'Mianyang', country: 'CN', admin1: 'CN.32', population: 4_800_000 });
  const tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE' });
  ids.cityOfEspoo = (await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id })).id;
  ids.cityOfShanghai = (await makeOrganization(db, { name: 'City of Shanghai', placeId: shanghai.id })).id;
  ids.company = (
    await makeOrganization(db, { name: 'Clean Tech Oy', kind: 'company', placeId: espoo.id })
  ).id;
  ids.hiddenCompany = (
    await makeOrganization(db, {
      name: 'Shanghai trade office',
      kind: 'company',
      keeperId: ids.cityOfShanghai,
      visibility: 'internal',
    })
  ).id;
  ids.tie = (await makePartnership(db, [espoo.id, shanghai.id], { kind: 'twin_town' })).id;
  ids.hiddenTie = (await makePartnership(db, [shanghai.id, tallinn.id], { visibility: 'internal' })).id;
  espooEditor = await memberHeaders(db, ids.cityOfEspoo, 'editor');
  espooViewer = await memberHeaders(db, ids.cityOfEspoo, 'viewer');
  shanghaiEditor = await memberHeaders(db, ids.cityOfShanghai, 'editor');
  admin = await adminHeaders(db);
  ids.person = (
    await ok('POST', '/api/people', espooEditor, { name: 'Anna Virtanen', keeperId: ids.cityOfEspoo })
  ).id;
  ids.hiddenPerson = (
    await ok('POST', '/api/people', shanghaiEditor, {
      name: 'Protocol officer',
      keeperId: ids.cityOfShanghai,
    })
  ).id;
});
afterAll(() => t.close());

const exportDeal = (overrides: Record<string, unknown> = {}) => ({
  kind: 'export',
  achievedOn: '2019-11-10',
  title: { en: 'First export order at CIIE', fi: 'Ensimmäinen vientitilaus CIIE:ssä' },
  description: { en: 'An order signed at the fair.' },
  value: { amount: '125000.50', currency: 'EUR' },
  organizationId: ids.cityOfEspoo,
  partnershipIds: [ids.tie],
  organizationIds: [ids.company],
  testimonials: [
    {
      personId: ids.person,
      quote: { en: 'The tie opened the door.', sv: 'Förbindelsen öppnade dörren.' },
      consentOn: '2019-12-01',
      consentNote: 'E-mail of 1 December 2019',
    },
  ],
  ...overrides,
});

describe('outcomes', () => {
  it("are recorded by the organisation's editors, internal by default, and read only by its members until published", async () => {
    const created = await ok('POST', '/api/outcomes', espooEditor, exportDeal());
    expect(created).toMatchObject({
      kind: 'export',
      visibility: 'internal',
      value: { amount: '125000.50', currency: 'EUR' },
      partnershipIds: [ids.tie],
      organizations: [{ id: ids.company, name: 'Clean Tech Oy' }],
      canEdit: true,
    });
    expect(created.testimonials).toEqual([
      {
        person: { id: ids.person, name: 'Anna Virtanen' },
        quote: { en: 'The tie opened the door.', sv: 'Förbindelsen öppnade dörren.' },
        consentOn: '2019-12-01',
        consentNote: 'E-mail of 1 December 2019',
      },
    ]);
    // Its viewer reads it; nobody outside reads it, nor its value, nor sees it listed.
    expect((await ok('GET', `/api/outcomes/${created.id}`, espooViewer)).canEdit).toBe(false);
    for (const headers of [{}, shanghaiEditor])
      expect((await request('GET', `/api/outcomes/${created.id}`, headers)).statusCode).toBe(404);
    const anonymous = await ok('GET', `/api/outcomes?partnershipId=${ids.tie}`, {});
    expect(anonymous).toEqual({ items: [], totals: [] });
    // Nobody but Espoo's editors changes it; Shanghai's editor cannot record one for Espoo.
    for (const [headers, status] of [
      [espooViewer, 403],
      [shanghaiEditor, 404],
    ] as const)
      expect(
        (await request('PATCH', `/api/outcomes/${created.id}`, headers, { version: 1, kind: 'deal' }))
          .statusCode,
      ).toBe(status);
    expect((await request('POST', '/api/outcomes', shanghaiEditor, exportDeal())).statusCode).toBe(403);

    const published = await ok('PATCH', `/api/outcomes/${created.id}`, espooEditor, {
      version: created.version,
      visibility: 'published',
    });
    const seen = await ok('GET', `/api/outcomes/${created.id}`, {});
    expect(seen).toMatchObject({ value: { amount: '125000.50', currency: 'EUR' }, canEdit: false });
    // The consent note is the recording organisation's own.
    expect(seen.testimonials[0]).toMatchObject({ person: { name: 'Anna Virtanen' }, consentNote: null });
    await ok('DELETE', `/api/outcomes/${created.id}?version=${published.version}`, espooEditor);
    expect((await request('GET', `/api/outcomes/${created.id}`, {})).statusCode).toBe(404);
  });

  it('sum their values per currency, never converted, over everything the filter matches', async () => {
    const db = t.database.db;
    const places = [
      await makePlace(db, { name: 'Kauniainen' }),
      await makePlace(db, { name: 'Suzhou', country: 'CN' }),
    ];
    const tie = (await makePartnership(db, [places[0]!.id, places[1]!.id], { kind: 'mou' })).id;
    for (const value of [
      { amount: '100.10', currency: 'EUR' },
      { amount: '0.95', currency: 'EUR' },
      { amount: '2500000', currency: 'CNY' },
      null,
    ])
      await ok(
        'POST',
        '/api/outcomes',
        espooEditor,
        exportDeal({ value, partnershipIds: [tie], testimonials: [] }),
      );
    const listed = await ok('GET', `/api/outcomes?partnershipId=${tie}&limit=1`, espooViewer);
    expect(listed.items).toHaveLength(1);
    expect(listed.totals).toEqual([
      { currency: 'CNY', amount: '2500000.00', count: 1 },
      { currency: 'EUR', amount: '101.05', count: 2 },
    ]);
  });

  it('refuse bad values and links to what the user may not read, changing nothing', async () => {
    const bad: [string, Record<string, unknown>][] = [
      ['body.value.currency', { value: { amount: '10', currency: 'XYZ' } }],
      ['body.value.currency', { value: { amount: '10', currency: 'eur' } }],
      ['body.value.amount', { value: { amount: '-10', currency: 'EUR' } }],
      ['body.value.amount', { value: { amount: '1.234', currency: 'EUR' } }],
      ['body.value.amount', { value: { amount: 1e30, currency: 'EUR' } }],
      ['body.title', { title: {} }],
      ['body.kind', { kind: 'gift' }],
      ['body.partnershipIds.0', { partnershipIds: [ids.hiddenTie] }],
      ['body.organizationIds.0', { organizationIds: [ids.hiddenCompany] }],
      [
        'body.testimonials.0.personId',
        { testimonials: [{ ...exportDeal().testimonials[0], personId: ids.hiddenPerson }] },
      ],
      [
        'body.testimonials.0.consentOn',
        { testimonials: [{ ...exportDeal().testimonials[0], consentOn: 'soon' }] },
      ],
      ['body.eventIds.0', { eventIds: [2_000_000_000] }],
      ['body.supportRequestIds.0', { supportRequestIds: [2_000_000_000] }],
    ];
    const before = await ok('GET', '/api/outcomes?limit=500', admin);
    for (const [field, change] of bad) {
      const answer = await request('POST', '/api/outcomes', espooEditor, exportDeal(change));
      expect(answer.statusCode, field).toBe(400);
      expect(
        answer.json().error.details.map((detail: { field: string }) => detail.field),
        field,
      ).toContain(field);
    }
    expect((await ok('GET', '/api/outcomes?limit=500', admin)).items).toHaveLength(before.items.length);
  });

  it('keep their history, and are restored with their links and quotes', async () => {
    const created = await ok('POST', '/api/outcomes', espooEditor, exportDeal());
    const changed = await ok('PATCH', `/api/outcomes/${created.id}`, espooEditor, {
      version: created.version,
      value: null,
      testimonials: [],
    });
    expect(changed).toMatchObject({ value: null, testimonials: [], partnershipIds: [ids.tie] });
    const stale = await request('PATCH', `/api/outcomes/${created.id}`, espooEditor, {
      version: created.version,
      kind: 'deal',
    });
    expect(stale.statusCode).toBe(409);
    const deleted = await ok('DELETE', `/api/outcomes/${created.id}?version=${changed.version}`, espooEditor);
    const restored = await ok('POST', `/api/outcomes/${created.id}/restore`, espooEditor, {
      version: deleted.version,
    });
    expect(restored).toMatchObject({ deletedAt: null, partnershipIds: [ids.tie] });
    const history = await ok('GET', `/api/outcomes/${created.id}/history`, espooViewer);
    expect(history.items.map((event: { action: string }) => event.action)).toEqual([
      'create',
      'update',
      'delete',
      'restore',
    ]);
  });
});

describe('support requests', () => {
  const toward = (overrides: Record<string, unknown> = {}) => ({
    organizationId: ids.cityOfEspoo,
    companyId: ids.company,
    need: 'market_entry',
    targetCountry: 'cn',
    description: 'A partner for district heating in Chengdu',
    receivedOn: '2024-02-01',
    ...overrides,
  });

  /** A way in as the door-opener search answers it. */
  const wayIn = {
    kind: 'own_tie',
    score: 100,
    sentence: 'Espoo has been twinned with Shanghai since 1998.',
    steps: [
      {
        type: 'tie',
        from: { id: 1, name: 'Espoo', country: 'FI', coordinates: { lat: 60.2, lng: 24.7 } },
        to: { id: 2, name: 'Shanghai', country: 'CN', coordinates: null },
        tie: { id: 3, kind: 'twin_town', status: 'active', startYear: 1998 },
        memberOf: null,
        sentence: 'Espoo has been twinned with Shanghai since 1998.',
      },
    ],
  };

  it('may target a first-level region, named by its largest place', async () => {
    const created = await ok(
      'POST',
      '/api/support-requests',
      espooEditor,
      toward({ targetCountry: null, targetRegion: 'CN.32' }),
    );
    expect(created).toMatchObject({
      targetCountry: null,
      targetPlace: null,
      targetRegion: { code: 'CN.32', country: 'CN', place: { id: expect.any(Number), name: 'Chengdu' } },
    });
    for (const [region, status] of [
      ['CN.99', 400],
      ['Sichuan', 400],
    ] as const) {
      const refused = await request(
        'POST',
        '/api/support-requests',
        espooEditor,
        toward({ targetRegion: region }),
      );
      expect(refused.statusCode, region).toBe(status);
      expect(refused.json().error.details.map((detail: { field: string }) => detail.field)).toContain(
        'body.targetRegion',
      );
    }
    // Taking the region away leaves no target: refused.
    const cleared = await request('PATCH', `/api/support-requests/${created.id}`, espooEditor, {
      version: created.version,
      targetRegion: null,
    });
    expect(cleared.statusCode).toBe(400);
  });

  it('keep the way in the door-opener search answered, without its contacts, and refuse one too long', async () => {
    const contacts = [
      {
        place: { id: 2, name: 'Shanghai' },
        person: { id: 9, name: 'Made-up Person' },
        title: 'Mayor',
        role: 'mayor',
        organization: { id: 9, name: 'Made-up Office' },
      },
    ];
    const created = await ok(
      'POST',
      '/api/support-requests',
      espooEditor,
      toward({ answerPath: { ...wayIn, contacts } }),
    );
    expect(JSON.stringify(created)).not.toContain('Made-up');
    for (const answerPath of [
      { ...wayIn, sentence: 'x'.repeat(9000) },
      { ...wayIn, steps: [] },
    ]) {
      const refused = await request('POST', '/api/support-requests', espooEditor, toward({ answerPath }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details.map((detail: { field: string }) => detail.field)).toContain(
        'body.answerPath',
      );
    }
    expect(created.answerPath).toEqual({ ...wayIn, contacts: null });
    const cleared = await ok('PATCH', `/api/support-requests/${created.id}`, espooEditor, {
      version: created.version,
      answerPath: null,
    });
    expect(cleared.answerPath).toBeNull();
  });

  it("are kept by the organisation's staff, never public, and answered by an outcome", async () => {
    const created = await ok('POST', '/api/support-requests', espooEditor, toward());
    expect(created).toMatchObject({
      status: 'new',
      targetCountry: 'CN',
      company: { id: ids.company, name: 'Clean Tech Oy' },
      canEdit: true,
    });
    for (const headers of [{}, shanghaiEditor])
      expect((await request('GET', `/api/support-requests/${created.id}`, headers)).statusCode).toBe(404);
    expect((await request('GET', '/api/support-requests', {})).statusCode).toBe(401);
    expect((await ok('GET', '/api/support-requests', shanghaiEditor)).items).toEqual([]);
    expect(
      (await ok('GET', '/api/support-requests', espooViewer)).items.map((item: { id: number }) => item.id),
    ).toContain(created.id);
    expect(
      (
        await request('PATCH', `/api/support-requests/${created.id}`, espooViewer, {
          version: 1,
          status: 'closed',
        })
      ).statusCode,
    ).toBe(403);
    const answered = await ok('PATCH', `/api/support-requests/${created.id}`, espooEditor, {
      version: created.version,
      status: 'answered',
      answer: 'Introduced to the Chengdu office of the twin city',
    });
    expect(answered.status).toBe('answered');
    // An outcome answering it; Shanghai's editor may not link to it, as to anything Espoo keeps to itself.
    const outcome = await ok(
      'POST',
      '/api/outcomes',
      espooEditor,
      exportDeal({ kind: 'lead', supportRequestIds: [created.id], value: null, testimonials: [] }),
    );
    expect(outcome.supportRequestIds).toEqual([created.id]);
    expect(
      (await ok('GET', `/api/outcomes?supportRequestId=${created.id}`, espooViewer)).items.map(
        (item: { id: number }) => item.id,
      ),
    ).toEqual([outcome.id]);
    const foreign = await request(
      'POST',
      '/api/outcomes',
      shanghaiEditor,
      exportDeal({ organizationId: ids.cityOfShanghai, supportRequestIds: [created.id], partnershipIds: [] }),
    );
    expect(foreign.statusCode).toBe(400);
  });

  it('need a company, a known target and a place or country, and change nothing when refused', async () => {
    const before = (await ok('GET', '/api/support-requests?limit=500', admin)).items.length;
    for (const [field, change] of [
      ['body.companyId', { companyId: ids.cityOfShanghai }],
      ['body.companyId', { companyId: ids.hiddenCompany }],
      ['body.targetPlaceId', { targetPlaceId: 2_000_000_000 }],
      ['body.targetPlaceId', { targetCountry: null }],
      ['body.targetCountry', { targetCountry: 'China' }],
      ['body.need', { need: 'lunch' }],
      ['body.receivedOn', { receivedOn: '2024-02-30' }],
      [
        'body.answerPath.kind',
        { answerPath: { kind: 'teleport', score: 1, steps: [], sentence: 'Beam us.' } },
      ],
      ['body.answerPath', { answerPath: { ...wayIn, steps: Array(5).fill(wayIn.steps[0]) } }],
    ] as const) {
      const answer = await request('POST', '/api/support-requests', espooEditor, toward(change));
      expect(answer.statusCode, field).toBe(400);
      expect(answer.json().error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    expect((await request('POST', '/api/support-requests', shanghaiEditor, toward())).statusCode).toBe(403);
    const created = await ok('POST', '/api/support-requests', espooEditor, toward());
    const cleared = await request('PATCH', `/api/support-requests/${created.id}`, espooEditor, {
      version: created.version,
      targetCountry: null,
    });
    expect(cleared.statusCode).toBe(400);
    expect((await ok('GET', '/api/support-requests?limit=500', admin)).items.length).toBe(before + 1);
  });
});

describe('merges', () => {
  it("hand the duplicate's outcomes and requests to the record that stays, and back on undo", async () => {
    const db = t.database.db;
    const duplicate = await makeOrganization(db, { name: 'CleanTech Oy', kind: 'company' });
    const chengdu = await makePlace(db, { name: 'Chengdu', country: 'CN' });
    const chengduAgain = await makePlace(db, { name: 'Chengdu City', country: 'CN' });
    const outcome = await ok(
      'POST',
      '/api/outcomes',
      espooEditor,
      exportDeal({ organizationIds: [duplicate.id, ids.company], testimonials: [] }),
    );
    const alone = await ok(
      'POST',
      '/api/outcomes',
      espooEditor,
      exportDeal({ organizationIds: [duplicate.id], testimonials: [] }),
    );
    const asked = await ok('POST', '/api/support-requests', espooEditor, {
      organizationId: ids.cityOfEspoo,
      companyId: duplicate.id,
      need: 'trade_fair',
      targetPlaceId: chengduAgain.id,
      receivedOn: '2024-04-01',
    });
    const merged = await ok('POST', `/api/organizations/${duplicate.id}/merge`, admin, {
      intoId: ids.company,
    });
    expect(merged.moved).toMatchObject({ outcomeLinks: 1, supportRequestCompanies: 1 });
    expect((await ok('GET', `/api/outcomes/${alone.id}`, espooViewer)).organizations).toEqual([
      { id: ids.company, name: 'Clean Tech Oy' },
    ]);
    expect((await ok('GET', `/api/support-requests/${asked.id}`, espooViewer)).company.id).toBe(ids.company);
    const places = await ok('POST', `/api/places/${chengduAgain.id}/merge`, admin, { intoId: chengdu.id });
    expect(places.moved.supportRequestTargets).toBe(1);
    expect((await ok('GET', `/api/support-requests/${asked.id}`, espooViewer)).targetPlace.id).toBe(
      chengdu.id,
    );

    await ok('POST', `/api/merges/${places.id}/undo`, admin);
    await ok('POST', `/api/merges/${merged.id}/undo`, admin);
    const back = await ok('GET', `/api/support-requests/${asked.id}`, espooViewer);
    expect([back.company.id, back.targetPlace.id]).toEqual([duplicate.id, chengduAgain.id]);
    expect(
      (await ok('GET', `/api/outcomes/${outcome.id}`, espooViewer)).organizations.map(
        (o: { id: number }) => o.id,
      ),
    ).toEqual([ids.company, duplicate.id].sort((a, b) => a - b));
  });
});
