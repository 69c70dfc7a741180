import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makeUser, type SessionHeaders, sessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { queryRows } from '../../db/query.ts';
import { placeNames } from '../places/places.tables.ts';
import { networkCoordinators, networkMembers, networks } from './networks.tables.ts';

/**
 * C21's China working group talks among itself: Espoo and Vantaa are its members (through their cities), the C21
 * secretariat coordinates it. Turku is in C21 but not in the group, and reads nothing of its discussion.
 */

let t: TestApp;
const as = {} as Record<
  | 'anonymous'
  | 'espoo'
  | 'espooViewer'
  | 'espooAndTurku'
  | 'vantaa'
  | 'turku'
  | 'secretariat'
  | 'secretariatViewer'
  | 'admin',
  SessionHeaders
>;
const ids = {} as Record<
  | 'group'
  | 'c21'
  | 'hidden'
  | 'cityOfEspoo'
  | 'cityOfVantaa'
  | 'cityOfTurku'
  | 'secretariat'
  | 'espoo'
  | 'shanghai'
  | 'publicTie'
  | 'vantaaTie'
  | 'vantaaUser'
  | 'espooUser',
  number
>;
const call: TestApp['request'] = (...args) => t.request(...args);
const discussion = () => `/api/networks/${ids.group}/posts`;

async function post(who: SessionHeaders, body: Record<string, unknown>, networkId = ids.group) {
  const response = await call('POST', `/api/networks/${networkId}/posts`, who, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function read(who: SessionHeaders, query = '') {
  const response = await call('GET', `${discussion()}${query}`, who);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const count = async (table: string, where = sql`true`) => {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`,
  );
  return row!.n;
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const espoo = await makePlace(db, { name: 'Espoo', names: [{ name: 'Esbo', lang: 'sv' }] });
  const vantaa = await makePlace(db, { name: 'Vantaa' });
  const turku = await makePlace(db, { name: 'Turku' });
  const shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN' });
  await db.insert(placeNames).values({ placeId: shanghai.id, name: 'Šanghai', lang: 'fi' });
  ids.espoo = espoo.id;
  ids.shanghai = shanghai.id;
  ids.cityOfEspoo = (await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id })).id;
  ids.cityOfVantaa = (await makeOrganization(db, { name: 'City of Vantaa', placeId: vantaa.id })).id;
  ids.cityOfTurku = (await makeOrganization(db, { name: 'City of Turku', placeId: turku.id })).id;
  ids.secretariat = (await makeOrganization(db, { name: 'C21 secretariat', kind: 'network_secretariat' })).id;
  const [c21] = await db
    .insert(networks)
    .values({ kind: 'network', name: { en: 'C21', fi: 'C21' }, secretariatId: ids.secretariat })
    .returning();
  const [group] = await db
    .insert(networks)
    .values({
      kind: 'working_group',
      parentId: c21!.id,
      name: { en: 'China working group', fi: 'Kiina-työryhmä', sv: 'Kinaarbetsgruppen' },
    })
    .returning();
  const [hidden] = await db
    .insert(networks)
    .values({ kind: 'network', name: { en: 'Hidden network' }, visibility: 'internal' })
    .returning();
  ids.c21 = c21!.id;
  ids.group = group!.id;
  ids.hidden = hidden!.id;
  await db.insert(networkMembers).values([
    { networkId: c21!.id, placeId: espoo.id },
    { networkId: c21!.id, placeId: vantaa.id },
    { networkId: c21!.id, placeId: turku.id },
    { networkId: group!.id, placeId: espoo.id },
    { networkId: group!.id, organizationId: ids.cityOfVantaa },
  ]);
  await db.insert(networkCoordinators).values({ networkId: hidden!.id, organizationId: ids.cityOfTurku });

  const user = async (memberships: { organizationId: number; role: 'editor' | 'viewer' }[], name: string) => {
    const made = await makeUser(db, { memberships, name });
    return { id: made.id, headers: await sessionHeaders(db, made.id) };
  };
  as.anonymous = {};
  const espooUser = await user([{ organizationId: ids.cityOfEspoo, role: 'editor' }], 'Eeva Espoo');
  ids.espooUser = espooUser.id;
  as.espoo = espooUser.headers;
  as.espooViewer = (
    await user([{ organizationId: ids.cityOfEspoo, role: 'viewer' }], 'Ville Viewer')
  ).headers;
  as.espooAndTurku = (
    await user(
      [
        { organizationId: ids.cityOfEspoo, role: 'editor' },
        { organizationId: ids.cityOfTurku, role: 'editor' },
      ],
      'Kaisa Kahdessa',
    )
  ).headers;
  const vantaaUser = await user([{ organizationId: ids.cityOfVantaa, role: 'editor' }], 'Vilja Vantaa');
  ids.vantaaUser = vantaaUser.id;
  as.vantaa = vantaaUser.headers;
  as.turku = (await user([{ organizationId: ids.cityOfTurku, role: 'editor' }], 'Tuomas Turku')).headers;
  as.secretariat = (
    await user([{ organizationId: ids.secretariat, role: 'editor' }], 'Sanna Sihteeri')
  ).headers;
  as.secretariatViewer = (
    await user([{ organizationId: ids.secretariat, role: 'viewer' }], 'Sakari Seuraaja')
  ).headers;
  as.admin = await sessionHeaders(db, (await makeUser(db, { isAdmin: true, name: 'Admin' })).id);
  ids.publicTie = (await makePartnership(db, [espoo.id, shanghai.id])).id;
  ids.vantaaTie = (
    await makePartnership(db, [vantaa.id, shanghai.id], { kind: 'mou', visibility: 'internal' })
  ).id;
});
afterAll(() => t.close());

describe('who takes part in a discussion', () => {
  it("is the group's members and coordinators: others neither read nor post", async () => {
    await post(as.espoo, { body: 'Hello, group', organizationId: ids.cityOfEspoo });
    const posts = await count('network_posts');
    const audits = await count('audit_events');
    const anonymous = await call('GET', discussion(), as.anonymous);
    expect(anonymous.statusCode).toBe(401);
    const turku = await call('GET', discussion(), as.turku);
    expect(turku.statusCode).toBe(403);
    expect(turku.body).not.toContain('Hello, group');
    for (const [who, organizationId] of [
      [as.turku, ids.cityOfTurku],
      [as.turku, ids.cityOfEspoo],
    ] as const) {
      const refused = await call('POST', discussion(), who, { body: 'Let me in', organizationId });
      expect(refused.statusCode, refused.body).toBe(403);
    }
    expect(
      (await call('POST', discussion(), as.anonymous, { body: 'x', organizationId: 1 })).statusCode,
    ).toBe(401);
    // An internal network the reader is not part of, and one that does not exist, answer alike.
    const hidden = await call('GET', `/api/networks/${ids.hidden}/posts`, as.espoo);
    const missing = await call('GET', '/api/networks/999999/posts', as.espoo);
    expect([hidden.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(hidden.json().error.code).toBe(missing.json().error.code);
    // The network itself is not the group: Turku is in C21, not in its China working group.
    expect((await call('GET', `/api/networks/${ids.c21}/posts`, as.turku)).statusCode).toBe(200);
    expect(await count('network_posts')).toBe(posts);
    expect(await count('audit_events')).toBe(audits);
    // Members (viewers too), coordinators and administrators read it.
    for (const who of [as.espooViewer, as.vantaa, as.secretariat, as.secretariatViewer, as.admin]) {
      expect((await read(who)).threads.map((thread: { body: string }) => thread.body)).toContain(
        'Hello, group',
      );
    }
  });

  it('lets a member write only for an organisation they are in, and only for one of the group', async () => {
    const forVantaa = await call('POST', discussion(), as.espoo, {
      body: 'As Vantaa',
      organizationId: ids.cityOfVantaa,
    });
    expect(forVantaa.statusCode, forVantaa.body).toBe(403);
    // An administrator is no member of Espoo: a post carries its organisation's name.
    const admin = await call('POST', discussion(), as.admin, {
      body: 'As Espoo',
      organizationId: ids.cityOfEspoo,
    });
    expect(admin.statusCode, admin.body).toBe(403);
    // A member of Turku as well as Espoo may write for Espoo, not for Turku, which is not in the group.
    const forTurku = await call('POST', discussion(), as.espooAndTurku, {
      body: 'As Turku',
      organizationId: ids.cityOfTurku,
    });
    expect(forTurku.statusCode, forTurku.body).toBe(400);
    expect(forTurku.json().error.details[0].field).toBe('body.organizationId');
    const page = await read(as.espooAndTurku);
    expect(page.postAs).toEqual([{ id: ids.cityOfEspoo, name: 'City of Espoo' }]);
    const viewer = await post(as.espooViewer, { body: 'A viewer speaks', organizationId: ids.cityOfEspoo });
    expect(viewer.organization).toEqual({ id: ids.cityOfEspoo, name: 'City of Espoo' });
    expect(viewer.author.name).toBe('Ville Viewer');
    // The coordinator writes for itself.
    expect((await post(as.secretariat, { body: 'Welcome', organizationId: ids.secretariat })).canEdit).toBe(
      true,
    );
    expect((await read(as.secretariatViewer)).postAs).toEqual([
      { id: ids.secretariat, name: 'C21 secretariat' },
    ]);
  });
});

describe('threads', () => {
  it('answer top-level posts by newest activity with their replies, names, mentions and link labels', async () => {
    const older = await post(as.espoo, {
      body: 'Who goes to the CIIE?',
      organizationId: ids.cityOfEspoo,
      links: [
        { type: 'place', id: ids.shanghai },
        { type: 'partnership', id: ids.publicTie },
      ],
    });
    const newer = await post(as.vantaa, {
      body: 'Our MoU with Shanghai is up for renewal',
      organizationId: ids.cityOfVantaa,
      mentions: [ids.cityOfEspoo],
      links: [{ type: 'partnership', id: ids.vantaaTie }],
    });
    // A reply brings the older thread to the top.
    const reply = await post(as.vantaa, {
      body: 'We do',
      organizationId: ids.cityOfVantaa,
      parentId: older.id,
    });
    const page = await read(as.espoo, '?lang=fi');
    expect(page.network).toEqual({ id: ids.group, kind: 'working_group', name: 'Kiina-työryhmä' });
    const [first, second] = page.threads;
    expect(first.id).toBe(older.id);
    expect(second.id).toBe(newer.id);
    expect(first.replies.map((r: { id: number }) => r.id)).toEqual([reply.id]);
    expect(first.replies[0]).toMatchObject({
      parentId: older.id,
      author: { name: 'Vilja Vantaa' },
      organization: { name: 'City of Vantaa' },
      canEdit: false,
      canDelete: false,
    });
    expect(first.lastActivityAt).toBe(reply.createdAt);
    expect(first.links).toEqual([
      { type: 'place', id: ids.shanghai, label: 'Šanghai' },
      { type: 'partnership', id: ids.publicTie, label: 'Espoo – Šanghai' },
    ]);
    expect(second.mentions).toEqual([{ id: ids.cityOfEspoo, name: 'City of Espoo' }]);
    // Vantaa's internal tie: its label for Vantaa, none for Espoo.
    expect(second.links).toEqual([{ type: 'partnership', id: ids.vantaaTie, label: null }]);
    const vantaa = await read(as.vantaa, '?lang=sv');
    const seen = vantaa.threads.find((thread: { id: number }) => thread.id === newer.id);
    expect(seen.links[0].label).toBe('Shanghai – Vantaa');
    expect(vantaa.threads.find((thread: { id: number }) => thread.id === older.id).links[1].label).toBe(
      'Esbo – Shanghai',
    );
    expect(page.participants).toEqual([
      { id: ids.secretariat, name: 'C21 secretariat', member: false, coordinator: true },
      { id: ids.cityOfEspoo, name: 'City of Espoo', member: true, coordinator: false },
      { id: ids.cityOfVantaa, name: 'City of Vantaa', member: true, coordinator: false },
    ]);
    // Paging by threads.
    const one = await read(as.espoo, '?limit=1&offset=1');
    expect(one.threads.map((thread: { id: number }) => thread.id)).toEqual([newer.id]);
    expect(one.total).toBe(page.total);
  });

  it('keep plain text as written', async () => {
    const text = '<script>alert(1)</script> & <b>bold</b>';
    const written = await post(as.espoo, { body: `  ${text}  `, organizationId: ids.cityOfEspoo });
    expect(written.body).toBe(text);
  });
});

describe('refused posts', () => {
  it('answer 400 and write nothing', async () => {
    const top = await post(as.espoo, { body: 'Top', organizationId: ids.cityOfEspoo });
    const reply = await post(as.espoo, { body: 'Reply', organizationId: ids.cityOfEspoo, parentId: top.id });
    const elsewhere = await post(as.espoo, { body: 'In C21', organizationId: ids.cityOfEspoo }, ids.c21);
    const before = [await count('network_posts'), await count('audit_events'), await count('notifications')];
    const cases: [Record<string, unknown>, string][] = [
      [{ body: '   ', organizationId: ids.cityOfEspoo }, 'body.body'],
      [{ body: 'x'.repeat(10_001), organizationId: ids.cityOfEspoo }, 'body.body'],
      [{ body: 'Nul\u0000', organizationId: ids.cityOfEspoo }, 'body.body'],
      [{ organizationId: ids.cityOfEspoo }, 'body.body'],
      [{ body: 'Deeper', organizationId: ids.cityOfEspoo, parentId: reply.id }, 'body.parentId'],
      [{ body: 'Across', organizationId: ids.cityOfEspoo, parentId: elsewhere.id }, 'body.parentId'],
      [{ body: 'Nowhere', organizationId: ids.cityOfEspoo, parentId: 999_999 }, 'body.parentId'],
      [
        { body: 'Hey Turku', organizationId: ids.cityOfEspoo, mentions: [ids.cityOfTurku] },
        'body.mentions.0',
      ],
      [
        { body: 'Twice', organizationId: ids.cityOfEspoo, mentions: [ids.cityOfVantaa, ids.cityOfVantaa] },
        'body.mentions',
      ],
      [
        { body: 'Gone', organizationId: ids.cityOfEspoo, links: [{ type: 'event', id: 999_999 }] },
        'body.links.0',
      ],
      [
        {
          body: 'Secret',
          organizationId: ids.cityOfEspoo,
          links: [{ type: 'partnership', id: ids.vantaaTie }],
        },
        'body.links.0',
      ],
      [
        { body: 'Odd', organizationId: ids.cityOfEspoo, links: [{ type: 'person', id: 1 }] },
        'body.links.0.type',
      ],
      [{ body: 'Extra', organizationId: ids.cityOfEspoo, html: '<b>' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await call('POST', discussion(), as.espoo, body);
      expect(response.statusCode, `${JSON.stringify(body).slice(0, 80)} → ${response.body}`).toBe(400);
      const fields = response.json().error.details.map((detail: { field: string }) => detail.field);
      expect(
        fields.some((name: string) => name.startsWith(field)),
        `${fields} for ${field}`,
      ).toBe(true);
    }
    expect([await count('network_posts'), await count('audit_events'), await count('notifications')]).toEqual(
      before,
    );
  });
});

describe('changing a post', () => {
  it("is for its author only: another's post is refused, administrators included", async () => {
    const written = await post(as.espoo, { body: 'First words', organizationId: ids.cityOfEspoo });
    const url = `${discussion()}/${written.id}`;
    for (const [who, status] of [
      [as.espooViewer, 403],
      [as.vantaa, 403],
      [as.secretariat, 403],
      [as.admin, 403],
      [as.turku, 403],
      [as.anonymous, 401],
    ] as const) {
      const response = await call('PATCH', url, who, { version: written.version, body: 'Not yours' });
      expect(response.statusCode, response.body).toBe(status);
    }
    const changed = await call('PATCH', url, as.espoo, { version: written.version, body: 'Better words' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ body: 'Better words', version: written.version + 1 });
    expect(changed.json().editedAt).not.toBeNull();
    // A post answers only under its own discussion.
    const other = await call('PATCH', `/api/networks/${ids.c21}/posts/${written.id}`, as.espoo, {
      version: changed.json().version,
      body: 'Moved',
    });
    expect(other.statusCode).toBe(404);
  });

  it('on a stale version answers 409 with the post as it is', async () => {
    const written = await post(as.espoo, { body: 'Version one', organizationId: ids.cityOfEspoo });
    const url = `${discussion()}/${written.id}`;
    expect(
      (await call('PATCH', url, as.espoo, { version: written.version, body: 'Version two' })).statusCode,
    ).toBe(200);
    const stale = await call('PATCH', url, as.espoo, { version: written.version, body: 'Lost words' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current).toMatchObject({ body: 'Version two', version: written.version + 1 });
  });
});

describe('deleting a post', () => {
  it('keeps it in its thread as deleted, with its replies, and keeps its words in the history', async () => {
    const top = await post(as.espoo, {
      body: 'To be withdrawn',
      organizationId: ids.cityOfEspoo,
      links: [{ type: 'place', id: ids.shanghai }],
    });
    const reply = await post(as.vantaa, {
      body: 'An answer',
      organizationId: ids.cityOfVantaa,
      parentId: top.id,
    });
    const url = `${discussion()}/${top.id}`;
    const edited = (
      await call('PATCH', url, as.espoo, { version: top.version, body: 'Withdrawn soon' })
    ).json();
    // A fellow member may not delete it; its viewer of a coordinator neither.
    for (const who of [as.vantaa, as.espooViewer, as.secretariatViewer]) {
      expect((await call('DELETE', `${url}?version=${edited.version}`, who)).statusCode).toBe(403);
    }
    const deleted = await call('DELETE', `${url}?version=${edited.version}`, as.espoo);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({ body: null, links: [], canEdit: false, canDelete: true });
    expect(deleted.json().deletedAt).not.toBeNull();
    expect((await call('DELETE', `${url}?version=${deleted.json().version}`, as.espoo)).statusCode).toBe(409);
    const page = await read(as.vantaa);
    const thread = page.threads.find((item: { id: number }) => item.id === top.id);
    expect(thread).toMatchObject({ body: null, mentions: [], links: [] });
    expect(thread.deletedAt).not.toBeNull();
    expect(thread.replies.map((item: { id: number; body: string }) => [item.id, item.body])).toEqual([
      [reply.id, 'An answer'],
    ]);
    expect(JSON.stringify(page)).not.toContain('Withdrawn soon');
    // No replies to a deleted post, and no edits of it.
    const late = await call('POST', discussion(), as.vantaa, {
      body: 'Too late',
      organizationId: ids.cityOfVantaa,
      parentId: top.id,
    });
    expect(late.statusCode).toBe(400);
    expect(
      (await call('PATCH', url, as.espoo, { version: deleted.json().version, body: 'Again' })).statusCode,
    ).toBe(404);
    const history = await call('GET', `${url}/history`, as.vantaa);
    expect(history.statusCode).toBe(200);
    const items = history.json().items;
    expect(items.map((item: { action: string }) => item.action)).toEqual(['create', 'update', 'delete']);
    expect(items[0].after.body).toBe('To be withdrawn');
    expect(items[1]).toMatchObject({
      actor: 'Eeva Espoo',
      before: { body: 'To be withdrawn' },
      after: { body: 'Withdrawn soon' },
    });
    expect(items[2].after.deletedAt).not.toBeNull();
    expect((await call('GET', `${url}/history`, as.turku)).statusCode).toBe(403);
    const restored = await call('POST', `${url}/restore`, as.espoo, { version: deleted.json().version });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ body: 'Withdrawn soon', deletedAt: null });
  });

  it("lets a coordinator's editor delete another's post, as moderation", async () => {
    const written = await post(as.vantaa, { body: 'Off topic', organizationId: ids.cityOfVantaa });
    const page = await read(as.secretariat);
    expect(page.canModerate).toBe(true);
    expect(page.threads.find((item: { id: number }) => item.id === written.id).canDelete).toBe(true);
    expect((await read(as.espoo)).canModerate).toBe(false);
    const url = `${discussion()}/${written.id}`;
    const removed = await call('DELETE', `${url}?version=${written.version}`, as.secretariat);
    expect(removed.statusCode, removed.body).toBe(200);
    const history = (await call('GET', `${url}/history`, as.vantaa)).json().items;
    expect(history.at(-1)).toMatchObject({ action: 'delete', actor: 'Sanna Sihteeri' });
  });
});

describe('mentions', () => {
  it("notify the mentioned organisations' people in the post's transaction, the author aside", async () => {
    const db = t.database.db;
    const vantaaColleague = await makeUser(db, {
      name: 'Veikko Vantaa',
      memberships: [{ organizationId: ids.cityOfVantaa, role: 'viewer' }],
    });
    const before = await count('notifications');
    const written = await post(as.espoo, {
      body: 'Vantaa, could you share your MoU template?',
      organizationId: ids.cityOfEspoo,
      mentions: [ids.cityOfVantaa, ids.cityOfEspoo],
    });
    const notices = await queryRows<{
      userId: number;
      kind: string;
      link: string;
      organizationId: number;
      data: Record<string, unknown>;
    }>(
      db,
      sql`select user_id as "userId", kind, link, organization_id as "organizationId", data
          from notifications where data->>'postId' = ${String(written.id)} order by user_id`,
    );
    // Vantaa's two people and Espoo's others; never the author.
    const told = notices.map((notice) => notice.userId);
    expect(told).toContain(ids.vantaaUser);
    expect(told).toContain(vantaaColleague.id);
    expect(told).not.toContain(ids.espooUser);
    expect(new Set(told).size).toBe(told.length);
    const toVantaa = notices.find((notice) => notice.userId === ids.vantaaUser)!;
    expect(toVantaa).toMatchObject({
      kind: 'post_mention',
      organizationId: ids.cityOfVantaa,
      link: `/workspace/networks/${ids.group}/discussion#post-${written.id}`,
      data: {
        networkId: ids.group,
        postId: written.id,
        authorName: 'Eeva Espoo',
        organizationName: 'City of Espoo',
        networkName: { en: 'China working group', fi: 'Kiina-työryhmä', sv: 'Kinaarbetsgruppen' },
        excerpt: 'Vantaa, could you share your MoU template?',
      },
    });
    expect(await count('notifications')).toBe(before + notices.length);
    // The mentioned see it in their own notifications.
    const mine = (await call('GET', '/api/notifications', as.vantaa)).json();
    expect(mine.items[0]).toMatchObject({ kind: 'post_mention', data: { postId: written.id } });
    // An edit tells only the organisations newly mentioned.
    const edited = await call('PATCH', `${discussion()}/${written.id}`, as.espoo, {
      version: written.version,
      mentions: [ids.cityOfVantaa, ids.secretariat],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = await queryRows<{ organizationId: number }>(
      db,
      sql`select organization_id as "organizationId" from notifications where data->>'postId' = ${String(written.id)}`,
    );
    expect(after.length).toBe(notices.length + 2);
    expect(after.slice(notices.length).every((row) => row.organizationId === ids.secretariat)).toBe(true);
  });

  it('leave nothing behind when the post is refused', async () => {
    const before = await count('notifications');
    const refused = await call('POST', discussion(), as.espoo, {
      body: 'Vantaa, see this',
      organizationId: ids.cityOfEspoo,
      mentions: [ids.cityOfVantaa],
      links: [{ type: 'organization', id: 999_999 }],
    });
    expect(refused.statusCode).toBe(400);
    expect(await count('notifications')).toBe(before);
  });
});
