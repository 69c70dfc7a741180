import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../../core/context.ts';
import { AppError, errorResponseSchema, writeErrorResponses } from '../../../core/errors.ts';
import { idSchema } from '../../../core/schemas.ts';
import {
  asClientErrors,
  MULTIPART_ALLOWANCE,
  missingFile,
  unexpectedPart,
} from '../../files/files.multipart.ts';
import { mappingSchema, SHEET_TYPES } from './spreadsheet.fields.ts';
import { MAX_IMPORT_ROWS } from './spreadsheet.read.ts';
import {
  authorizeImporter,
  commitImport,
  dryRunImport,
  getSpreadsheetImport,
  uploadSpreadsheet,
} from './spreadsheet.service.ts';

const tags = ['imports'];

/** The largest spreadsheet taken: 20 MB holds far more than the most rows an import takes. */
export const MAX_SPREADSHEET_BYTES = 20 * 1024 * 1024;
const UPLOAD_LIMITS = {
  fileSize: MAX_SPREADSHEET_BYTES + 1,
  files: 2,
  fields: 2,
  parts: 3,
  fieldNameSize: 40,
};

const tooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', `A spreadsheet may be at most ${MAX_SPREADSHEET_BYTES} bytes`, [
    { field: 'file', message: `is larger than ${MAX_SPREADSHEET_BYTES} bytes` },
  ]);

const fieldSpec = z.object({ name: z.string(), required: z.boolean() });
const uploadSchema = z
  .object({
    id: z.number().int(),
    filename: z.string(),
    organizationId: z.number().int(),
    createdAt: z.string(),
    committedAt: z.string().nullable(),
    sheets: z.array(
      z.object({
        name: z.string(),
        columns: z.array(z.string()),
        rowCount: z.number().int(),
        sample: z.array(z.array(z.string())).describe('The first rows, as read'),
      }),
    ),
    mapping: mappingSchema.describe(
      'The suggested mapping: the organisation’s last one where it fits, else a guess',
    ),
    fields: z.object(Object.fromEntries(SHEET_TYPES.map((type) => [type, z.array(fieldSpec)]))),
  })
  .meta({ id: 'SpreadsheetImport' });

const countsSchema = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
  placesExisting: z.number().int(),
  placesSimilar: z.number().int(),
  placesNew: z.number().int(),
});
const rowSchema = z.object({
  sheet: z.string(),
  line: z.number().int().describe('The line in the file (CSV) or the row number in the sheet (XLSX)'),
  type: z.enum(['tie', 'place', 'source', 'person']),
  outcome: z.enum(['create', 'update', 'unchanged', 'refused']),
  label: z.string(),
  recordId: z.number().int().nullable().describe('The existing tie or place the row matches'),
  reasons: z.array(z.object({ code: z.string(), field: z.string().nullable(), message: z.string() })),
  changes: z.array(z.string()).describe('The fields an update changes'),
  places: z.array(
    z.object({
      field: z.enum(['placeA', 'placeB']),
      input: z.string(),
      match: z.enum(['existing', 'similar', 'new', 'none', 'ambiguous']),
      placeId: z.number().int().nullable(),
      name: z.string().nullable(),
      country: z.string().nullable(),
    }),
  ),
});
const dryRunSchema = z
  .object({ counts: countsSchema, rows: z.array(rowSchema) })
  .meta({ id: 'ImportDryRun' });
const commitSchema = z
  .object({
    runId: z.number().int(),
    counts: countsSchema.extend({
      placesCreated: z.number().int(),
      placesUpdated: z.number().int(),
      tiesCreated: z.number().int(),
      tiesUpdated: z.number().int(),
      peopleCreated: z.number().int(),
      sourcesCreated: z.number().int(),
      sourceRecordsAdded: z.number().int(),
    }),
    rows: z.array(rowSchema),
  })
  .meta({ id: 'ImportCommit' });

const params = z.strictObject({ id: idSchema.describe('Import id') });

/** Checks the actor's right to an upload from the raw id, before the body is read. */
function uploadRights(db: RouteContext['db']) {
  return async <T>(request: FastifyRequest, _reply: unknown, payload: T): Promise<T> => {
    const id = Number((request.params as { id?: string }).id);
    if (Number.isSafeInteger(id) && id > 0) await getSpreadsheetImport(db, request.actor, id);
    return payload;
  };
}

async function receiveSpreadsheet(request: FastifyRequest) {
  let received: { filename: string; bytes: Buffer } | undefined;
  for await (const part of asClientErrors(request.parts({ limits: UPLOAD_LIMITS }), tooLarge)) {
    if (part.type === 'field' || part.fieldname !== 'file')
      throw unexpectedPart(part.fieldname, 'is not expected: send the spreadsheet in the field "file"');
    if (received) throw unexpectedPart(part.fieldname, 'is a second file: send one spreadsheet at a time');
    const chunks: Buffer[] = [];
    for await (const chunk of asClientErrors<Buffer>(part.file, tooLarge)) chunks.push(chunk);
    received = { filename: part.filename, bytes: Buffer.concat(chunks) };
  }
  if (!received) throw missingFile();
  return received;
}

/** Spreadsheet imports: upload, dry run and commit, for editors of the organisation imported for. */
export const spreadsheetImportRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.post(
    '/api/imports',
    {
      schema: {
        tags,
        summary: 'Upload a spreadsheet to import',
        description:
          'For editors of the organisation. multipart/form-data with one CSV (UTF-8, separated by commas, ' +
          'semicolons or tabs) or XLSX file in the field "file", of at most 20 MB and ' +
          `${MAX_IMPORT_ROWS} rows. The file is read and kept for the dry run and the commit; nothing reaches ` +
          'the registry yet. 415 IMPORT_NOT_SPREADSHEET for other files; 422 IMPORT_EMPTY, IMPORT_ENCODING ' +
          '(not UTF-8) or IMPORT_TOO_MANY_ROWS.',
        querystring: z.strictObject({ organizationId: idSchema.describe('The organisation imported for') }),
        consumes: ['multipart/form-data'],
        response: {
          201: uploadSchema,
          ...writeErrorResponses,
          413: errorResponseSchema,
          415: errorResponseSchema,
          422: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      try {
        await authorizeImporter(db, request.actor, request.query.organizationId);
        if (!request.isMultipart())
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the spreadsheet as multipart/form-data');
        if (Number(request.headers['content-length'] ?? 0) > MAX_SPREADSHEET_BYTES + MULTIPART_ALLOWANCE)
          throw tooLarge();
        const file = await receiveSpreadsheet(request);
        return reply
          .code(201)
          .send(await uploadSpreadsheet(db, request.actor!, request.query.organizationId, file));
      } catch (error) {
        if (!request.raw.complete) reply.header('connection', 'close');
        throw error;
      }
    },
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        tags,
        summary: 'An uploaded spreadsheet',
        description: 'Its sheets, the suggested mapping and the fields; for editors of its organisation.',
        params,
        response: { 200: uploadSchema },
      },
    },
    async (request) => getSpreadsheetImport(db, request.actor, request.params.id),
  );

  app.post(
    '/api/imports/:id/dry-run',
    {
      preParsing: uploadRights(db),
      schema: {
        tags,
        summary: 'What importing the spreadsheet would do',
        description:
          'Row by row: create, update, unchanged, or refused with the reasons; for ties, how each place was ' +
          'found (an existing place, a similar name, a new place). Nothing is written; the mapping is remembered ' +
          'for the organisation’s next file.',
        params,
        body: z.strictObject({ mapping: mappingSchema }),
        response: { 200: dryRunSchema, ...writeErrorResponses },
      },
    },
    async (request) => dryRunImport(db, request.actor, request.params.id, request.body.mapping),
  );

  app.post(
    '/api/imports/:id/commit',
    {
      preParsing: uploadRights(db),
      schema: {
        tags,
        summary: 'Import the spreadsheet',
        description:
          'Writes what the dry run shows, in one transaction, recorded in the history and as an import run. ' +
          'Refused rows are left out. Committing the same file again changes nothing.',
        params,
        body: z.strictObject({ mapping: mappingSchema }),
        response: { 200: commitSchema, ...writeErrorResponses },
      },
    },
    async (request) => commitImport(db, request.actor, request.params.id, request.body.mapping),
  );
};
