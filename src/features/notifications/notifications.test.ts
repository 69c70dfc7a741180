import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makeUser, type SessionHeaders, sessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization } from '../../../test/helpers/factories.ts';
import { queryRows } from '../../db/query.ts';
import { notify, peopleOf } from './notifications.service.ts';

/** Each user's notifications are their own: nobody reads, counts or marks another's. */

let t: TestApp;
let espoo: { id: number; headers: SessionHeaders };
let vantaa: { id: number; headers: SessionHeaders };
const call: TestApp['request'] = (...args) => t.request(...args);

const reminder = (userId: number, n: number) => ({
  userId,
  kind: 'campaign_reminder',
  data: {
    campaignId: n,
    title: { en: `Round ${n}` },
    closesOn: '2020-12-31',
    organizationName: 'City of Espoo',
  },
  link: `/workspace/campaigns/${n}`,
});

const unreadOf = async (userId: number) => {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from notifications where user_id = ${userId} and read_at is null`,
  );
  return row!.n;
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo' });
  const cityOfVantaa = await makeOrganization(db, { name: 'City of Vantaa' });
  const make = async (organizationId: number) => {
    const user = await makeUser(db, { memberships: [{ organizationId, role: 'editor' }] });
    return { id: user.id, headers: await sessionHeaders(db, user.id) };
  };
  espoo = await make(cityOfEspoo.id);
  vantaa = await make(cityOfVantaa.id);
  await notify(
    db,
    Array.from({ length: 5 }, (_, index) => reminder(espoo.id, index + 1)),
  );
  await notify(db, [reminder(vantaa.id, 99)]);
});
afterAll(() => t.close());

describe('notifications', () => {
  it("list the user's own, newest first, a page at a time, with the unread count", async () => {
    const first = await call('GET', '/api/notifications?limit=2', espoo.headers);
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json();
    expect(page.unread).toBe(5);
    expect(page.items.map((item: { data: { campaignId: number } }) => item.data.campaignId)).toEqual([5, 4]);
    expect(page.items[0]).toMatchObject({
      kind: 'campaign_reminder',
      link: '/workspace/campaigns/5',
      readAt: null,
      data: { title: { en: 'Round 5' }, closesOn: '2020-12-31' },
    });
    const rest = (
      await call('GET', `/api/notifications?limit=10&before=${page.nextBefore}`, espoo.headers)
    ).json();
    expect(rest.items.map((item: { data: { campaignId: number } }) => item.data.campaignId)).toEqual([
      3, 2, 1,
    ]);
    expect(rest.nextBefore).toBeNull();
    expect((await call('GET', '/api/notifications', {})).statusCode).toBe(401);
    expect((await call('GET', '/api/notifications?limit=0', espoo.headers)).statusCode).toBe(400);
  });

  it('are private: another user neither sees nor marks them', async () => {
    const theirs = (await call('GET', '/api/notifications', vantaa.headers)).json();
    expect(theirs.unread).toBe(1);
    expect(theirs.items.map((item: { data: { campaignId: number } }) => item.data.campaignId)).toEqual([99]);
    const [espoosNewest] = (await call('GET', '/api/notifications?limit=1', espoo.headers)).json().items;
    const marked = await call('POST', `/api/notifications/${espoosNewest.id}/read`, vantaa.headers);
    expect(marked.statusCode).toBe(404);
    expect(marked.json().error.code).toBe('NOTIFICATION_NOT_FOUND');
    expect((await call('POST', '/api/notifications/999999/read', vantaa.headers)).statusCode).toBe(404);
    expect(await unreadOf(espoo.id)).toBe(5);
    // Marking all read marks one's own only.
    const all = await call('POST', '/api/notifications/read-all', vantaa.headers);
    expect(all.json()).toEqual({ read: 1 });
    expect(await unreadOf(espoo.id)).toBe(5);
    expect(await unreadOf(vantaa.id)).toBe(0);
    expect((await call('POST', '/api/notifications/read-all', {})).statusCode).toBe(401);
  });

  it('are marked read one at a time, once', async () => {
    const [newest] = (await call('GET', '/api/notifications?limit=1', espoo.headers)).json().items;
    const first = await call('POST', `/api/notifications/${newest.id}/read`, espoo.headers);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().readAt).not.toBeNull();
    const again = await call('POST', `/api/notifications/${newest.id}/read`, espoo.headers);
    expect(again.json().readAt).toBe(first.json().readAt);
    const unread = (await call('GET', '/api/notifications?unread=true', espoo.headers)).json();
    expect(unread.unread).toBe(4);
    expect(unread.items).toHaveLength(4);
    expect((await call('POST', '/api/notifications/read-all', espoo.headers)).json()).toEqual({ read: 4 });
    expect((await call('GET', '/api/notifications', espoo.headers)).json().unread).toBe(0);
  });

  it('reach the active people of organisations, editors only when asked', async () => {
    const db = t.database.db;
    const city = await makeOrganization(db, { name: 'City of Turku' });
    const editor = await makeUser(db, { memberships: [{ organizationId: city.id, role: 'editor' }] });
    const viewer = await makeUser(db, { memberships: [{ organizationId: city.id, role: 'viewer' }] });
    const gone = await makeUser(db, { memberships: [{ organizationId: city.id, role: 'editor' }] });
    await db.execute(sql`update users set disabled_at = now() where id = ${gone.id}`);
    expect((await peopleOf(db, [city.id])).map((person) => person.userId)).toEqual([editor.id, viewer.id]);
    expect((await peopleOf(db, [city.id], { editorsOnly: true })).map((person) => person.userId)).toEqual([
      editor.id,
    ]);
  });
});
