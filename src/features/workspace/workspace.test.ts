import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makeReaders, memberHeaders, type Readers, type SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlaces } from '../../../test/helpers/factories.ts';

/**
 * An organisation's dashboard, GET /api/organizations/{id}/dashboard: the ties its organisation speaks for, by
 * status; anniversaries and renewals in the next 180 days; ties with no logged activity in two years; and its
 * recent activity. Dates are relative to today, as the dashboard's are.
 */

let t: TestApp;
let cityOfEspoo: { id: number };
let cityOfTallinn: { id: number };
let as: Readers;
const ties = {} as Record<
  'anniversary' | 'dormant' | 'ended' | 'overdue' | 'farRenewal' | 'deleted' | 'elsewhere',
  { id: number }
>;
const MISSING = 2_000_000_000;
const today = new Date().toISOString().slice(0, 10);

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
/** The same day some years earlier; multiples of four keep 29 February a real date. */
function yearsBefore(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
}

const call = (url: string, headers: SessionHeaders) => t.app.inject({ method: 'GET', url, headers });
const dashboard = (who: SessionHeaders, id = cityOfEspoo.id) =>
  call(`/api/organizations/${id}/dashboard`, who);

/** Logs an activity in a log as its editor. */
async function log(who: SessionHeaders, body: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/activities',
    headers: who,
    payload: { kind: 'meeting', organizationId: cityOfEspoo.id, ...body },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; version: number };
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const [espoo, tallinn, shanghai, riga, tartu, kyiv, bergen] = await makePlaces(
    db,
    ['Espoo', 'FI'],
    ['Tallinn', 'EE'],
    ['Shanghai', 'CN'],
    ['Riga', 'LV'],
    ['Tartu', 'EE'],
    ['Kyiv', 'UA'],
    ['Bergen', 'NO'],
  );
  cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
  cityOfTallinn = await makeOrganization(db, { name: 'City of Tallinn', placeId: tallinn.id });

  // Ties are made one by one: the dashboard lists them in the order they were made.
  ties.anniversary = await makePartnership(db, [espoo.id, tallinn.id], {
    startedOn: yearsBefore(addDays(today, 30), 8),
    renewalOn: addDays(today, 60),
  });
  ties.dormant = await makePartnership(db, [espoo.id, shanghai.id], {
    kind: 'friendship_city',
    status: 'dormant',
    startedOn: yearsBefore(addDays(today, 200), 12),
  });
  ties.ended = await makePartnership(db, [espoo.id, riga.id], {
    status: 'ended',
    startedOn: yearsBefore(addDays(today, 10), 20),
    endedOn: yearsBefore(today, 4),
    renewalOn: yearsBefore(addDays(today, 20), 8),
  });
  ties.overdue = await makePartnership(db, [espoo.id, tartu.id], {
    kind: 'mou',
    renewalOn: addDays(today, -10),
    visibility: 'internal',
  });
  ties.farRenewal = await makePartnership(db, [espoo.id, kyiv.id], {
    kind: 'cooperation_agreement',
    startedOn: yearsBefore(addDays(today, 250), 4),
    renewalOn: addDays(today, 181),
  });
  ties.deleted = await makePartnership(db, [espoo.id, bergen.id], { deletedAt: new Date() });
  ties.elsewhere = await makePartnership(db, [tallinn.id, shanghai.id]);

  as = await makeReaders(
    db,
    { organizationId: cityOfEspoo.id, label: 'Espoo' },
    { organizationId: cityOfTallinn.id, label: 'Tallinn' },
  );

  await log(as.editor, {
    title: 'Anniversary planning',
    occurredOn: addDays(today, -10),
    partnershipIds: [ties.anniversary.id],
  });
  await log(as.editor, {
    title: 'Old MoU call',
    occurredOn: yearsBefore(today, 3),
    partnershipIds: [ties.overdue.id],
  });
  const deleted = await log(as.editor, {
    title: 'Deleted Kyiv call',
    occurredOn: addDays(today, -5),
    partnershipIds: [ties.farRenewal.id],
  });
  await t.app.inject({
    method: 'DELETE',
    url: `/api/activities/${deleted.id}?version=${deleted.version}`,
    headers: as.editor,
  });
  for (let day = 1; day <= 10; day += 1) {
    await log(as.editor, { title: `Routine ${day}`, kind: 'email', occurredOn: addDays(today, -100 - day) });
  }
});
afterAll(() => t.close());

describe("an organisation's dashboard", () => {
  let body: Record<string, unknown> & {
    ties: { id: number }[];
    recentActivity: { title: string; occurredOn: string }[];
  };
  /** The tie with an anniversary as each list shows it, before the fields that list adds. */
  const anniversaryTie = () => ({
    id: ties.anniversary.id,
    kind: 'twin_town',
    status: 'active',
    partners: 'Tallinn',
    visibility: 'published',
  });

  beforeAll(async () => {
    const response = await dashboard(as.viewer);
    expect(response.statusCode, response.body).toBe(200);
    body = response.json();
  });

  it('names the organisation and the day it was made for', () => {
    expect(body.organization).toEqual({ id: cityOfEspoo.id, name: 'City of Espoo', kind: 'city_government' });
    expect(body.today).toBe(today);
  });

  it("lists the live ties of the organisation's place, with their partners and last activity", () => {
    expect(body.ties).toEqual([
      {
        ...anniversaryTie(),
        startedOn: yearsBefore(addDays(today, 30), 8),
        lastActivity: addDays(today, -10),
      },
      expect.objectContaining({
        id: ties.dormant.id,
        status: 'dormant',
        partners: 'Shanghai',
        lastActivity: null,
      }),
      expect.objectContaining({ id: ties.ended.id, status: 'ended', partners: 'Riga' }),
      expect.objectContaining({
        id: ties.overdue.id,
        visibility: 'internal',
        startedOn: null,
        lastActivity: yearsBefore(today, 3),
      }),
      // A deleted activity is no activity.
      expect.objectContaining({ id: ties.farRenewal.id, partners: 'Kyiv', lastActivity: null }),
    ]);
  });

  it('counts the ties by status', () => {
    expect(body.byStatus).toEqual({ proposed: 0, active: 3, dormant: 1, suspended: 0, ended: 1 });
  });

  it('shows the anniversaries of the next 180 days, with the years they mark, but none of ended ties', () => {
    expect(body.anniversaries).toEqual([{ ...anniversaryTie(), date: addDays(today, 30), years: 8 }]);
  });

  it('shows renewals due in the next 180 days, overdue ones first, but none of ended ties', () => {
    expect(body.renewals).toEqual([
      expect.objectContaining({ id: ties.overdue.id, date: addDays(today, -10), daysLeft: -10 }),
      expect.objectContaining({ id: ties.anniversary.id, date: addDays(today, 60), daysLeft: 60 }),
    ]);
  });

  it('shows the live ties with no activity logged in two years', () => {
    expect(body.quiet).toEqual([
      {
        id: ties.dormant.id,
        kind: 'friendship_city',
        status: 'dormant',
        partners: 'Shanghai',
        visibility: 'published',
        lastActivity: null,
      },
      expect.objectContaining({ id: ties.overdue.id, lastActivity: yearsBefore(today, 3) }),
      expect.objectContaining({ id: ties.farRenewal.id, lastActivity: null }),
    ]);
  });

  it('shows the ten most recent activities of its log, newest first, without deleted ones', () => {
    expect(body.recentActivity).toHaveLength(10);
    expect(body.recentActivity[0]).toEqual({
      id: expect.any(Number),
      kind: 'meeting',
      occurredOn: addDays(today, -10),
      title: 'Anniversary planning',
    });
    expect(body.recentActivity.map((item) => item.title).slice(1)).toEqual([
      'Routine 1',
      'Routine 2',
      'Routine 3',
      'Routine 4',
      'Routine 5',
      'Routine 6',
      'Routine 7',
      'Routine 8',
      'Routine 9',
    ]);
  });

  it('is the same for every member and for administrators', async () => {
    for (const who of [as.editor, as.admin]) {
      const response = await dashboard(who);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(body);
    }
  });

  describe("another organisation's log", () => {
    beforeAll(async () => {
      const office = await makeOrganization(t.database.db, { name: 'Shanghai office', kind: 'company' });
      const officeEditor = await memberHeaders(t.database.db, office.id, 'editor');
      const foreign = await log(officeEditor, {
        title: 'Internal note about Espoo',
        organizationId: office.id,
        organizationIds: [cityOfEspoo.id],
        occurredOn: today,
      });
      foreignActivity.id = foreign.id;
    });
    const foreignActivity = { id: 0 };

    it("is not for the organisation's members, though it concerns the organisation", async () => {
      expect((await call(`/api/activities/${foreignActivity.id}`, as.viewer)).statusCode).toBe(404);
      const timeline = (await call(`/api/activities?organizationId=${cityOfEspoo.id}`, as.viewer)).json();
      expect(timeline.items.map((item: { id: number }) => item.id)).not.toContain(foreignActivity.id);
    });

    it('stays off the dashboard', async () => {
      const answer = (await dashboard(as.viewer)).json();
      expect((answer.recentActivity as { id: number }[]).map((item) => item.id)).not.toContain(
        foreignActivity.id,
      );
      expect(JSON.stringify(answer)).not.toContain('Internal note about Espoo');
    });
  });
});

describe('the dashboard for others', () => {
  it('answers 401 to anonymous readers and 403 to users who are not members', async () => {
    const anonymous = await dashboard(as.anonymous);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
    const outsider = await dashboard(as.otherEditor);
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().error.code).toBe('FORBIDDEN');
    // Membership of the organisation is what counts, not a tie with it.
    expect((await dashboard(as.otherEditor, cityOfTallinn.id)).statusCode).toBe(200);
  });

  it('answers 404 for unknown and deleted organisations, to administrators too', async () => {
    const unknown = await dashboard(as.admin, MISSING);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ORGANIZATION_NOT_FOUND');
    const gone = await makeOrganization(t.database.db, { name: 'Gone', kind: 'ngo', deletedAt: new Date() });
    expect((await dashboard(as.admin, gone.id)).statusCode).toBe(404);
  });

  it('answers 400 for a malformed id', async () => {
    const response = await call('/api/organizations/espoo/dashboard', as.admin);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });
});
