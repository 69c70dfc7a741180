/**
 * Server-rendered public pages on the imported world data: a place page (the 200 places with the most partners,
 * Shanghai's hundred among them) and an article page (a story with three language versions and links), through the
 * app's own routes serving the real web build, as the search figures are taken; p50 / p95 and the bytes sent, plain
 * and gzipped, next to the app's static index.html in the same run.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { queryRows } from '../src/db/query.ts';
import { importWorld } from '../src/features/imports/world/world.import.ts';
import { ensureWebBuild, WEB_DIST_DIR } from '../src/http/web-build.ts';
import { benchAdminHeaders, ms, percentile, printOnEngines } from './figures.ts';

export interface PageFigures {
  index: Timing;
  place: Timing;
  article: Timing;
}

interface Timing {
  p50: number;
  p95: number;
  bytes: number;
  gzipBytes: number;
}

export async function pageBenchmarks(database: Database): Promise<PageFigures> {
  // BENCH_WEB_DIR: a web build made beforehand, so that the benchmark does not build one of its own.
  const webDir = process.env.BENCH_WEB_DIR ?? WEB_DIST_DIR;
  if (!process.env.BENCH_WEB_DIR) await ensureWebBuild({ info: () => {}, warn: () => {} });
  const app = await buildApp({ database, webDir, publicUrl: 'https://citybridge.example' });
  await app.ready();
  try {
    const headers = await benchAdminHeaders(database, 'pages');
    const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await app.inject({ method, url, headers, payload });
      if (response.statusCode >= 300)
        throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    const places = (
      await queryRows<{ id: number }>(
        database.db,
        sql`select id from places where merged_into_id is null order by partner_count desc, id limit 200`,
      )
    ).map((row) => Number(row.id));
    const organization = await call('POST', '/api/organizations', {
      kind: 'city_government',
      name: 'Bench city',
      placeId: places[0],
    });
    const suffix = randomBytes(3).toString('hex');
    const series = await call('POST', '/api/series', {
      organizationId: organization.id,
      slug: `bench-series-${suffix}`,
      title: { en: 'Bench series', fi: 'Testisarja', sv: 'Testserie' },
    });
    const paragraph =
      '<p>Twin towns since 1998: the tie opens doors and helps with sustainable development.</p>';
    const story = await call('POST', '/api/articles', {
      seriesId: series.id,
      language: 'en',
      slug: `bench-story-${suffix}`,
      title: 'In Asia, twin-town ties matter',
      lead: 'Espoo and Shanghai have been twin towns for 22 years.',
      body: paragraph.repeat(12),
      authorRole: 'international_affairs_coordinator',
      contact: { email: 'international.affairs@example.org' },
      links: { placeIds: places.slice(0, 5) },
    });
    const slugs = [story.slug as string];
    for (const language of ['fi', 'sv']) {
      const version = await call('POST', '/api/articles', {
        translationOf: story.id,
        language,
        slug: `bench-story-${language}-${suffix}`,
        title: `In Asia (${language})`,
        body: paragraph.repeat(12),
      });
      slugs.push(version.slug);
      await call('POST', `/api/articles/${version.id}/status`, {
        version: version.version,
        status: 'published',
      });
    }
    await call('POST', `/api/articles/${story.id}/status`, { version: story.version, status: 'published' });

    const time = async (urls: string[], rounds: number): Promise<Timing> => {
      for (const url of urls) await app.inject({ url }); // warm-up pass
      const timings: number[] = [];
      let body = '';
      for (let round = 0; round < rounds; round += 1)
        for (const url of urls) {
          const started = performance.now();
          const response = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
          timings.push(performance.now() - started);
          if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
          if (url === urls[0]) body = response.body;
        }
      const sorted = timings.sort((a, b) => a - b);
      return {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        bytes: Buffer.byteLength(body),
        gzipBytes: gzipSync(body).length,
      };
    };
    return {
      index: await time(['/'], 200),
      place: await time(
        places.map((id) => `/places/${id}?lang=en`),
        1,
      ),
      article: await time(
        slugs.map((slug) => `/articles/${slug}`),
        60,
      ),
    };
  } finally {
    await app.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The figures as the bench prints them: measure, figure, target. */
export function pageRows(figures: PageFigures): [string, string, string][] {
  const row = (timing: Timing) =>
    `${ms(timing.p50)} / ${ms(timing.p95)}; ${kb(timing.bytes)} (${kb(timing.gzipBytes)} gzipped)`;
  return [
    ['static index.html p50 / p95; bytes (baseline)', row(figures.index), 'baseline'],
    [
      'server-rendered place page p50 / p95 (200 places); bytes of the first',
      row(figures.place),
      'p95 ≤ 30 ms on PGlite',
    ],
    ['server-rendered article page p50 / p95; bytes', row(figures.article), 'p95 ≤ 30 ms on PGlite'],
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await printOnEngines('Public pages', async (database) => pageRows(await pageBenchmarks(database)), {
    pgliteFrom: process.env.CITYBRIDGE_DATA_DIR,
    prepare: async (database, engine) => {
      process.stderr.write(`Importing the world data on ${engine}\n`);
      await importWorld(database);
    },
  });
