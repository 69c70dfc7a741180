import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { historyResponseSchema, versionQuerySchema, versionSchema } from '../../core/schemas.ts';
import type { Actor } from '../auth/actor.ts';

type HistoryResponse = z.infer<typeof historyResponseSchema>;

type App = Parameters<FastifyPluginAsyncZod>[0];

/** The error answers of a read: a malformed id, or a record that does not exist or that the reader may not see. */
export const readErrorResponses = { 400: errorResponseSchema, 404: errorResponseSchema };

/** What the API documentation says of one route. */
export interface RouteDocs {
  summary: string;
  description?: string;
}

/** The routes of a kept record: its schemas, its documentation, and the service calls that do the work. */
export interface RecordRoutes<UpdateBody> {
  /** The record's path with its id: `/api/organizations/:id`. */
  path: string;
  tags: string[];
  params: z.ZodType<{ id: number }, unknown>;
  /** The record as the API answers it. */
  record: z.ZodType;
  updateBody: z.ZodType<UpdateBody, unknown>;
  docs: { update: RouteDocs; delete: RouteDocs; restore: RouteDocs; history: RouteDocs };
  /** The history's error answers: `writeErrorResponses` where reading it takes more than reading the record. */
  historyErrors: typeof readErrorResponses | typeof writeErrorResponses;
  update(actor: Actor | null, id: number, body: UpdateBody): Promise<unknown>;
  setDeleted(actor: Actor | null, id: number, version: number, deleted: boolean): Promise<unknown>;
  history(actor: Actor | null, id: number): Promise<HistoryResponse>;
}

/** PATCH (with the version read), DELETE (with `?version=`) and POST …/restore of a kept record. */
export function registerRecordWrites<UpdateBody>(app: App, routes: RecordRoutes<UpdateBody>): void {
  const { path, tags, params, docs } = routes;
  const response = { 200: routes.record, ...writeErrorResponses };
  app.patch(
    path,
    { schema: { tags, ...docs.update, params, body: routes.updateBody, response } },
    // The schema has validated the body; the type provider cannot map a type parameter back to it.
    async (request) => routes.update(request.actor, request.params.id, request.body as UpdateBody),
  );
  app.delete(
    path,
    { schema: { tags, ...docs.delete, params, querystring: versionQuerySchema, response } },
    async (request) => routes.setDeleted(request.actor, request.params.id, request.query.version, true),
  );
  app.post(
    `${path}/restore`,
    { schema: { tags, ...docs.restore, params, body: z.strictObject({ version: versionSchema }), response } },
    async (request) => routes.setDeleted(request.actor, request.params.id, request.body.version, false),
  );
}

/** GET …/history of a kept record. */
export function registerRecordHistory<UpdateBody>(app: App, routes: RecordRoutes<UpdateBody>): void {
  const { path, tags, params, docs } = routes;
  app.get(
    `${path}/history`,
    {
      schema: {
        tags,
        ...docs.history,
        params,
        response: { 200: historyResponseSchema, ...routes.historyErrors },
      },
    },
    async (request) => routes.history(request.actor, request.params.id),
  );
}

/**
 * The lifecycle routes of a kept record: PATCH, DELETE, restore and history. A record with routes of its own
 * between them registers the two halves itself, so the API document keeps its order.
 */
export function registerRecordRoutes<UpdateBody>(app: App, routes: RecordRoutes<UpdateBody>): void {
  registerRecordWrites(app, routes);
  registerRecordHistory(app, routes);
}
