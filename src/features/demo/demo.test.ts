import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { signInHeaders } from '../../../test/helpers/auth.ts';
import { makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { queryRows } from '../../db/query.ts';
import { DemoError, loadDemo } from './demo.service.ts';

let t: TestApp;
let tieId: number;

beforeAll(async () => {
  t = await createTestApp();
  const espoo = await makePlace(t.database.db, { name: 'Espoo' });
  const shanghai = await makePlace(t.database.db, { name: 'Shanghai', country: 'CN' });
  tieId = (await makePartnership(t.database.db, [espoo.id, shanghai.id])).id;
});
afterAll(() => t.close());

describe('the demo workspace', () => {
  it('does not exist until asked for', async () => {
    const [row] = await queryRows<{ orgs: number; users: number }>(
      t.database.db,
      sql`select (select count(*) from organizations)::int as orgs, (select count(*) from users)::int as users`,
    );
    expect(row).toEqual({ orgs: 0, users: 0 });
  });

  it('builds the Espoo–Shanghai story on the imported tie, confirmed by Espoo only', async () => {
    const result = await t.database.db.transaction((tx) => loadDemo(tx));
    expect(result.partnershipId).toBe(tieId);
    expect(result.users.map((user) => user.email)).toEqual([
      'admin@example.org',
      'coordinator@example.org',
      'viewer@example.org',
      'shanghai@example.org',
    ]);
    const coordinator = result.users[1]!;
    const headers = await signInHeaders(t.app, coordinator.email, coordinator.password);
    const tie = (await t.app.inject({ url: `/api/partnerships/${tieId}`, headers })).json();
    expect(tie).toMatchObject({ kind: 'twin_town', startedOn: '1998-01-01', canEdit: true });
    expect(tie.sources).toHaveLength(1);
    expect(tie.parties).toEqual([
      expect.objectContaining({ name: 'Espoo', confirmedAt: expect.any(String) }),
      expect.objectContaining({ name: 'Shanghai', confirmedAt: null }),
    ]);
    const organizations = (await t.app.inject({ url: '/api/organizations' })).json();
    expect(organizations.items.map((item: { name: string }) => item.name)).toEqual(
      expect.arrayContaining(['City of Espoo', 'Team Finland Shanghai', 'Air0', 'Shanghai Media Group']),
    );
    const contacts = await queryRows<{ value: string }>(t.database.db, sql`select value from contact_points`);
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.every((contact) => contact.value.endsWith('@example.org'))).toBe(true);
    const activities = (
      await t.app.inject({ url: `/api/activities?partnershipId=${tieId}`, headers })
    ).json();
    expect(activities.items.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses to load twice', async () => {
    await expect(t.database.db.transaction((tx) => loadDemo(tx))).rejects.toBeInstanceOf(DemoError);
  });
});
