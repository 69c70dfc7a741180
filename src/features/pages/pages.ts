import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.ts';
import { SLUG_PATTERN } from '../articles/articles.constants.ts';
import { baseUrlOf } from '../auth/users.routes.ts';
import { renderArticlePage, renderSeriesPage } from './articles.page.ts';
import { renderOrganizationPage } from './organization.page.ts';
import type { PublicPage, RenderedPage } from './page.ts';
import { PAGE_LANGUAGES, type PageLanguage } from './pages.texts.ts';
import { renderCountryPage, renderEventPage, renderNetworkPage, renderPlacePage } from './registry.page.ts';

const isLanguage = (value: unknown): value is PageLanguage =>
  typeof value === 'string' && (PAGE_LANGUAGES as readonly string[]).includes(value);

/** The language a page is rendered in: `?lang=`, else the reader's browser's (Accept-Language), else English. */
export function pageLanguage(request: FastifyRequest): PageLanguage {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLanguage(asked)) return asked;
  for (const range of (request.headers['accept-language'] ?? '').split(',')) {
    const base = range.trim().split(/[-;]/)[0]?.toLowerCase();
    if (isLanguage(base)) return base;
    if (base === 'nb' || base === 'nn' || base === 'no' || base === 'da') return 'sv';
  }
  return 'en';
}

/** A positive 32-bit id from a route's parameter, or undefined. */
function idParam(request: FastifyRequest): number | undefined {
  const id = Number((request.params as { id?: string }).id);
  return Number.isInteger(id) && id >= 1 && id <= 2_147_483_647 ? id : undefined;
}

const SLUG = new RegExp(SLUG_PATTERN);

function slugParam(request: FastifyRequest): string | undefined {
  const slug = (request.params as { slug?: string }).slug ?? '';
  return SLUG.test(slug) && slug.length <= 120 ? slug : undefined;
}

/** The public pages the server renders: place, country, event, network, organisation, article and series. */
export function publicPages(db: DbOrTx, publicUrl: string | undefined): PublicPage[] {
  const page = (
    path: string,
    render: (
      request: FastifyRequest,
      lang: PageLanguage,
      baseUrl: string,
    ) => Promise<RenderedPage | undefined>,
  ): PublicPage => ({
    path,
    render: (request) => render(request, pageLanguage(request), baseUrlOf(request, publicUrl)),
  });
  const byId =
    (
      render: (
        db: DbOrTx,
        id: number,
        lang: PageLanguage,
        baseUrl: string,
      ) => Promise<RenderedPage | undefined>,
    ) =>
    async (request: FastifyRequest, lang: PageLanguage, baseUrl: string) => {
      const id = idParam(request);
      return id === undefined ? undefined : render(db, id, lang, baseUrl);
    };
  return [
    page('/places/:id', byId(renderPlacePage)),
    page('/events/:id', byId(renderEventPage)),
    page('/networks/:id', byId(renderNetworkPage)),
    page('/organizations/:id', byId(renderOrganizationPage)),
    page('/countries/:code', (request, lang, baseUrl) =>
      renderCountryPage(db, ((request.params as { code?: string }).code ?? '').toUpperCase(), lang, baseUrl),
    ),
    page('/articles/:slug', async (request, _lang, baseUrl) => {
      const slug = slugParam(request);
      return slug === undefined ? undefined : renderArticlePage(db, slug, baseUrl);
    }),
    page('/series/:slug', async (request, lang, baseUrl) => {
      const slug = slugParam(request);
      return slug === undefined ? undefined : renderSeriesPage(db, slug, lang, baseUrl);
    }),
  ];
}
