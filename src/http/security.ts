import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export interface SecurityHeadersOptions {
  /** The online map style, when one is configured: the map fetches its style, tiles and glyphs from its origin. */
  mapStyleUrl?: string;
}

/** One year: browsers keep to HTTPS for this long after an answer over TLS. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * The hash of the web app's one inline script, in index.html's head: on the atlas it starts the requests for the
 * network and the land before any of the app's files have come, and it puts the remembered colour theme on the
 * page before the first paint. test/security.test.ts checks it against index.html.
 */
export const INLINE_SCRIPT_HASH = "'sha256-OtBqX9aHvLVC6LHoM2e48AVL5Cy+dncd2knG7ML1PtQ='";

/**
 * The Content-Security-Policy of every answer: the web app, its assets, the API docs and the API itself. The app
 * runs no inline style and one inline script, allowed by its hash; only the map's online style may be fetched
 * from elsewhere.
 */
export function contentSecurityPolicy(options: SecurityHeadersOptions = {}): Record<string, string[]> {
  const mapOrigin = options.mapStyleUrl ? new URL(options.mapStyleUrl).origin : undefined;
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", INLINE_SCRIPT_HASH],
    'script-src-attr': ["'none'"],
    // React and MapLibre set styles through the CSSOM (element.style), which style-src does not govern.
    'style-src': ["'self'"],
    // MapLibre may turn fetched images into blob: URLs; its stylesheet carries small data: images.
    'img-src': ["'self'", 'data:', 'blob:'],
    // The app gives MapLibre its worker script's URL on this origin (setWorkerUrl), so no blob: worker is made.
    'worker-src': ["'self'"],
    'connect-src': mapOrigin && mapOrigin !== 'null' ? ["'self'", mapOrigin] : ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * The API docs' policy (@fastify/swagger-ui sets it on /api/docs): the app's, less the map, with one inline style
 * allowed by its hash, the `<style>` of the Swagger logo that the docs' own logo then replaces. A Swagger UI
 * upgrade that changes it shows up as a violation in the browser tests.
 */
export function apiDocsContentSecurityPolicy(): Record<string, string[]> {
  return {
    ...contentSecurityPolicy(),
    'style-src': ["'self'", "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"],
  };
}

/**
 * Security headers on every answer Fastify routes (API answers, errors, 404s, the web app and its assets, the
 * API docs): the Content-Security-Policy, nosniff, no framing, and a referrer that leaves only the origin. HSTS
 * goes only on answers to requests that came over TLS, directly or, with TRUST_PROXY, through the proxy
 * (X-Forwarded-Proto): a plain-HTTP deployment must not tell browsers to insist on HTTPS.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: SecurityHeadersOptions = {},
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options) },
    frameguard: { action: 'deny' },
    // The online map provider may authorise its key by the page's origin; paths and queries stay here.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    // Not includeSubDomains: the app does not speak for other hosts under its domain.
    if (request.protocol === 'https')
      reply.header('strict-transport-security', `max-age=${HSTS_MAX_AGE_SECONDS}`);
  });
}

/**
 * The headers of answers Fastify gives before any hook runs (a malformed URL, a malformed HTTP request): JSON
 * errors that nothing may render, frame or sniff.
 */
export const BARE_ERROR_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};
