import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../../core/context.ts';
import { AppError, errorResponseSchema, writeErrorResponses } from '../../../core/errors.ts';
import type { Database } from '../../../db/client.ts';
import { administratorsOnly } from '../../auth/guards.ts';
import { authorize, policy } from '../../auth/policy.ts';
import { asClientErrors, MULTIPART_ALLOWANCE, unexpectedPart } from '../../files/files.multipart.ts';
import {
  appliedSchema,
  applyResultSchema,
  refreshCountsSchema,
  refreshDiffSchema,
  refreshIdSchema,
} from './wikidata-refresh.schema.ts';
import type { ExtractFiles } from './wikidata-refresh.service.ts';

/** The refreshes' work, with the world import's modules it uses: loaded when an administrator first asks, not at start. */
const refreshes = () => import('./wikidata-refresh.service.ts');

/** How large each of the two files may be: the shipped extract's are well under a megabyte. */
export const MAX_EXTRACT_BYTES = 20 * 1024 * 1024;

const PARTS = ['nodes', 'links'] as const;

/** Both files, one byte over the limit so that an oversized file is seen as such, and room to name a stray part. */
const UPLOAD_LIMITS = { fileSize: MAX_EXTRACT_BYTES + 1, files: 3, fields: 1, parts: 3, fieldSize: 1024 };

export interface WikidataRefreshRouteOptions extends RouteContext {
  database: Database;
  /** Where diffs are kept (DATA_DIR/reports when serving); without one the routes answer 503. */
  reportsDir?: string;
}

const tags = ['admin'];
const errors = writeErrorResponses;
const paramsSchema = z.strictObject({ id: refreshIdSchema });

const tooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', `Each file may be at most ${MAX_EXTRACT_BYTES / 1024 / 1024} MB`);

function requireReportsDir(reportsDir: string | undefined): string {
  if (!reportsDir) throw new AppError('NOT_READY', 'This server keeps no reports folder');
  return reportsDir;
}

/** Writes an uploaded file's bytes to `file`, within the size limit. */
async function receiveFile(source: AsyncIterable<Buffer>, file: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    let size = 0;
    for await (const chunk of source) {
      size += chunk.length;
      if (size > MAX_EXTRACT_BYTES) throw tooLarge();
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
}

/** Receives the form's two files, "nodes" and "links", into `folder`; anything else in it is refused by name. */
async function receiveExtract(request: FastifyRequest, folder: string): Promise<ExtractFiles> {
  if (!request.isMultipart()) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the two files as multipart/form-data, in the fields "nodes" and "links"',
    );
  }
  if (Number(request.headers['content-length'] ?? 0) > 2 * MAX_EXTRACT_BYTES + MULTIPART_ALLOWANCE) {
    throw tooLarge();
  }
  const received: Partial<ExtractFiles> = {};
  for await (const part of asClientErrors(request.parts({ limits: UPLOAD_LIMITS }), tooLarge)) {
    const name = PARTS.find((known) => known === part.fieldname);
    if (part.type === 'field' || !name) {
      throw unexpectedPart(
        part.fieldname,
        'is not expected: send the files in the fields "nodes" and "links"',
      );
    }
    if (received[name]) throw unexpectedPart(name, 'is there twice: send one file of each');
    const file = path.join(folder, `${name}.tsv`);
    await receiveFile(asClientErrors<Buffer>(part.file, tooLarge), file);
    received[name] = { path: file, fileName: part.filename || `${name}.tsv` };
  }
  const missing = PARTS.filter((name) => !received[name]);
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid request: ${missing.join(', ')}`,
      missing.map((name) => ({ field: name, message: 'is missing' })),
    );
  }
  return received as ExtractFiles;
}

/**
 * The refresh of the Wikidata ties from a newer extract, for administrators: a diff to review, then its
 * application. Rights are checked before an upload is read.
 */
export const wikidataRefreshRoutes: FastifyPluginAsyncZod<WikidataRefreshRouteOptions> = async (
  app,
  { database, reportsDir },
) => {
  app.post(
    '/api/admin/wikidata-refresh',
    {
      onRequest: administratorsOnly,
      schema: {
        tags,
        summary: 'Make a diff of a newer Wikidata extract',
        description:
          'For administrators. The two files of a Wikidata P190 extract, in the shape of the shipped ones, as ' +
          'multipart/form-data: the cities (tab-separated: id, name, lng, lat, country, countrycd, continent) in the ' +
          `field "nodes" and the links (source, target) in the field "links", each at most ${MAX_EXTRACT_BYTES / 1024 / 1024} MB. ` +
          'Answers the reconciliation diff with the registry, kept under its id for review; nothing in the ' +
          'registry changes until it is applied (`POST /api/admin/wikidata-refresh/{id}/apply`).',
        consumes: ['multipart/form-data'],
        response: {
          201: refreshDiffSchema,
          ...errors,
          413: errorResponseSchema,
          415: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const folder = await mkdtemp(path.join(tmpdir(), 'citybridge-wikidata-'));
      try {
        const reports = requireReportsDir(reportsDir);
        const files = await receiveExtract(request, folder);
        const { createRefreshDiff } = await refreshes();
        const diff = await createRefreshDiff(database, files, { reportsDir: reports });
        return reply.code(201).send(diff);
      } catch (error) {
        // The rest of a refused upload is not worth receiving: close the connection rather than drain it.
        if (!request.raw.complete) reply.header('connection', 'close');
        throw error;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  );

  app.get(
    '/api/admin/wikidata-refresh',
    {
      onRequest: administratorsOnly,
      schema: {
        tags,
        summary: 'List the Wikidata refresh diffs',
        description:
          'For administrators: the diffs kept, newest first, with their counts and whether applied.',
        response: {
          200: z.object({
            items: z.array(
              refreshDiffSchema.pick({ id: true, createdAt: true, revision: true, files: true }).extend({
                counts: refreshCountsSchema,
                applied: appliedSchema.nullable(),
              }),
            ),
          }),
          401: errorResponseSchema,
          403: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async () => {
      const { listRefreshDiffs } = await refreshes();
      return { items: await listRefreshDiffs(requireReportsDir(reportsDir)) };
    },
  );

  app.get(
    '/api/admin/wikidata-refresh/:id',
    {
      onRequest: administratorsOnly,
      schema: {
        tags,
        summary: 'Read a Wikidata refresh diff',
        description: 'For administrators: the diff, with when it was applied if it was.',
        params: paramsSchema,
        response: {
          200: refreshDiffSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { getRefreshDiff } = await refreshes();
      return getRefreshDiff(requireReportsDir(reportsDir), request.params.id);
    },
  );

  app.post(
    '/api/admin/wikidata-refresh/:id/apply',
    {
      onRequest: administratorsOnly,
      schema: {
        tags,
        summary: 'Apply a reviewed Wikidata refresh diff',
        description:
          'For administrators. In one transaction, recorded as an import run and audited: the new ties are ' +
          'added, the Wikidata records of gone links removed (a tie no other source reports and nobody worked ' +
          'on is withdrawn: deleted, restorable), and the places take Wikidata’s new name, coordinates and ' +
          'country where they still had its old ones. Refused with 409 REFRESH_STALE when the registry has ' +
          'changed since the diff was made; a diff applied already changes nothing and says so.',
        params: paramsSchema,
        body: z.strictObject({}).nullish().describe('Nothing: the request has no body'),
        response: { 200: applyResultSchema, ...errors, 503: errorResponseSchema },
      },
    },
    async (request) => {
      // The hook refused anyone else; this says so to the compiler.
      authorize(request.actor, policy.administer(request.actor));
      const { applyRefreshDiff } = await refreshes();
      return applyRefreshDiff(database, request.actor, request.params.id, {
        reportsDir: requireReportsDir(reportsDir),
      });
    },
  );
};
