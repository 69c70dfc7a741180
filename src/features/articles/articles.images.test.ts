import { readdir } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { memberHeaders, type SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePlace } from '../../../test/helpers/factories.ts';
import { MULTIPART, multipart } from '../../../test/helpers/multipart.ts';
import { queryRows } from '../../db/query.ts';
import { encodePng } from '../../lib/png.ts';

/**
 * The images of an article's body: uploaded to the story by the series' editors, checked to be the image they
 * claim before they are kept; shown by the body only when they are the story's own; loaded by whoever may read
 * one of the story's versions, and by nobody else while it is a draft.
 */

let t: TestApp;
let editor: SessionHeaders;
let viewer: SessionHeaders;
let otherEditor: SessionHeaders;
let seriesId: number;
let slugs = 0;

const png = (seed: number) => encodePng(20, 10, (x, y) => [(x * 9 + seed) % 256, (y * 20) % 256, seed % 256]);

function upload(articleId: number, content: Buffer, headers: SessionHeaders = editor, type = 'image/png') {
  return t.app.inject({
    method: 'POST',
    url: `/api/articles/${articleId}/images`,
    headers: { ...headers, 'content-type': MULTIPART },
    payload: multipart([{ name: 'file', filename: 'forum.png', type, content }]),
  });
}

async function draft(body = '<p>Text</p>', extra: object = {}) {
  const answer = await t.request('POST', '/api/articles', editor, {
    seriesId,
    language: 'en',
    slug: `forum-${++slugs}`,
    title: 'Twin-town forum',
    body,
    ...extra,
  });
  expect(answer.statusCode, answer.body).toBe(201);
  return answer.json() as { id: number; version: number; body: string };
}

const imageRows = async () =>
  (
    await queryRows<{ count: number }>(t.database.db, sql`select count(*)::int as count from article_images`)
  )[0]!.count;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const espoo = await makePlace(db, { name: 'Espoo' });
  const shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN' });
  const cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
  const cityOfShanghai = await makeOrganization(db, { name: 'City of Shanghai', placeId: shanghai.id });
  editor = await memberHeaders(db, cityOfEspoo.id, 'editor');
  viewer = await memberHeaders(db, cityOfEspoo.id, 'viewer');
  otherEditor = await memberHeaders(db, cityOfShanghai.id, 'editor');
  const series = await t.request('POST', '/api/series', editor, {
    organizationId: cityOfEspoo.id,
    slug: 'international-espoo',
    title: { en: 'International Espoo' },
  });
  seriesId = series.json().id;
});
afterAll(() => t.close());

describe('article images', () => {
  it('are uploaded by the series’ editors only, checked before they are read', async () => {
    const article = await draft();
    const before = await imageRows();
    expect((await upload(article.id, png(1), {})).statusCode).toBe(401);
    expect((await upload(article.id, png(1), viewer)).statusCode).toBe(403);
    expect((await upload(article.id, png(1), otherEditor)).statusCode).toBe(404);
    const svg = await upload(article.id, Buffer.from('<svg onload="alert(1)"/>'), editor, 'image/svg+xml');
    expect(svg.statusCode).toBe(415);
    const pdf = await upload(article.id, Buffer.from('%PDF-1.4\n'), editor, 'application/pdf');
    expect(pdf.statusCode).toBe(415);
    const fake = await upload(article.id, Buffer.from('not a png at all, just text'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.details[0].field).toBe('file');
    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/articles/${article.id}/images`,
      headers: { ...editor, 'content-type': MULTIPART },
      payload: multipart([{ name: 'alt', content: 'A field, not a file' }]),
    });
    expect(empty.statusCode).toBe(400);
    expect((await upload(999_999, png(1))).statusCode).toBe(404);
    expect(await imageRows()).toBe(before);
    const files = (await readdir(t.documentsDir)).filter((name) => !name.startsWith('upload-'));
    expect(files).toHaveLength(0);
  });

  it('are shown by the story’s versions and nothing else, and read by whoever may read the story', async () => {
    const article = await draft();
    const image = await upload(article.id, png(2));
    expect(image.statusCode, image.body).toBe(201);
    const { id, url, width, height } = image.json();
    expect({ url, width, height }).toEqual({ url: `/api/article-images/${id}`, width: 20, height: 10 });

    // A draft's image stays with the series' people.
    expect((await t.app.inject({ url })).statusCode).toBe(404);
    expect((await t.app.inject({ url, headers: otherEditor })).statusCode).toBe(404);
    const own = await t.app.inject({ url, headers: viewer });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.rawPayload.equals(png(2))).toBe(true);

    const body = `<p>Forum</p><img src="${url}" alt="Participants on screen">`;
    const saved = await t.request('PATCH', `/api/articles/${article.id}`, editor, {
      version: article.version,
      body,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().body).toContain(`<img src="${url}" alt="Participants on screen" />`);

    // A translation shares the story's images; another story may not show them, nor any image from elsewhere.
    const translation = await t.request('POST', '/api/articles', editor, {
      translationOf: article.id,
      language: 'fi',
      slug: `foorumi-${++slugs}`,
      title: 'Ystävyyskaupunkifoorumi',
      body: `<img src="${url}" alt="Osallistujat ruudulla">`,
    });
    expect(translation.statusCode, translation.body).toBe(201);
    const other = await t.request('POST', '/api/articles', editor, {
      seriesId,
      language: 'en',
      slug: `other-${++slugs}`,
      title: 'Another story',
      body: `<img src="${url}" alt="Someone else's image">`,
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0]).toMatchObject({ field: 'body.body' });
    const elsewhere = await t.request('POST', '/api/articles', editor, {
      seriesId,
      language: 'en',
      slug: `elsewhere-${++slugs}`,
      title: 'A tracking pixel',
      body: '<img src="https://tracker.example/pixel.png" alt="Nothing">',
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.details[0].message).toMatch(/elsewhere/);
    const huge = await t.request('PATCH', `/api/articles/${article.id}`, editor, {
      version: saved.json().version,
      body: '<img src="/api/article-images/9999999999" alt="Beyond any id">',
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.details[0].message).toMatch(/elsewhere/);

    // Published, anyone loads it; the browser revalidates it with its ETag.
    const published = await t.request('POST', `/api/articles/${article.id}/status`, editor, {
      version: saved.json().version,
      status: 'published',
    });
    expect(published.statusCode, published.body).toBe(200);
    const open = await t.app.inject({ url });
    expect(open.statusCode).toBe(200);
    expect(open.headers['cache-control']).toBe('private, no-cache');
    const again = await t.app.inject({ url, headers: { 'if-none-match': String(open.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const history = await t.request('GET', `/api/articles/${article.id}/history`, editor);
    expect(history.json().items.map((item: { action: string }) => item.action)).toContain('add_image');
  });
});
