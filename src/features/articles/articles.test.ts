import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { adminHeaders, memberHeaders, type SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';

let t: TestApp;
const ids = {} as Record<
  'cityOfEspoo' | 'cityOfShanghai' | 'espoo' | 'tie' | 'hiddenTie' | 'series' | 'post' | 'hiddenPost',
  number
>;
let editor: SessionHeaders;
let viewer: SessionHeaders;
let otherEditor: SessionHeaders;
let admin: SessionHeaders;
let slugs = 0;

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

const draft = (overrides: Record<string, unknown> = {}) =>
  ok('POST', '/api/articles', editor, {
    seriesId: ids.series,
    language: 'sv',
    slug: `vanorter-${++slugs}`,
    title: 'I Asien är vänortsförbindelser viktiga',
    lead: 'Esbo och Shanghai har varit vänorter i 22 år.',
    body: '<p>Esbos Shanghai-samarbete bygger broar.</p>',
    ...overrides,
  });

const setStatus = (article: { id: number; version: number }, status: string, extra: object = {}) =>
  request('POST', `/api/articles/${article.id}/status`, editor, {
    version: article.version,
    status,
    ...extra,
  });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const espoo = await makePlace(db, { name: 'Espoo' });
  const shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN' });
  const tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE' });
  ids.espoo = espoo.id;
  ids.cityOfEspoo = (await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id })).id;
  ids.cityOfShanghai = (await makeOrganization(db, { name: 'City of Shanghai', placeId: shanghai.id })).id;
  ids.tie = (await makePartnership(db, [espoo.id, shanghai.id], { kind: 'twin_town' })).id;
  ids.hiddenTie = (await makePartnership(db, [espoo.id, tallinn.id], { visibility: 'internal' })).id;
  editor = await memberHeaders(db, ids.cityOfEspoo, 'editor');
  viewer = await memberHeaders(db, ids.cityOfEspoo, 'viewer');
  otherEditor = await memberHeaders(db, ids.cityOfShanghai, 'editor');
  admin = await adminHeaders(db);
  ids.series = (
    await ok('POST', '/api/series', editor, {
      organizationId: ids.cityOfEspoo,
      slug: 'international-espoo',
      title: { fi: 'Kansainvälinen Espoo', sv: 'Internationella Esbo', en: 'International Espoo' },
    })
  ).id;
  const person = await ok('POST', '/api/people', editor, {
    name: 'Hanna Eskelinen',
    keeperId: ids.cityOfEspoo,
    visibility: 'published',
    posts: [{ organizationId: ids.cityOfEspoo, role: 'international_affairs_coordinator' }],
    contactPoints: [{ kind: 'email', value: 'hanna.private@example.org' }],
  });
  ids.post = person.posts[0].id;
  const hidden = await ok('POST', '/api/people', editor, {
    name: 'Internal Person',
    keeperId: ids.cityOfEspoo,
    posts: [{ organizationId: ids.cityOfEspoo, role: 'other' }],
  });
  ids.hiddenPost = hidden.posts[0].id;
});
afterAll(() => t.close());

describe('series', () => {
  it('are started by editors of their organisation, under an address no other series has', async () => {
    const body = { organizationId: ids.cityOfEspoo, slug: 'espoo-news', title: { en: 'Espoo news' } };
    expect((await request('POST', '/api/series', {}, body)).statusCode).toBe(401);
    expect((await request('POST', '/api/series', viewer, body)).statusCode).toBe(403);
    expect((await request('POST', '/api/series', otherEditor, body)).statusCode).toBe(403);
    const taken = await request('POST', '/api/series', editor, { ...body, slug: 'international-espoo' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('SLUG_TAKEN');
    const bad = await request('POST', '/api/series', editor, { ...body, slug: 'Espoo News!' });
    expect(bad.statusCode).toBe(400);
    const series = await request('GET', '/api/series/by-slug/international-espoo');
    expect(series.json()).toMatchObject({
      id: ids.series,
      organizationName: 'City of Espoo',
      url: '/series/international-espoo',
      canEdit: false,
    });
    expect(series.json().feeds.sv.rss).toBe(`/api/series/${ids.series}/feed.rss?lang=sv`);
  });
});

describe('articles', () => {
  it('are drafts of their organisation until published', async () => {
    const article = await draft();
    expect(article).toMatchObject({ status: 'draft', publishAt: null, url: `/articles/${article.slug}` });
    expect((await request('GET', `/api/articles/${article.id}`)).statusCode).toBe(404);
    expect((await request('GET', `/api/articles/by-slug/${article.slug}`)).statusCode).toBe(404);
    expect((await request('GET', `/api/articles/${article.id}`, viewer)).statusCode).toBe(200);
    expect((await request('GET', `/api/articles/${article.id}`, otherEditor)).statusCode).toBe(404);
    const listed = await ok('GET', '/api/articles', {});
    expect(listed.items.map((item: { id: number }) => item.id)).not.toContain(article.id);
    const drafts = await ok('GET', '/api/articles?status=draft', viewer);
    expect(drafts.items.map((item: { id: number }) => item.id)).toContain(article.id);
    expect((await ok('GET', '/api/articles?status=draft', otherEditor)).items).toEqual([]);
    expect((await ok('GET', '/api/articles?status=draft', {})).items).toEqual([]);
  });

  it('are written only by editors of the series organisation', async () => {
    const body = { seriesId: ids.series, language: 'en', slug: 'not-mine', title: 'Not mine' };
    expect((await request('POST', '/api/articles', {}, body)).statusCode).toBe(401);
    expect((await request('POST', '/api/articles', viewer, body)).statusCode).toBe(403);
    expect((await request('POST', '/api/articles', otherEditor, body)).statusCode).toBe(403);
    const article = await draft();
    const change = { version: article.version, title: 'Taken over' };
    expect((await request('PATCH', `/api/articles/${article.id}`, otherEditor, change)).statusCode).toBe(404);
    expect((await request('PATCH', `/api/articles/${article.id}`, viewer, change)).statusCode).toBe(403);
    const published = (await setStatus(article, 'published')).json();
    const again = { version: published.version, title: 'Taken over' };
    expect((await request('PATCH', `/api/articles/${article.id}`, otherEditor, again)).statusCode).toBe(403);
    expect((await setStatus(published, 'archived')).statusCode).toBe(200);
  });

  it('keep only the allowed marks and blocks, and refuse images without alt text', async () => {
    const article = await draft({
      body:
        '<h2 onclick="alert(1)">Forum</h2><script>alert(1)</script><p style="color:red">Text <a href="javascript:alert(1)">x</a> ' +
        '<a href="https://www.espoo.fi/" target="_blank">Espoo</a></p><iframe src="https://evil.example"></iframe>',
    });
    expect(article.body).toBe(
      '<h2>Forum</h2><p>Text <a rel="noopener noreferrer nofollow">x</a> ' +
        '<a href="https://www.espoo.fi/" rel="noopener noreferrer nofollow">Espoo</a></p>',
    );
    const noAlt = await request('POST', '/api/articles', editor, {
      seriesId: ids.series,
      language: 'sv',
      slug: 'no-alt',
      title: 'No alt',
      body: '<p>Photo</p><img src="https://example.org/a.png">',
    });
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.json().error.details[0].field).toBe('body.body');
    expect((await request('GET', '/api/articles/by-slug/no-alt', editor)).statusCode).toBe(404);
  });

  it('move from draft to scheduled to published to archived, each move in the history', async () => {
    const empty = await draft({ body: '' });
    const refused = await setStatus(empty, 'published');
    expect(refused.statusCode).toBe(400);
    const article = await draft();
    expect((await setStatus(article, 'archived')).statusCode).toBe(409);
    const past = await setStatus(article, 'scheduled', { publishAt: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const early = await setStatus(article, 'published', { publishAt: future });
    expect(early.statusCode).toBe(400);
    const scheduled = (await setStatus(article, 'scheduled', { publishAt: future })).json();
    expect(scheduled).toMatchObject({ status: 'scheduled', publishAt: future });
    expect((await request('GET', `/api/articles/${article.id}`)).statusCode).toBe(404);
    const stale = await setStatus(article, 'published');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const published = (
      await setStatus(scheduled, 'published', { publishAt: '2020-12-18T12:29:00+02:00' })
    ).json();
    expect(published).toMatchObject({ status: 'published', publishAt: '2020-12-18T10:29:00.000Z' });
    expect((await request('GET', `/api/articles/${article.id}`)).json().title).toBe(article.title);
    const archived = (await setStatus(published, 'archived')).json();
    expect(archived.status).toBe('archived');
    expect((await ok('GET', '/api/articles', {})).items.map((item: { id: number }) => item.id)).not.toContain(
      article.id,
    );
    const history = await ok('GET', `/api/articles/${article.id}/history`, viewer);
    expect(history.items.map((event: { action: string }) => event.action)).toEqual([
      'create',
      'schedule',
      'publish',
      'archive',
    ]);
    expect((await request('GET', `/api/articles/${article.id}/history`)).statusCode).toBe(401);
  });

  it('a scheduled article is published when its time comes', async () => {
    const article = await draft();
    const soon = new Date(Date.now() + 1500).toISOString();
    await setStatus(article, 'scheduled', { publishAt: soon });
    expect((await request('GET', `/api/articles/${article.id}`)).statusCode).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const read = await request('GET', `/api/articles/${article.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().status).toBe('published');
  });

  it('have language versions, one per language, each under its own address', async () => {
    const original = await draft({ language: 'sv' });
    const fi = await ok('POST', '/api/articles', editor, {
      translationOf: original.id,
      language: 'fi',
      slug: `aasiassa-ystavyyskaupungit-${slugs}`,
      title: 'Aasiassa ystävyyskaupunkisuhteet ovat tärkeitä',
      body: '<p>Espoo ja Shanghai.</p>',
    });
    expect(fi).toMatchObject({
      storyId: original.id,
      translationOf: original.id,
      series: { id: ids.series },
    });
    const twice = await request('POST', '/api/articles', editor, {
      translationOf: fi.id,
      language: 'sv',
      slug: 'another-sv',
      title: 'Another',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('TRANSLATION_EXISTS');
    const sameSlug = await request('POST', '/api/articles', editor, {
      translationOf: fi.id,
      language: 'en',
      slug: fi.slug,
      title: 'In Asia',
    });
    expect(sameSlug.json().error.code).toBe('SLUG_TAKEN');
    await setStatus(original, 'published');
    const seen = await ok('GET', `/api/articles/${original.id}`, {});
    expect(seen.translations).toEqual([]);
    const insider = await ok('GET', `/api/articles/${original.id}`, viewer);
    expect(insider.translations).toMatchObject([{ id: fi.id, language: 'fi', status: 'draft' }]);
    await setStatus(fi, 'published');
    expect((await ok('GET', `/api/articles/${original.id}`, {})).translations).toMatchObject([
      { id: fi.id, language: 'fi', url: `/articles/${fi.slug}` },
    ]);
  });

  it('link only to published records, and those pages list them back', async () => {
    const internal = await request('POST', '/api/articles', editor, {
      seriesId: ids.series,
      language: 'en',
      slug: 'internal-link',
      title: 'Internal link',
      links: { partnershipIds: [ids.tie, ids.hiddenTie] },
    });
    expect(internal.statusCode).toBe(400);
    expect(internal.json().error.details).toEqual([
      { field: 'body.links.partnershipIds.1', message: `${ids.hiddenTie} is not a published record` },
    ]);
    const article = await draft({ links: { partnershipIds: [ids.tie], placeIds: [ids.espoo] } });
    expect(article.links).toEqual({
      placeIds: [ids.espoo],
      partnershipIds: [ids.tie],
      eventIds: [],
      outcomeIds: [],
      networkIds: [],
    });
    await setStatus(article, 'published');
    const aboutTie = await ok('GET', `/api/articles?partnershipId=${ids.tie}`, {});
    expect(aboutTie.items.map((item: { id: number }) => item.id)).toContain(article.id);
    const aboutPlace = await ok('GET', `/api/articles?placeId=${ids.espoo}&language=sv`, {});
    expect(aboutPlace.items.map((item: { id: number }) => item.id)).toContain(article.id);
    expect((await ok('GET', `/api/articles?placeId=${ids.espoo}&language=en`, {})).items).toEqual([]);
  });

  it('name a published post or a role address for more information, never a private contact point', async () => {
    const privateAddress = await request('POST', '/api/articles', editor, {
      seriesId: ids.series,
      language: 'en',
      slug: 'private-contact',
      title: 'Private contact',
      contact: { email: 'HANNA.private@example.org' },
    });
    expect(privateAddress.statusCode).toBe(400);
    expect(privateAddress.json().error.details[0].field).toBe('body.contact.email');
    const hiddenPerson = await request('POST', '/api/articles', editor, {
      seriesId: ids.series,
      language: 'en',
      slug: 'hidden-contact',
      title: 'Hidden contact',
      contact: { postId: ids.hiddenPost },
    });
    expect(hiddenPerson.statusCode).toBe(400);
    const article = await draft({
      contact: {
        postId: ids.post,
        email: 'international@espoo.example',
        label: { sv: 'Internationella ärenden' },
      },
    });
    await setStatus(article, 'published');
    const seen = await ok('GET', `/api/articles/${article.id}`, {});
    expect(seen.contact).toEqual({
      person: {
        name: 'Hanna Eskelinen',
        role: 'international_affairs_coordinator',
        title: null,
        organizationName: 'City of Espoo',
      },
      postId: null,
      label: { sv: 'Internationella ärenden' },
      email: 'international@espoo.example',
      phone: null,
    });
    expect(JSON.stringify(seen)).not.toContain('hanna.private');
  });
});

describe('what an article may not tell', () => {
  it('whether an address is a private contact point of people the writer may not see', async () => {
    const shanghaiPerson = await ok('POST', '/api/people', otherEditor, {
      name: 'Shanghai Person',
      keeperId: ids.cityOfShanghai,
      posts: [{ organizationId: ids.cityOfShanghai, role: 'other' }],
      contactPoints: [
        { kind: 'email', value: 'shanghai.private@example.org' },
        { kind: 'phone', value: '+86 21 1234 5678' },
      ],
    });
    expect(shanghaiPerson.id).toBeGreaterThan(0);
    const article = await draft({
      contact: { email: 'shanghai.private@example.org', phone: '+862112345678' },
    });
    expect(article.contact.email).toBe('shanghai.private@example.org');
    // The writer's own organisation's contact points are refused, phone numbers compared by their digits.
    const own = await ok('POST', '/api/people', editor, {
      name: 'Espoo Person',
      keeperId: ids.cityOfEspoo,
      posts: [{ organizationId: ids.cityOfEspoo, role: 'other' }],
      contactPoints: [{ kind: 'phone', value: '+358 40 123 4567' }],
    });
    expect(own.id).toBeGreaterThan(0);
    const refused = await request('PATCH', `/api/articles/${article.id}`, editor, {
      version: article.version,
      contact: { phone: '+358401234567' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe('body.contact.phone');
  });

  it('that a record it once linked to exists, once that record is internal', async () => {
    const db = t.database.db;
    const place = await makePlace(db, { name: 'Riga', country: 'LV' });
    const tie = await makePartnership(db, [ids.espoo, place.id], { kind: 'sister_city' });
    const article = await draft({ links: { partnershipIds: [tie.id] } });
    await setStatus(article, 'published');
    const listed = async () =>
      (await ok('GET', `/api/articles?partnershipId=${tie.id}`, {})).items.map(
        (item: { id: number }) => item.id,
      );
    expect(await listed()).toEqual([article.id]);
    const current = await ok('GET', `/api/partnerships/${tie.id}`, admin);
    await ok('PATCH', `/api/partnerships/${tie.id}`, admin, {
      version: current.version,
      visibility: 'internal',
    });
    expect(await listed()).toEqual([]);
    expect((await ok('GET', `/api/articles/${article.id}`, {})).links.partnershipIds).toEqual([]);
  });

  it('a new version of a deleted story, a series of an internal organisation or a date out of range', async () => {
    const article = await draft();
    const deleted = await ok('DELETE', `/api/articles/${article.id}?version=${article.version}`, editor);
    expect(deleted.deletedAt).not.toBeNull();
    const translation = await request('POST', '/api/articles', editor, {
      translationOf: article.id,
      language: 'en',
      slug: `of-deleted-${slugs}`,
      title: 'Of a deleted story',
    });
    expect(translation.statusCode).toBe(400);
    const internal = await makeOrganization(t.database.db, {
      name: 'Internal office',
      visibility: 'internal',
    });
    const series = await request('POST', '/api/series', admin, {
      organizationId: internal.id,
      slug: 'internal-office',
      title: { en: 'Internal office' },
    });
    expect(series.statusCode).toBe(400);
    expect(series.json().error.details[0].field).toBe('body.organizationId');
    const other = await draft();
    const ancient = await setStatus(other, 'published', { publishAt: '0000-01-01T00:00:00Z' });
    expect(ancient.statusCode).toBe(400);
    expect(ancient.json().error.details[0].field).toBe('body.publishAt');
  });
});

describe('feeds', () => {
  it('carry the published articles of a series and of an organisation, one language each', async () => {
    const sv = await draft({ title: 'Vänortsforum i Shanghai' });
    await setStatus(sv, 'published');
    const unpublished = await draft({ title: 'Utkast som inte syns' });
    const en = await draft({ language: 'en', title: 'Twin-town forum in Shanghai' });
    await setStatus(en, 'published');
    const parser = new Parser();
    const rss = await request('GET', `/api/series/${ids.series}/feed.rss?lang=sv`);
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    const parsedRss = await parser.parseString(rss.body);
    expect(parsedRss.title).toBe('Internationella Esbo');
    const titles = parsedRss.items.map((item) => item.title);
    expect(titles).toContain('Vänortsforum i Shanghai');
    expect(titles).not.toContain(unpublished.title);
    expect(titles).not.toContain('Twin-town forum in Shanghai');
    expect(parsedRss.items.find((item) => item.title === sv.title)?.link).toBe(
      `http://localhost:3000/articles/${sv.slug}`,
    );
    const atom = await request('GET', `/api/organizations/${ids.cityOfEspoo}/articles.atom?lang=en`);
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    const parsedAtom = await parser.parseString(atom.body);
    expect(parsedAtom.items.map((item) => item.title)).toEqual(['Twin-town forum in Shanghai']);
    expect((await request('GET', `/api/series/${ids.series}/feed.rss`)).statusCode).toBe(400);
    expect((await request('GET', '/api/series/999999/feed.atom?lang=fi')).statusCode).toBe(404);
  });
});

describe('administrators', () => {
  it('may write any series', async () => {
    const answer = await request('PATCH', `/api/series/${ids.series}`, admin, {
      version: (await ok('GET', `/api/series/${ids.series}`, {})).version,
      description: { en: 'What the City of Espoo does abroad' },
    });
    expect(answer.statusCode).toBe(200);
  });
});
