import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { historyResponseSchema, versionQuerySchema, versionSchema } from '../../core/schemas.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import {
  getRecord,
  type LoadedRecord,
  type RecordType,
  recordHistory,
  setRecordDeleted,
} from './records.service.ts';

type App = Parameters<FastifyPluginAsyncZod>[0];

/** The error answers of a read: a malformed id, or a record that does not exist or that the reader may not see. */
export const readErrorResponses = { 400: errorResponseSchema, 404: errorResponseSchema };

/** What the API documentation says of one route. */
export interface RouteDocs {
  summary: string;
  description?: string;
}

/**
 * The routes of a kept record: where they are, the record's type and schemas, what the documentation says of
 * each route, and the service calls that apply the record's own rules to a create and an update.
 */
export interface RecordRoutes<Loaded extends LoadedRecord, Response, CreateBody, UpdateBody> {
  /** The collection: `/api/organizations`; each record is at `/api/organizations/:id`. */
  path: string;
  tags: string[];
  type: RecordType<Loaded, Response, unknown, unknown>;
  params: z.ZodType<{ id: number }, unknown>;
  /** The record as the API answers it. */
  record: z.ZodType;
  read: RouteDocs;
  create: RouteDocs & {
    body: z.ZodType<CreateBody, unknown>;
    run(db: Db, actor: Actor | null, body: CreateBody): Promise<Response>;
  };
  update: RouteDocs & {
    body: z.ZodType<UpdateBody, unknown>;
    run(db: Db, actor: Actor | null, id: number, body: UpdateBody): Promise<Response>;
  };
  delete: RouteDocs;
  restore: RouteDocs;
  /** `errors`: `writeErrorResponses` where reading the history takes more than reading the record. */
  history: RouteDocs & { errors: typeof readErrorResponses | typeof writeErrorResponses };
}

// The schemas validate bodies before a handler runs; the type provider cannot map a type parameter back to its
// schema, so the handlers below name the body's type themselves.

/** GET …/:id and POST to the collection. */
export function registerRecordReads<Loaded extends LoadedRecord, Response, CreateBody, UpdateBody>(
  app: App,
  db: Db,
  routes: RecordRoutes<Loaded, Response, CreateBody, UpdateBody>,
): void {
  const { path, tags, params, type, record } = routes;
  app.get(
    `${path}/:id`,
    { schema: { tags, ...routes.read, params, response: { 200: record, ...readErrorResponses } } },
    async (request) => getRecord(db, request.actor, type, request.params.id),
  );
  const { body, run, ...docs } = routes.create;
  app.post(
    path,
    { schema: { tags, ...docs, body, response: { 201: record, ...writeErrorResponses } } },
    async (request, reply) => reply.code(201).send(await run(db, request.actor, request.body as CreateBody)),
  );
}

/** PATCH (with the version read), DELETE (with `?version=`) and POST …/:id/restore. */
export function registerRecordWrites<Loaded extends LoadedRecord, Response, CreateBody, UpdateBody>(
  app: App,
  db: Db,
  routes: RecordRoutes<Loaded, Response, CreateBody, UpdateBody>,
): void {
  const { path, tags, params, type } = routes;
  const response = { 200: routes.record, ...writeErrorResponses };
  const { body, run, ...docs } = routes.update;
  app.patch(`${path}/:id`, { schema: { tags, ...docs, params, body, response } }, async (request) =>
    run(db, request.actor, request.params.id, request.body as UpdateBody),
  );
  app.delete(
    `${path}/:id`,
    { schema: { tags, ...routes.delete, params, querystring: versionQuerySchema, response } },
    async (request) =>
      setRecordDeleted(db, request.actor, type, request.params.id, request.query.version, true),
  );
  app.post(
    `${path}/:id/restore`,
    {
      schema: { tags, ...routes.restore, params, body: z.strictObject({ version: versionSchema }), response },
    },
    async (request) =>
      setRecordDeleted(db, request.actor, type, request.params.id, request.body.version, false),
  );
}

/** GET …/:id/history. */
export function registerRecordHistory<Loaded extends LoadedRecord, Response, CreateBody, UpdateBody>(
  app: App,
  db: Db,
  routes: RecordRoutes<Loaded, Response, CreateBody, UpdateBody>,
): void {
  const { path, tags, params, type } = routes;
  const { errors, ...docs } = routes.history;
  app.get(
    `${path}/:id/history`,
    { schema: { tags, ...docs, params, response: { 200: historyResponseSchema, ...errors } } },
    async (request) => recordHistory(db, request.actor, type, request.params.id),
  );
}

/**
 * Every route of a kept record: read, create, change, delete, restore and history. A record with routes of its
 * own among them registers the parts itself, in the order the API document lists them.
 */
export function registerRecordRoutes<Loaded extends LoadedRecord, Response, CreateBody, UpdateBody>(
  app: App,
  db: Db,
  routes: RecordRoutes<Loaded, Response, CreateBody, UpdateBody>,
): void {
  registerRecordReads(app, db, routes);
  registerRecordWrites(app, db, routes);
  registerRecordHistory(app, db, routes);
}
