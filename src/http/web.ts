import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { escapeHtml } from '../features/pages/html.ts';
import { type PublicPage, type RenderedPage, renderHead } from '../features/pages/page.ts';

/** The app's index.html, cut where a rendered page puts its own parts. */
export interface PageTemplate {
  render(page: RenderedPage | undefined): string;
}

/** Reads index.html into a template: the root element's content, the title, the description and the language. */
export function pageTemplate(index: string): PageTemplate {
  const root = /(<div id="root">)[\s\S]*?(<\/div>)(?=\s*(?:<!--|<script|<\/body>|$))/.exec(index);
  if (!root) throw new Error('index.html has no <div id="root">');
  const before = index.slice(0, root.index + root[1]!.length);
  const after = index.slice(root.index + root[0].length - root[2]!.length);
  return {
    render(page) {
      if (!page) return index;
      // Replacer functions: a `$` in a record's text is not a replacement pattern.
      const head = before
        .replace(/<html lang="[^"]*"/, () => `<html lang="${page.lang}"`)
        .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(page.title)}</title>`)
        .replace(/\s*<meta name="description"[^>]*>/, '')
        .replace('</head>', () => `${renderHead(page).value}</head>`);
      return `${head}${page.body.value}${after}`;
    },
  };
}

/**
 * Serves the built web app from `distDir`: hashed assets cached for a year, pre-compressed (.br, .gz) when the
 * client takes them, and index.html for every other GET that is not an API route, so the app's own routes
 * (/places/12, /countries/FI) load on a direct visit. Answers false when there is no build to serve.
 */
export async function registerWeb(
  app: FastifyInstance,
  distDir: string,
  pages: readonly PublicPage[] = [],
): Promise<boolean> {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) return false;
  await app.register(fastifyStatic, {
    root: path.resolve(distDir),
    preCompressed: true,
    index: false,
    wildcard: true,
    setHeaders: (response, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      response.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', { schema: { hide: true } }, (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
  const template = pageTemplate(readFileSync(indexFile, 'utf8'));
  for (const page of pages) {
    app.get(page.path, { schema: { hide: true } }, async (request, reply) => {
      let rendered: RenderedPage | undefined;
      try {
        rendered = await page.render(request);
      } catch (error) {
        // The app renders the page all the same; only readers without JavaScript and link previews go without.
        request.log.warn({ err: error }, 'rendering a public page failed');
      }
      return reply
        .header('cache-control', 'no-cache')
        .header('vary', 'accept-language')
        .type('text/html; charset=utf-8')
        .send(template.render(rendered));
    });
  }
  return true;
}

/** True for requests the web app answers with its index.html: page loads outside /api. */
export function isPageRequest(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const pathname = url.split('?')[0] ?? '';
  if (pathname === '/api' || pathname.startsWith('/api/')) return false;
  // A missing file (/assets/app-1234.js) is a 404, not a page.
  return !path.extname(pathname);
}
