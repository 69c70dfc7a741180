import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A page whose index.html carries more in its head (an event's JSON-LD): `head` answers it, or nothing. */
export interface PageHead {
  /** The page's route, as Fastify writes it: /events/:id */
  path: string;
  head(request: FastifyRequest): Promise<string | undefined>;
}

/**
 * Serves the built web app from `distDir`: hashed assets cached for a year, pre-compressed (.br, .gz) when the
 * client takes them, and index.html for every other GET that is not an API route, so the app's own routes
 * (/places/12, /countries/FI) load on a direct visit. Answers false when there is no build to serve.
 */
export async function registerWeb(
  app: FastifyInstance,
  distDir: string,
  pageHeads: readonly PageHead[] = [],
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
  const index = readFileSync(indexFile, 'utf8');
  for (const page of pageHeads) {
    app.get(page.path, { schema: { hide: true } }, async (request, reply) => {
      const head = await page.head(request);
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(head ? index.replace('</head>', `${head}</head>`) : index);
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
