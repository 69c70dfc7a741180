import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Readers } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';
import { makeOrganization, makePartnership } from '../../../test/helpers/factories.ts';

/**
 * Impact reports of a tie and of an organisation: what the registry, the activity log, the events and the outcomes
 * say of them, for what the reader may read; the PDF carries the same names, years and figures, in Nordic letters
 * and CJK characters alike.
 */

let t: TestApp;
let as: Readers;
let tieId: number;
let cityOfEspooId: number;
const call: TestApp['request'] = (...args) => t.request(...args);
const NOW = new Date();
const thisYear = NOW.getUTCFullYear();

async function created(response: ReturnType<TestApp['request']>) {
  const answered = await response;
  expect(answered.statusCode, answered.body).toBe(201);
  return answered.json();
}

async function pdfText(url: string, headers: Record<string, string>) {
  const response = await call('GET', url, headers);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  const pdf = await getDocumentProxy(new Uint8Array(response.rawPayload));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const world = await makeEspooAndShanghai(db);
  as = world.as;
  cityOfEspooId = world.cityOfEspoo.id;
  const tie = await makePartnership(db, [world.espoo.id, world.shanghai.id], {
    kind: 'twin_town',
    status: 'active',
    startedOn: '1998-09-29',
    renewalOn: `${thisYear + 2}-06-30`,
  });
  tieId = tie.id;
  const company = await makeOrganization(db, {
    name: 'Clean Tech Oy',
    kind: 'company',
    placeId: world.espoo.id,
  });
  const person = await created(
    call('POST', '/api/people', as.editor, {
      name: 'Li Wei',
      keeperId: cityOfEspooId,
      visibility: 'internal',
      posts: [],
    }),
  );
  await created(
    call('POST', '/api/activities', as.editor, {
      kind: 'visit',
      occurredOn: '2019-11-06',
      title: 'Möte i Åbo med 上海市 delegation',
      organizationId: cityOfEspooId,
      partnershipIds: [tieId],
      personIds: [person.id],
      followUp: 'Send the cleantech brochure',
      followUpOn: `${thisYear + 1}-01-15`,
    }),
  );
  await created(
    call('POST', '/api/activities', as.editor, {
      kind: 'call',
      occurredOn: '2020-03-02',
      title: 'Call on the forum',
      organizationId: cityOfEspooId,
      partnershipIds: [tieId],
    }),
  );
  await created(
    call('POST', '/api/events', as.editor, {
      kind: 'trade_fair',
      attendanceMode: 'in_person',
      status: 'held',
      startsAt: '2019-11-05T09:00:00+08:00',
      endsAt: '2019-11-10T17:00:00+08:00',
      timeZone: 'Asia/Shanghai',
      title: { en: 'CIIE 2019', fi: 'CIIE 2019 -messut' },
      venuePlaceId: world.shanghai.id,
      hostIds: [cityOfEspooId],
    }),
  );
  for (const [amount, currency, visibility] of [
    ['1500.50', 'EUR', 'published'],
    ['2000.25', 'EUR', 'published'],
    ['80000', 'CNY', 'internal'],
  ] as const) {
    await created(
      call('POST', '/api/outcomes', as.editor, {
        kind: currency === 'CNY' ? 'export' : 'deal',
        achievedOn: '2020-02-01',
        title: { en: `Deal worth ${amount} ${currency}`, fi: `Kauppa ${amount} ${currency}` },
        value: { amount, currency },
        organizationId: cityOfEspooId,
        visibility,
        partnershipIds: [tieId],
        organizationIds: [company.id],
      }),
    );
  }
});
afterAll(() => t.close());

describe('the impact report of a tie', () => {
  it('gathers its age, timeline, figures by year and kind, values per currency, companies and people for its members', async () => {
    const response = await call('GET', `/api/partnerships/${tieId}/report?lang=fi`, as.editor);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    const years = thisYear - 1998 - (NOW.toISOString().slice(5, 10) < '09-29' ? 1 : 0);
    expect(report).toMatchObject({
      subject: { type: 'partnership', id: tieId, name: 'Espoo – Shanghai' },
      language: 'fi',
      signedIn: true,
      figures: { activities: 2, events: 1, outcomes: 3, companies: 1, people: 1 },
      values: [
        { currency: 'CNY', amount: '80000.00' },
        { currency: 'EUR', amount: '3500.75' },
      ],
      organizations: [{ name: 'Clean Tech Oy', kind: 'company' }],
      people: [{ name: 'Li Wei' }],
      followUps: [{ title: 'Möte i Åbo med 上海市 delegation', followUp: 'Send the cleantech brochure' }],
    });
    expect(report.ties[0].age).toMatchObject({
      since: '1998-09-29',
      years,
      roundAnniversaries: expect.arrayContaining([{ years: 25, on: '2023-09-29' }]),
    });
    expect(report.ties[0].age.nextRoundAnniversary.years % 5).toBe(0);
    expect(report.byYear).toEqual([
      { year: 2019, activities: 1, events: 1, outcomes: 0 },
      { year: 2020, activities: 1, events: 0, outcomes: 3 },
    ]);
    expect(report.byKind.outcomes).toEqual([
      { kind: 'deal', count: 2 },
      { kind: 'export', count: 1 },
    ]);
    expect(
      report.timeline.map((entry: { date: string; type: string }) => `${entry.date} ${entry.type}`),
    ).toEqual([
      '2020-03-02 activity',
      '2020-02-01 outcome',
      '2020-02-01 outcome',
      '2020-02-01 outcome',
      '2019-11-06 activity',
      '2019-11-05 event',
    ]);
    // Titles in the report's language.
    expect(report.timeline.find((entry: { type: string }) => entry.type === 'event').title).toBe(
      'CIIE 2019 -messut',
    );
  });

  it('shows anonymous readers only what is published: no activity log, people or internal outcomes', async () => {
    const report = (await call('GET', `/api/partnerships/${tieId}/report`, as.anonymous)).json();
    expect(report).toMatchObject({
      signedIn: false,
      figures: { activities: 0, events: 1, outcomes: 2, people: 0 },
      values: [{ currency: 'EUR', amount: '3500.75' }],
      people: [],
      followUps: [],
    });
    // Shanghai's editor reads the published outcomes, not Espoo's log or internal outcome.
    const other = (await call('GET', `/api/partnerships/${tieId}/report`, as.otherEditor)).json();
    expect(other.figures).toMatchObject({ activities: 0, outcomes: 2, people: 0 });
  });

  it('refuses what does not exist and languages it does not write', async () => {
    expect((await call('GET', '/api/partnerships/999999/report', as.editor)).statusCode).toBe(404);
    expect((await call('GET', '/api/partnerships/999999/report.pdf', as.editor)).statusCode).toBe(404);
    const refused = await call('GET', `/api/partnerships/${tieId}/report?lang=de`, as.editor);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('prints as a PDF with its names, years and figures, in Nordic letters and CJK characters', async () => {
    const text = await pdfText(`/api/partnerships/${tieId}/report.pdf?lang=sv`, as.editor);
    for (const expected of [
      'Effektrapport',
      'Espoo – Shanghai',
      'Vänort, aktivt',
      '29 september 1998',
      'Möte i Åbo med 上海市 delegation',
      'Clean Tech Oy',
      'Li Wei',
      'Send the cleantech brochure',
      '2019',
      '2020',
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/3\s?500,75\s€/);
    const anonymous = await pdfText(`/api/partnerships/${tieId}/report.pdf`, as.anonymous);
    expect(anonymous).toContain('Impact report');
    expect(anonymous).not.toContain('Li Wei');
    expect(anonymous).not.toContain('Möte i Åbo');
  });
});

describe('the impact report of an organisation', () => {
  it('covers its ties, its log, its events and its outcomes', async () => {
    const report = (await call('GET', `/api/organizations/${cityOfEspooId}/report`, as.viewer)).json();
    expect(report).toMatchObject({
      subject: { type: 'organization', id: cityOfEspooId, name: 'City of Espoo' },
      figures: { activities: 2, events: 1, outcomes: 3, companies: 1 },
    });
    expect(report.ties.map((tie: { id: number }) => tie.id)).toEqual([tieId]);
    const text = await pdfText(`/api/organizations/${cityOfEspooId}/report.pdf?lang=fi`, as.viewer);
    expect(text).toContain('Organisaation vaikuttavuusraportti');
    expect(text).toContain('City of Espoo');
    expect(text).toContain('Espoo – Shanghai: Ystävyyskaupunki, aktiivinen');
  });
});
