import { BlockList, isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import * as z from 'zod';
import { AppError, errorResponseSchema } from '../core/errors.ts';
import type { Database, PoolUse } from '../db/client.ts';
import { SIGN_IN_REFUSALS, signInRefusals } from '../features/auth/auth.sessions.service.ts';
import { importsEnded } from '../features/imports/imports.service.ts';
import type { ReadModels } from '../features/registry/read-models.ts';

export const METRICS_PATH = '/api/metrics';

/** The route label of requests that matched no route: one value, whatever URL was asked for. */
const UNMATCHED = 'unmatched';

/** Headers that say a proxy forwarded the request; Fastify reads only X-Forwarded-For, from trusted proxies. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

export interface MetricsOptions {
  database: Database;
  readModels: ReadModels;
  /** The client addresses and ranges (`10.0.0.0/8`) that may read the metrics; none turns the endpoint off. */
  allow: readonly string[];
}

let processRegistry: Registry | undefined;

/**
 * The process's own metrics (memory, heap, event-loop lag, GC), collected once per process: they describe the
 * process, not an app, and each collection starts observers that are never stopped.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'citybridge_' });
  }
  return processRegistry;
}

function allowList(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [address = '', bits] = range.split('/');
    const version = isIP(address);
    if (version === 0) throw new Error(`Not an address or range: ${range}`);
    const family = version === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

/**
 * Whether the client may read the metrics: its address (`request.ip`, as TRUST_PROXY lets Fastify work it out)
 * is allowed, and the request carries no forwarding headers that were not believed. Otherwise a proxy on the
 * same machine that the server does not trust would pass every client off as 127.0.0.1.
 */
function mayRead(request: FastifyRequest, allowed: BlockList): boolean {
  const forwarded = FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined);
  // More than the socket's address: a trusted proxy's X-Forwarded-For was read.
  if (forwarded && (request.ips?.length ?? 0) < 2) return false;
  // An IPv4 client on a dual-stack socket arrives as ::ffff:127.0.0.1.
  const address = request.ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const version = isIP(address);
  return version !== 0 && allowed.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/**
 * GET /api/metrics in the Prometheus text format, for the addresses `allow` lets in (403 METRICS_FORBIDDEN for
 * others), with one registry per app: HTTP requests by route pattern, the database pool, the read models, import
 * runs and refused sign-ins, and the process's own metrics. Register it before the hooks that do work for a
 * request (authentication), so that a refused client gets nothing else done. Without addresses to allow, the
 * endpoint is off: no route, nothing counted.
 */
export function registerMetrics(app: FastifyInstance, options: MetricsOptions): void {
  if (options.allow.length === 0) return;
  const allowed = allowList(options.allow);
  const { database, readModels } = options;
  const registry = new Registry();
  const registers = [registry];

  const httpLabels = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: 'citybridge_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern (unmatched for none) and status code.',
    labelNames: httpLabels,
    registers,
  });
  const durations = new Histogram({
    name: 'citybridge_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to answering it, by method, route pattern and status code.',
    labelNames: httpLabels,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  // Every request, the scrapes too: one series of their own, which shows whether and how often scraping works.
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED,
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
  });

  new Gauge({
    name: 'citybridge_db_info',
    help: 'The database engine: pglite (embedded, one connection) or postgres (a node-postgres pool).',
    labelNames: ['engine'],
    registers,
  }).set({ engine: database.engine }, 1);
  if (database.poolUse) {
    const poolUse = database.poolUse.bind(database);
    const poolGauge = (name: string, help: string, read: (use: PoolUse) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read(poolUse()));
        },
      });
    poolGauge(
      'citybridge_db_pool_connections',
      'Connections the pool holds open, busy or idle.',
      (use) => use.total,
    );
    poolGauge('citybridge_db_pool_idle_connections', 'Open connections no one is using.', (use) => use.idle);
    poolGauge(
      'citybridge_db_pool_waiting_requests',
      'Requests for a connection waiting because every connection is busy.',
      (use) => use.waiting,
    );
    poolGauge('citybridge_db_pool_max_connections', 'The most connections the pool opens.', (use) => use.max);
  }

  new Counter({
    name: 'citybridge_read_model_reads_total',
    help: 'Reads of the in-memory read models by kind: result hit (served from memory) or miss (waited for a build).',
    labelNames: ['kind', 'result'],
    registers,
    collect() {
      this.reset();
      for (const [kind, counts] of readModels.counted()) {
        this.inc({ kind, result: 'hit' }, counts.hits);
        this.inc({ kind, result: 'miss' }, counts.misses);
      }
    },
  });
  new Counter({
    name: 'citybridge_read_model_builds_total',
    help: 'Builds of the read models by kind: the first one and each rebuild after a change.',
    labelNames: ['kind'],
    registers,
    collect() {
      this.reset();
      for (const [kind, counts] of readModels.counted()) this.inc({ kind }, counts.builds);
    },
  });
  if (database.embeddedMemoryBytes) {
    const embeddedMemoryBytes = database.embeddedMemoryBytes.bind(database);
    new Gauge({
      name: 'citybridge_pglite_memory_bytes',
      help: "PGlite's WebAssembly memory: the embedded PostgreSQL's memory, which grows and never shrinks.",
      registers,
      collect() {
        this.set(embeddedMemoryBytes());
      },
    });
  }
  new Gauge({
    name: 'citybridge_read_models_bytes',
    help: 'About how much memory the values of the read models take (an estimate from their buffers and strings).',
    registers,
    collect() {
      this.set(readModels.heldBytes());
    },
  });
  new Gauge({
    name: 'citybridge_read_models',
    help: 'Read models held in memory.',
    registers,
    collect() {
      this.set(readModels.size);
    },
  });

  const imports = new Counter({
    name: 'citybridge_import_runs_total',
    help: 'Imports that ended, by kind (world, spreadsheet, wikidata-refresh) and outcome (succeeded, failed, refused).',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  const refusals = new Counter({
    name: 'citybridge_sign_in_refusals_total',
    help: 'Refused sign-ins by reason: unknown_user, wrong_password, disabled_user, rate_limited (the address) or locked_out (the account).',
    labelNames: ['reason'],
    registers,
  });
  for (const reason of SIGN_IN_REFUSALS) refusals.inc({ reason }, 0);
  // Messages name their database: several apps in one process (tests) each count their own.
  const unsubscribe = [
    importsEnded.subscribe((event) => {
      if (event.db === database.db) imports.inc({ kind: event.kind, outcome: event.outcome });
    }),
    signInRefusals.subscribe((event) => {
      if (event.db === database.db) refusals.inc({ reason: event.reason });
    }),
  ];
  app.addHook('onClose', async () => {
    for (const stop of unsubscribe) stop();
  });

  const scraped = Registry.merge([processMetrics(), registry]);
  // Before authentication and everything else a request does: the address decides first.
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url !== METRICS_PATH || mayRead(request, allowed)) return;
    throw new AppError('METRICS_FORBIDDEN', 'The metrics are not served to this client');
  });
  app.get(
    METRICS_PATH,
    {
      schema: {
        tags: ['system'],
        summary: 'Metrics for Prometheus',
        description:
          'The Prometheus text format: HTTP requests by route pattern and their durations, the database pool, the ' +
          'read models (hits, misses, builds), import runs, refused sign-ins and the process (memory, event-loop ' +
          'lag, GC), every name prefixed `citybridge_`. Only for the client addresses METRICS_ALLOW lets in ' +
          '(this machine without it); others get 403 METRICS_FORBIDDEN, and so does a request forwarded by a ' +
          'proxy that TRUST_PROXY does not trust.',
        response: {
          200: {
            description: 'The metrics',
            content: { 'text/plain': { schema: z.string().describe('Prometheus text format 0.0.4') } },
          },
          403: errorResponseSchema,
        },
      },
    },
    async (_request, reply) => {
      const text = await scraped.metrics();
      return reply.header('cache-control', 'no-store').type(scraped.contentType).send(text);
    },
  );
}
