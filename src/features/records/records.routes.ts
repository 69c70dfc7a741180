import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
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

/** The parts of a record's routes, in the order the API document lists them. */
export type RecordRoutePart =
  /** GET …/:id and POST to the collection. */
  | 'read'
  /** PATCH (with the version read), DELETE (with `?version=`) and POST …/:id/restore. */
  | 'write'
  /** GET …/:id/history. */
  | 'history';

/**
 * Registers the routes of a kept record: all of them, or the parts given, so that a record with routes of its own
 * among them keeps them in their place in the API document.
 */
export function registerRecordRoutes<Loaded extends LoadedRecord, Response, CreateBody, UpdateBody>(
  app: App,
  db: Db,
  routes: RecordRoutes<Loaded, Response, CreateBody, UpdateBody>,
  parts: readonly RecordRoutePart[] = ['read', 'write', 'history'],
): void {
  const { path, tags, params, type, record } = routes;
  const item = `${path}/:id`;
  // The schemas validate each body before its handler runs; the type provider cannot map a type parameter back
  // to its schema, so the handlers name the body's type themselves.
  if (parts.includes('read')) {
    app.get(
      item,
      { schema: { tags, ...routes.read, params, response: { 200: record, ...readErrorResponses } } },
      async (request) => getRecord(db, request.actor, type, request.params.id),
    );
    const { body, run, ...docs } = routes.create;
    app.post(
      path,
      { schema: { tags, ...docs, body, response: { 201: record, ...writeErrorResponses } } },
      async (request, reply) =>
        reply.code(201).send(await run(db, request.actor, request.body as CreateBody)),
    );
  }
  if (parts.includes('write')) {
    const response = { 200: record, ...writeErrorResponses };
    const { body, run, ...docs } = routes.update;
    app.patch(item, { schema: { tags, ...docs, params, body, response } }, async (request) =>
      run(db, request.actor, request.params.id, request.body as UpdateBody),
    );
    app.delete(
      item,
      { schema: { tags, ...routes.delete, params, querystring: versionQuerySchema, response } },
      async (request) =>
        setRecordDeleted(db, request.actor, type, request.params.id, request.query.version, true),
    );
    const restoreBody = z.strictObject({ version: versionSchema });
    app.post(
      `${item}/restore`,
      { schema: { tags, ...routes.restore, params, body: restoreBody, response } },
      async (request) =>
        setRecordDeleted(db, request.actor, type, request.params.id, request.body.version, false),
    );
  }
  if (parts.includes('history')) {
    const { errors, ...docs } = routes.history;
    app.get(
      `${item}/history`,
      { schema: { tags, ...docs, params, response: { 200: historyResponseSchema, ...errors } } },
      async (request) => recordHistory(db, request.actor, type, request.params.id),
    );
  }
}
