import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { XSS_VECTORS } from '../fixtures/xss-vectors.ts';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

/**
 * The public pages in a real browser: with JavaScript off they show their content and carry their head (title,
 * canonical address, Open Graph, JSON-LD); every page type is axe clean in fi, sv and en, as the server renders it
 * and in the app; and the OWASP filter-evasion examples sent through every text field of an article and a series
 * run nowhere, neither in the server's page nor once the app has taken it over, even with the
 * Content-Security-Policy out of the way (so that the escaping, not the policy, is what is tested).
 */

const workspace = setUpDemoWorkspace();
let api: APIRequestContext;
let headers: Record<string, string>;
const pages = {} as Record<
  'article' | 'series' | 'place' | 'country' | 'event' | 'network' | 'organization',
  string
>;
const xssPages: string[] = [];

async function json<T>(answer: Awaited<ReturnType<APIRequestContext['get']>>, status = 200): Promise<T> {
  expect(answer.status(), await answer.text()).toBe(status);
  return (await answer.json()) as T;
}

beforeAll(async () => {
  const { server, browser, coordinator, partnershipId } = workspace;
  const context = await browser.newContext();
  api = context.request;
  const { csrfToken } = await json<{ csrfToken: string }>(
    await api.post(`${server.url}/api/auth/sign-in`, {
      data: { email: coordinator.email, password: coordinator.password },
    }),
  );
  headers = { 'x-csrf-token': csrfToken };
  const tie = await json<{ parties: { placeId: number; name: string }[] }>(
    await api.get(`${server.url}/api/partnerships/${partnershipId}`),
  );
  const espoo = tie.parties.find((party) => party.name === 'Espoo')!;
  const events = await json<{ items: { id: number; title: { en: string } }[] }>(
    await api.get(`${server.url}/api/events?when=past`),
  );
  const networks = await json<{ items: { id: number }[] }>(await api.get(`${server.url}/api/networks`));
  pages.article = '/articles/i-asien-ar-vanortsforbindelser-viktiga';
  pages.series = '/series/international-espoo?lang=fi';
  pages.place = `/places/${espoo.placeId}?lang=sv`;
  pages.country = '/countries/FI?lang=en';
  pages.event = `/events/${events.items.find((event) => /forum/i.test(event.title.en))!.id}?lang=en`;
  pages.network = `/networks/${networks.items[0]!.id}?lang=fi`;

  const series = await json<{ id: number; organizationId: number }>(
    await api.get(`${server.url}/api/series/by-slug/international-espoo`),
  );
  pages.organization = `/organizations/${series.organizationId}?lang=sv`;
  const xssSeries = await json<{ id: number; slug: string }>(
    await api.post(`${server.url}/api/series`, {
      headers,
      data: {
        organizationId: series.organizationId,
        slug: 'xss-examples',
        title: { en: XSS_VECTORS.join(' ').slice(0, 200) },
        description: { en: XSS_VECTORS.join(' ').slice(0, 2000) },
      },
    }),
    201,
  );
  xssPages.push(`/series/${xssSeries.slug}?lang=en`);
  for (const [index, vector] of XSS_VECTORS.entries()) {
    const fields = {
      seriesId: xssSeries.id,
      language: 'en',
      slug: `xss-example-${index}`,
      title: vector.slice(0, 200),
      lead: vector,
      body: `<p>Text</p>${vector}`,
      contact: { label: { en: vector.slice(0, 200) }, email: 'role@example.org' },
    };
    let answer = await api.post(`${server.url}/api/articles`, { headers, data: fields });
    // An image without a text alternative is refused whole; the other fields still carry the example.
    if (answer.status() === 400)
      answer = await api.post(`${server.url}/api/articles`, {
        headers,
        data: { ...fields, body: '<p>Text</p>' },
      });
    const article = await json<{ id: number; version: number; slug: string }>(answer, 201);
    await json(
      await api.post(`${server.url}/api/articles/${article.id}/status`, {
        headers,
        data: { version: article.version, status: 'published' },
      }),
    );
    xssPages.push(`/articles/${article.slug}`);
  }
});

async function openWithoutScripts(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  return context.newPage();
}

describe('public pages without JavaScript', () => {
  it('show their content and carry their head', async () => {
    const page = await openWithoutScripts(workspace.browser);
    const expected: Record<keyof typeof pages, { heading: RegExp; type: string }> = {
      article: { heading: /I Asien är vänortsförbindelser viktiga/, type: 'NewsArticle' },
      series: { heading: /Kansainvälinen Espoo/, type: 'CreativeWorkSeries' },
      place: { heading: /Espoo|Esbo/, type: 'City' },
      country: { heading: /Finland/, type: 'Country' },
      event: { heading: /forum/i, type: 'Event' },
      network: { heading: /C21/, type: 'Organization' },
      organization: { heading: /Espoo/, type: 'GovernmentOrganization' },
    };
    for (const [name, url] of Object.entries(pages) as [keyof typeof pages, string][]) {
      await page.goto(`${workspace.server.url}${url}`);
      await expect(page.locator('h1').first().textContent()).resolves.toMatch(expected[name].heading);
      expect(await page.title()).not.toBe('CityBridge');
      const head = await page.evaluate(() => ({
        canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
        ogTitle: document.querySelector('meta[property="og:title"]')?.getAttribute('content'),
        alternates: document.querySelectorAll('link[rel="alternate"][hreflang]').length,
        jsonLd: Array.from(document.querySelectorAll('script[type="application/ld+json"]')).map(
          (script) => JSON.parse(script.textContent ?? '{}')['@type'] as string,
        ),
      }));
      expect(head.canonical, url).toMatch(/^http/);
      expect(head.ogTitle, url).toBeTruthy();
      expect(head.alternates, url).toBeGreaterThanOrEqual(2);
      expect(head.jsonLd, url).toContain(expected[name].type);
    }
    await page.goto(`${workspace.server.url}${pages.article}`);
    const articleFeeds = await page.evaluate(() =>
      Array.from(document.querySelectorAll('link[rel="alternate"][type]')).map((link) =>
        link.getAttribute('type'),
      ),
    );
    expect(articleFeeds).toEqual(['application/rss+xml', 'application/atom+xml']);
    await page.context().close();
  });
});

describe('every public page type in fi, sv and en', () => {
  it('is accessible (axe) as the server renders it, before any of the app runs', async () => {
    const context = await workspace.browser.newContext({ locale: 'en-GB' });
    // The app's code never arrives: what is checked is the page a reader without JavaScript gets, with its styles.
    await context.route(/\.m?js(\?.*)?$/, (route) => route.abort());
    const page = await context.newPage();
    for (const [name, url] of Object.entries(pages)) {
      for (const lang of ['fi', 'sv', 'en']) {
        const address = new URL(`${workspace.server.url}${url}`);
        address.searchParams.set('lang', lang);
        await page.goto(address.toString());
        // The server's frame, not the app's: its main is the public page's.
        await expect(page.locator('main.public-page h1').count(), `${name} ${lang}`).resolves.toBe(1);
        expect(await axeViolations(page), `${name} ${lang} without the app`).toEqual([]);
      }
    }
    await context.close();
  }, 240_000);

  it('is accessible (axe) in the app', async () => {
    const page = await workspace.newPage();
    for (const [name, url] of Object.entries(pages)) {
      for (const lang of ['fi', 'sv', 'en']) {
        const address = new URL(`${workspace.server.url}${url}`);
        address.searchParams.set('lang', lang);
        await page.goto(address.toString());
        await page.waitForLoadState('networkidle');
        await page.locator('main h1').first().waitFor();
        expect(await axeViolations(page), `${name} ${lang}`).toEqual([]);
      }
    }
    await page.context().close();
  }, 240_000);
});

/** What in the page could run: calls to the probe, script elements, event-handler attributes, script addresses. */
async function executable(page: Page) {
  return page.evaluate(() => {
    for (const element of Array.from(document.querySelectorAll('body *')))
      for (const type of ['mouseover', 'mouseenter', 'focus', 'click', 'toggle'])
        element.dispatchEvent(new Event(type, { bubbles: false }));
    const elements = Array.from(document.querySelectorAll('*'));
    return {
      calls: (window as unknown as { __xssCalls?: number }).__xssCalls ?? 0,
      // The page's own inline script (allowed by its hash) is known by what it does; any other is the finding.
      scripts: Array.from(document.querySelectorAll('script'))
        .filter((script) => script.type !== 'application/ld+json' && !script.src)
        .filter((script) => !script.text.includes("localStorage.getItem('citybridge.theme')"))
        .map((script) => script.outerHTML.slice(0, 80)),
      handlers: elements.flatMap((element) =>
        Array.from(element.attributes)
          .filter((attribute) => /^on/i.test(attribute.name))
          .map(() => element.tagName),
      ),
      addresses: elements.flatMap((element) =>
        ['href', 'src', 'action', 'formaction', 'background', 'data']
          .map((name) => element.getAttribute(name) ?? '')
          .filter((value) => /^\s*(javascript|vbscript|data):/i.test(value)),
      ),
      dangerous: document.querySelectorAll(
        'body iframe, body object, body embed, body frame, body base, body svg script',
      ).length,
    };
  });
}

describe('OWASP filter-evasion examples in every text field', () => {
  for (const scripts of [false, true]) {
    it(`run nowhere in the page ${scripts ? 'once the app has taken it over' : 'the server renders'}`, async () => {
      const context = await workspace.browser.newContext({
        javaScriptEnabled: scripts,
        bypassCSP: true,
        locale: 'en-GB',
      });
      await context.addInitScript(() => {
        (window as unknown as { __xss: () => void }).__xss = () => {
          const probe = window as unknown as { __xssCalls?: number };
          probe.__xssCalls = (probe.__xssCalls ?? 0) + 1;
        };
      });
      const page = await context.newPage();
      for (const url of xssPages) {
        await page.goto(`${workspace.server.url}${url}`);
        if (scripts) {
          await page.waitForLoadState('networkidle');
          // The app has replaced the server's content: the page's heading is its own.
          await page.locator('main h1').first().waitFor();
        }
        const found = await executable(page);
        expect(found, url).toEqual({ calls: 0, scripts: [], handlers: [], addresses: [], dangerous: 0 });
      }
      await context.close();
    }, 240_000);
  }
});
