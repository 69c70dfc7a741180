import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS_VECTORS } from '../../../test/fixtures/xss-vectors.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Readers } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';
import { makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { MULTIPART, multipart } from '../../../test/helpers/multipart.ts';
import { encodePng } from '../../lib/png.ts';

/**
 * The public pages as a reader without JavaScript, a search engine or a link preview gets them: real content in
 * the page, its title, description, canonical address, language alternates, Open Graph and Twitter tags, feeds
 * and schema.org JSON-LD (expanded with the `jsonld` processor); the sitemaps and robots.txt.
 */

const SCHEMA = 'https://schema.org/';
const BASE = 'http://localhost:3000';
const INDEX =
  '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8" />\n' +
  '    <meta name="description" content="CityBridge: the world atlas" />\n    <title>CityBridge</title>\n' +
  '  </head>\n  <body>\n    <div id="root"><div class="layout"><header class="site-header">CityBridge</header></div></div>\n' +
  '    <script type="module" async src="/assets/app.js"></script>\n  </body>\n</html>\n';

let t: TestApp;
let webDir: string;
let as: Readers;
const ids = {} as Record<
  'espoo' | 'shanghai' | 'cityOfEspoo' | 'tie' | 'series' | 'sv' | 'fi' | 'network',
  number
>;
let slugs = { sv: '', fi: '' };
let imageUrl = '';

const call: TestApp['request'] = (...args) => t.request(...args);
async function ok(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  headers: Record<string, string>,
  body?: object,
) {
  const answer = await call(method, url, headers, body);
  if (answer.statusCode >= 300) throw new Error(`${method} ${url}: ${answer.statusCode} ${answer.body}`);
  return answer.json();
}
const publish = async (article: { id: number; version: number }, publishAt?: string) =>
  ok('POST', `/api/articles/${article.id}/status`, as.editor, {
    version: article.version,
    status: 'published',
    ...(publishAt ? { publishAt } : {}),
  });

/** schema.org's context, as its address would answer: every term in the schema.org vocabulary. */
const documentLoader = async (url: string) => {
  if (!url.startsWith('https://schema.org')) throw new Error(`no document ${url} offline`);
  return { contextUrl: undefined, documentUrl: url, document: { '@context': { '@vocab': SCHEMA } } };
};

/** A page as served, with what its head says. */
async function page(url: string, headers: Record<string, string> = {}) {
  const response = await call('GET', url, headers);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/html');
  const body = response.body;
  const attribute = (pattern: RegExp) => pattern.exec(body)?.[1];
  const scripts = [...body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((match) =>
    JSON.parse(match[1]!),
  );
  return {
    html: body,
    lang: attribute(/<html lang="([^"]+)"/),
    title: attribute(/<title>([^<]*)<\/title>/),
    description: [...body.matchAll(/<meta name="description" content="([^"]*)"/g)].map((match) => match[1]),
    canonical: attribute(/<link rel="canonical" href="([^"]+)"/),
    alternates: Object.fromEntries(
      [...body.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((match) => [
        match[1],
        match[2],
      ]),
    ),
    og: Object.fromEntries(
      [...body.matchAll(/<meta property="(og:[a-z:_]+)" content="([^"]*)"/g)].map((match) => [
        match[1],
        match[2],
      ]),
    ),
    twitter: attribute(/<meta name="twitter:card" content="([^"]+)"/),
    feeds: [
      ...body.matchAll(
        /<link rel="alternate" type="(application\/(?:rss|atom)\+xml)" title="[^"]*" href="([^"]+)"/g,
      ),
    ].map((match) => ({ type: match[1], href: match[2] })),
    jsonLd: scripts,
    root: /<div id="root">([\s\S]*)<\/div>\s*<script/.exec(body)?.[1] ?? '',
  };
}

const expanded = async (data: unknown) =>
  (await jsonld.expand(data as jsonld.JsonLdDocument, { documentLoader })) as Record<string, unknown>[];
const first = (node: Record<string, unknown>, term: string) =>
  (node[`${SCHEMA}${term}`] as { '@value'?: unknown; '@id'?: string; '@type'?: string[] }[] | undefined)?.[0];

beforeAll(async () => {
  webDir = await mkdtemp(path.join(tmpdir(), 'citybridge-pages-'));
  await writeFile(path.join(webDir, 'index.html'), INDEX);
  t = await createTestApp({ webDir });
  const db = t.database.db;
  const cities = await makeEspooAndShanghai(db);
  as = cities.as;
  ids.espoo = cities.espoo.id;
  ids.shanghai = cities.shanghai.id;
  ids.cityOfEspoo = cities.cityOfEspoo.id;
  const tallinn = await makePlace(db, {
    name: 'Tallinn',
    country: 'EE',
    names: [{ name: 'Reval', lang: 'sv' }],
  });
  ids.tie = (
    await makePartnership(db, [ids.espoo, ids.shanghai], { kind: 'twin_town', startedOn: '1998-01-01' })
  ).id;
  await makePartnership(db, [ids.espoo, tallinn.id], { kind: 'cooperation_agreement' });
  ids.network = (
    await ok('POST', '/api/networks', as.admin, {
      kind: 'network',
      name: { en: 'C21', fi: 'C21-kaupungit' },
      description: { en: "Finland's 21 largest cities" },
      secretariatId: ids.cityOfEspoo,
    })
  ).id;
  ids.series = (
    await ok('POST', '/api/series', as.editor, {
      organizationId: ids.cityOfEspoo,
      slug: 'international-espoo',
      title: { fi: 'Kansainvälinen Espoo', sv: 'Internationella Esbo', en: 'International Espoo' },
      description: { sv: 'Vad Esbo gör i världen' },
    })
  ).id;
  const first = await ok('POST', '/api/articles', as.editor, {
    seriesId: ids.series,
    language: 'sv',
    slug: 'i-asien-ar-vanortsforbindelser-viktiga',
    title: 'I Asien är vänortsförbindelser viktiga',
    lead: 'Esbo och Shanghai har varit vänorter i redan 22 år.',
    body: '<p>Esbos Shanghai-samarbete bygger broar mellan Finland och Kina.</p>',
    authorRole: 'international_affairs_coordinator',
    contact: { email: 'international@espoo.example', label: { sv: 'Internationella ärenden' } },
    links: { placeIds: [ids.espoo, ids.shanghai], partnershipIds: [ids.tie], networkIds: [ids.network] },
  });
  const photo = await t.app.inject({
    method: 'POST',
    url: `/api/articles/${first.id}/images`,
    headers: { ...as.editor, 'content-type': MULTIPART },
    payload: multipart([
      {
        name: 'file',
        filename: 'forum.png',
        type: 'image/png',
        content: encodePng(8, 4, () => [0, 90, 200]),
      },
    ]),
  });
  imageUrl = photo.json().url;
  const sv = await ok('PATCH', `/api/articles/${first.id}`, as.editor, {
    version: first.version,
    body: `${first.body}<img src="${imageUrl}" alt="Virtuell gruppbild">`,
  });
  const fi = await ok('POST', '/api/articles', as.editor, {
    translationOf: sv.id,
    language: 'fi',
    slug: 'aasiassa-ystavyyskaupunkisuhteet-ovat-tarkeita',
    title: 'Aasiassa ystävyyskaupunkisuhteet ovat tärkeitä',
    body: '<p>Espoo ja Shanghai ovat olleet ystävyyskaupunkeja jo 22 vuotta.</p>',
  });
  ids.sv = (await publish(sv, '2020-12-18T12:29:00+02:00')).id;
  ids.fi = (await publish(fi, '2020-12-18T12:29:00+02:00')).id;
  slugs = { sv: sv.slug, fi: fi.slug };
});
afterAll(async () => {
  await t.close();
  await rm(webDir, { recursive: true, force: true });
});

describe('an article page', () => {
  it('carries its content, title, description, canonical address, language versions, cards and feeds', async () => {
    const seen = await page(`/articles/${slugs.sv}`);
    expect(seen.lang).toBe('sv');
    expect(seen.title).toBe('I Asien är vänortsförbindelser viktiga – Internationella Esbo');
    expect(seen.description).toEqual(['Esbo och Shanghai har varit vänorter i redan 22 år.']);
    expect(seen.canonical).toBe(`${BASE}/articles/${slugs.sv}`);
    expect(seen.alternates).toEqual({
      sv: `${BASE}/articles/${slugs.sv}`,
      fi: `${BASE}/articles/${slugs.fi}`,
      'x-default': `${BASE}/articles/${slugs.sv}`,
    });
    expect(seen.og).toMatchObject({
      'og:type': 'article',
      'og:title': 'I Asien är vänortsförbindelser viktiga – Internationella Esbo',
      'og:url': `${BASE}/articles/${slugs.sv}`,
      'og:locale': 'sv_FI',
      'og:locale:alternate': 'fi_FI',
      'og:image': `${BASE}${imageUrl}`,
      'og:image:alt': 'Virtuell gruppbild',
    });
    expect(seen.html).toContain(
      '<meta property="article:published_time" content="2020-12-18T10:29:00.000Z" />',
    );
    expect(seen.twitter).toBe('summary_large_image');
    expect(seen.feeds).toEqual([
      { type: 'application/rss+xml', href: `${BASE}/api/series/${ids.series}/feed.rss?lang=sv` },
      { type: 'application/atom+xml', href: `${BASE}/api/series/${ids.series}/feed.atom?lang=sv` },
    ]);
    expect(seen.root).toContain('<h1>I Asien är vänortsförbindelser viktiga</h1>');
    expect(seen.root).toContain('Esbos Shanghai-samarbete bygger broar mellan Finland och Kina.');
    expect(seen.root).toContain('Koordinator för internationella ärenden, City of Espoo');
    expect(seen.root).toContain('<a href="mailto:international@espoo.example">');
    expect(seen.root).toContain(`<a href="/articles/${slugs.fi}" hreflang="fi" lang="fi">Suomi</a>`);
    expect(seen.root).toContain(`<a href="/places/${ids.shanghai}?lang=sv">Shanghai</a>`);
    expect(seen.root).toContain('<time datetime="2020-12-18T10:29:00.000Z">18 december 2020</time>');
    // The app's own description gives way to the page's, and the app's header to the page's content.
    expect(seen.html).not.toContain('the world atlas');
    expect(seen.html).toContain('<script type="module" async src="/assets/app.js"></script>');
  });

  it('says what it is in schema.org terms: a NewsArticle part of its series', async () => {
    const seen = await page(`/articles/${slugs.sv}`);
    const [article] = await expanded(seen.jsonLd[0]);
    expect(article!['@type']).toEqual([`${SCHEMA}NewsArticle`]);
    expect(first(article!, 'headline')?.['@value']).toBe('I Asien är vänortsförbindelser viktiga');
    expect(first(article!, 'inLanguage')?.['@value']).toBe('sv');
    expect(first(article!, 'datePublished')?.['@value']).toBe('2020-12-18T10:29:00.000Z');
    const series = first(article!, 'isPartOf') as Record<string, unknown>;
    expect(series['@type']).toEqual([`${SCHEMA}CreativeWorkSeries`]);
    expect(series['@id']).toBe(`${BASE}/series/international-espoo`);
    expect(first(series, 'name')?.['@value']).toBe('Internationella Esbo');
    const publisher = first(article!, 'publisher') as Record<string, unknown>;
    expect(publisher['@type']).toEqual([`${SCHEMA}GovernmentOrganization`]);
    const translation = first(article!, 'workTranslation') as Record<string, unknown>;
    expect(translation['@id']).toBe(`${BASE}/articles/${slugs.fi}`);
  });

  it('keeps a $ in its texts as it is, not as a replacement pattern', async () => {
    const article = await ok('POST', '/api/articles', as.editor, {
      seriesId: ids.series,
      language: 'en',
      slug: 'costs-in-dollars',
      title: "Costs $$ and $` and $' and $& end",
      lead: "Lead $` $' $& $$ here",
      body: '<p>Body</p>',
    });
    await publish(article);
    const seen = await page('/articles/costs-in-dollars');
    expect(seen.title).toBe('Costs $$ and $` and $&#39; and $&amp; end – International Espoo');
    expect(seen.description).toEqual(['Lead $` $&#39; $&amp; $$ here']);
    expect(seen.html.match(/<html /g)).toHaveLength(1);
    expect(seen.html.match(/<title>/g)).toHaveLength(1);
  });

  it('is the app alone for a draft, an unknown address or a malformed one', async () => {
    const draft = await ok('POST', '/api/articles', as.editor, {
      seriesId: ids.series,
      language: 'en',
      slug: 'draft-story',
      title: 'A draft nobody may read',
    });
    for (const url of [`/articles/${draft.slug}`, '/articles/no-such-article', '/articles/Not_A_Slug']) {
      const seen = await page(url);
      expect(seen.html).not.toContain('A draft nobody may read');
      expect(seen.title).toBe('CityBridge');
      expect(seen.root).toBe('<div class="layout"><header class="site-header">CityBridge</header></div>');
    }
  });
});

describe('a series page', () => {
  it('lists its published articles in the asked language, with alternates for each language', async () => {
    const finnish = await page('/series/international-espoo?lang=fi');
    expect(finnish.lang).toBe('fi');
    expect(finnish.title).toBe('Kansainvälinen Espoo – CityBridge');
    expect(finnish.canonical).toBe(`${BASE}/series/international-espoo?lang=fi`);
    expect(finnish.alternates).toEqual({
      fi: `${BASE}/series/international-espoo?lang=fi`,
      sv: `${BASE}/series/international-espoo?lang=sv`,
      en: `${BASE}/series/international-espoo?lang=en`,
      'x-default': `${BASE}/series/international-espoo`,
    });
    expect(finnish.root).toContain(
      `<a href="/articles/${slugs.fi}">Aasiassa ystävyyskaupunkisuhteet ovat tärkeitä</a>`,
    );
    expect(finnish.feeds.map((feed) => feed.href)).toContain(
      `${BASE}/api/series/${ids.series}/feed.rss?lang=fi`,
    );
    const [series] = await expanded(finnish.jsonLd[0]);
    expect(series!['@type']).toEqual([`${SCHEMA}CreativeWorkSeries`]);
    const empty = await ok('POST', '/api/series', as.editor, {
      organizationId: ids.cityOfEspoo,
      slug: 'espoo-news',
      title: { en: 'Espoo news' },
    });
    const none = await page(`/series/${empty.slug}?lang=en`);
    expect(none.root).toContain('<p>No articles in this language yet.</p>');
    expect(none.root).not.toContain('<ul class="article-list">');
    // Without ?lang=, the reader's browser chooses.
    expect((await page('/series/international-espoo', { 'accept-language': 'sv-FI,sv;q=0.9' })).lang).toBe(
      'sv',
    );
    expect((await page('/series/international-espoo')).lang).toBe('en');
  });
});

describe('a place page', () => {
  it("shows the name in the main language of the place's country beside the reader's", async () => {
    // Shanghai's editor names it in Chinese; the page in Swedish and in English shows both, marked as Chinese.
    await ok('POST', `/api/places/${ids.shanghai}/names`, as.otherEditor, { name: '上海', lang: 'zh' });
    for (const lang of ['sv', 'en']) {
      const seen = await page(`/places/${ids.shanghai}?lang=${lang}`);
      expect(seen.root).toContain('<h1>Shanghai <span class="place-native-name" lang="zh">上海</span></h1>');
    }
    // Espoo's name in Finnish is its name: nothing beside it.
    expect((await page(`/places/${ids.espoo}?lang=en`)).root).toContain('<h1>Espoo</h1>');
  });

  it('gathers its partners by kind, networks and articles, as a City and its government', async () => {
    const seen = await page(`/places/${ids.espoo}?lang=en`);
    expect(seen.title).toBe('Espoo – CityBridge');
    expect(seen.description[0]).toBe('Espoo (Finland): 2 twin towns and partner cities in CityBridge.');
    expect(seen.alternates['x-default']).toBe(`${BASE}/places/${ids.espoo}`);
    expect(seen.root).toContain('<h2 id="ties-twin_town">Twin town (1)</h2>');
    expect(seen.root).toContain(`<a href="/places/${ids.shanghai}?lang=en">Shanghai</a>, China, since 1998`);
    expect(seen.root).toContain('Cooperation agreement (1)');
    // No source gives the Tallinn tie a start: the page says so.
    expect(seen.root).toMatch(/>Tallinn<\/a>, Estonia, date unknown</);
    const expandedAll = (await Promise.all(seen.jsonLd.map(expanded))).flat();
    const city = expandedAll.find((node) => (node['@type'] as string[])[0] === `${SCHEMA}City`)!;
    expect(first(city, 'name')?.['@value']).toBe('Espoo');
    const government = expandedAll.find(
      (node) => (node['@type'] as string[])[0] === `${SCHEMA}GovernmentOrganization`,
    )!;
    expect(first(government, 'name')?.['@value']).toBe('City of Espoo');
    expect(first(government, 'areaServed')?.['@id']).toBe(`${BASE}/places/${ids.espoo}`);
    await ok('POST', '/api/outcomes', as.editor, {
      kind: 'lead',
      achievedOn: '2019-11-10',
      title: { sv: 'Kontakter vid CIIE 2019', en: 'Contacts at CIIE 2019' },
      organizationId: ids.cityOfEspoo,
      visibility: 'published',
    });
    const governments = await page(`/places/${ids.espoo}?lang=sv`);
    expect(governments.root).toContain('<h2 id="government-');
    expect(governments.root).toContain(
      `<h3>Senaste artiklar</h3><ul><li><a href="/articles/${slugs.sv}">I Asien är vänortsförbindelser viktiga</a></li></ul>`,
    );
    expect(governments.root).toContain('<h3>Resultat</h3><ul><li>Kontakter vid CIIE 2019 (2019)</li></ul>');
    const swedish = await page(`/places/${ids.shanghai}?lang=sv`);
    expect(swedish.root).toContain('Artiklar');
    expect(swedish.root).toContain(
      `<a href="/articles/${slugs.sv}">I Asien är vänortsförbindelser viktiga</a>`,
    );
  });

  it('gives an organisation its page: series, networks, events and outcomes, as a GovernmentOrganization', async () => {
    await ok('POST', `/api/networks/${ids.network}/members`, as.admin, { organizationId: ids.cityOfEspoo });
    await ok('POST', '/api/outcomes', as.editor, {
      kind: 'joint_project',
      achievedOn: '2021-03-01',
      title: { sv: 'Avtal om skolsamarbete', en: 'School cooperation agreement' },
      organizationId: ids.cityOfEspoo,
      visibility: 'published',
    });
    const seen = await page(`/organizations/${ids.cityOfEspoo}?lang=sv`);
    expect(seen.lang).toBe('sv');
    expect(seen.title).toBe('City of Espoo – CityBridge');
    expect(seen.canonical).toBe(`${BASE}/organizations/${ids.cityOfEspoo}?lang=sv`);
    expect(seen.alternates.fi).toBe(`${BASE}/organizations/${ids.cityOfEspoo}?lang=fi`);
    expect(seen.root).toContain('<h1>City of Espoo</h1>');
    expect(seen.root).toContain(`<a href="/places/${ids.espoo}?lang=sv">Espoo, Finland</a>`);
    expect(seen.root).toContain('<h2 id="organization-series">Artikelserier</h2>');
    expect(seen.root).toContain(`<a href="/articles/${slugs.sv}">I Asien är vänortsförbindelser viktiga</a>`);
    expect(seen.root).toContain(`<a href="/networks/${ids.network}?lang=sv">C21</a>`);
    expect(seen.root).toContain('<li>Avtal om skolsamarbete (2021)</li>');
    expect(seen.root).toContain(
      `<a href="/places/${ids.espoo}?lang=sv">Espoos vänorter och samarbetsorter</a>`,
    );
    const [organization] = await expanded(seen.jsonLd[0]);
    expect(organization!['@type']).toEqual([`${SCHEMA}GovernmentOrganization`]);
    expect(first(organization!, 'areaServed')?.['@id']).toBe(`${BASE}/places/${ids.espoo}`);
    // An internal organisation has no public page: the app alone answers, and says nothing of it.
    const hidden = await ok('POST', '/api/organizations', as.editor, {
      kind: 'company',
      name: 'Hidden Partner Oy',
      keeperId: ids.cityOfEspoo,
      visibility: 'internal',
    });
    const unseen = await page(`/organizations/${hidden.id}`);
    expect(unseen.html).not.toContain('Hidden Partner');
    expect(unseen.title).toBe('CityBridge');
  });

  it('renders countries, events and networks too', async () => {
    const country = await page('/countries/fi?lang=fi');
    expect(country.title).toBe('Suomi – CityBridge');
    expect(country.root).toContain(`<a href="/places/${ids.espoo}?lang=fi">Espoo</a>`);
    expect((await expanded(country.jsonLd[0]))[0]!['@type']).toEqual([`${SCHEMA}Country`]);
    const network = await page(`/networks/${ids.network}?lang=fi`);
    expect(network.title).toBe('C21-kaupungit – CityBridge');
    expect(network.root).toContain('Artikkeleita');
    const event = await ok('POST', '/api/events', as.otherEditor, {
      kind: 'forum',
      attendanceMode: 'online',
      startsAt: '2020-11-10T14:00:00+08:00',
      endsAt: '2020-11-10T17:00:00+08:00',
      timeZone: 'Asia/Shanghai',
      title: { en: 'Twin-town forum', fi: 'Ystävyyskaupunkifoorumi' },
      hostIds: [(await ok('GET', `/api/organizations?placeId=${ids.shanghai}`, as.admin)).items[0].id],
      visibility: 'published',
    });
    const eventPage = await page(`/events/${event.id}?lang=fi`);
    expect(eventPage.root).toContain('<h1>Ystävyyskaupunkifoorumi</h1>');
    expect((await expanded(eventPage.jsonLd[0]))[0]!['@type']).toEqual([`${SCHEMA}Event`]);
  });
});

describe('text from records', () => {
  it('is never markup in a page: every OWASP filter-evasion example stays text', async () => {
    const vectors = XSS_VECTORS.join(' ');
    const series = await ok('POST', '/api/series', as.editor, {
      organizationId: ids.cityOfEspoo,
      slug: 'xss-series',
      title: { en: vectors.slice(0, 200) },
      description: { en: vectors.slice(0, 2000) },
    });
    const pages: string[] = [`/series/${series.slug}?lang=en`];
    let refused = 0;
    for (const [index, vector] of XSS_VECTORS.entries()) {
      const fields = {
        seriesId: series.id,
        language: 'en',
        slug: `xss-${index}`,
        title: vector.slice(0, 200),
        lead: vector,
        body: `<p>Text</p>${vector}`,
        contact: { label: { en: vector.slice(0, 200) }, email: 'international@espoo.example' },
      };
      let answer = await call('POST', '/api/articles', as.editor, fields);
      if (answer.statusCode === 400) {
        // An image without a text alternative is refused whole; the other fields still carry the example.
        expect(answer.json().error.details[0].field).toBe('body.body');
        refused += 1;
        answer = await call('POST', '/api/articles', as.editor, { ...fields, body: '<p>Text</p>' });
      }
      expect(answer.statusCode, answer.body).toBe(201);
      await publish(answer.json());
      pages.push(`/articles/${answer.json().slug}`);
    }
    expect(refused).toBeLessThan(XSS_VECTORS.length / 2);
    for (const url of pages) {
      const seen = await page(url);
      const scripts = [...seen.html.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]);
      expect(
        scripts.every(
          (tag) => tag === '<script type="application/ld+json">' || tag.includes('/assets/app.js'),
        ),
      ).toBe(true);
      // No element of the page carries an event handler, a script address or an element that runs or loads code.
      // The page's markup quotes every attribute value with " and escapes " inside one.
      const tags = [...seen.html.matchAll(/<([a-z][a-z0-9:-]*)((?:\s+[a-z:-]+(?:="[^"]*")?)*)\s*\/?>/gi)];
      const stray = seen.html.replace(/<([a-z][a-z0-9:-]*)((?:\s+[a-z:-]+(?:="[^"]*")?)*)\s*\/?>/gi, '');
      // Once the well-formed tags are taken away, no "<" that starts a tag is left: the rest is text.
      expect(stray).not.toMatch(/<[a-z]/i);
      for (const [, name, attributes] of tags) {
        expect(name!.toLowerCase()).not.toMatch(
          /^(iframe|object|embed|frame|frameset|base|style|svg|math|form|input)$/,
        );
        for (const [, attribute, value = ''] of attributes!.matchAll(/\s+([a-z:-]+)(?:="([^"]*)")?/gi)) {
          expect(attribute!.toLowerCase()).not.toMatch(/^on/);
          if (/^(href|src|action|background|data|content)$/i.test(attribute!))
            expect(value.trim()).not.toMatch(/^(javascript|vbscript|data):/i);
        }
      }
    }
  });
});

describe('search engines', () => {
  it('find every public page with its language versions in the sitemaps, and robots.txt names them', async () => {
    const robots = await call('GET', '/robots.txt');
    expect(robots.headers['content-type']).toContain('text/plain');
    expect(robots.body).toContain(`Sitemap: ${BASE}/sitemap.xml`);
    expect(robots.body).toContain('Disallow: /workspace');
    const index = await call('GET', '/sitemap.xml');
    expect(index.headers['content-type']).toContain('application/xml');
    const files = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    expect(files).toEqual([`${BASE}/sitemaps/pages.xml`, `${BASE}/sitemaps/places-1.xml`]);
    const pages = (await call('GET', '/sitemaps/pages.xml')).body;
    expect(pages).toContain(`<loc>${BASE}/articles/${slugs.sv}</loc>`);
    expect(pages).toContain(
      `<xhtml:link rel="alternate" hreflang="fi" href="${BASE}/articles/${slugs.fi}"/>`,
    );
    expect(pages).toContain(`<loc>${BASE}/series/international-espoo?lang=sv</loc>`);
    expect(pages).toContain(`<loc>${BASE}/countries/FI?lang=fi</loc>`);
    expect(pages).toContain(`<loc>${BASE}/networks/${ids.network}?lang=en</loc>`);
    expect(pages).toContain(`<loc>${BASE}/organizations/${ids.cityOfEspoo}?lang=fi</loc>`);
    expect(pages).toContain(`<loc>${BASE}/downloads?lang=sv</loc>`);
    expect(pages).not.toContain('draft-story');
    const places = (await call('GET', '/sitemaps/places-1.xml')).body;
    expect(places).toContain(`<loc>${BASE}/places/${ids.espoo}?lang=fi</loc>`);
    expect(places).toContain(
      `<xhtml:link rel="alternate" hreflang="x-default" href="${BASE}/places/${ids.espoo}"/>`,
    );
    expect((await call('GET', '/sitemaps/places-2.xml')).statusCode).toBe(404);
    expect((await call('GET', '/sitemaps/other.xml')).statusCode).toBe(404);
  });
});
