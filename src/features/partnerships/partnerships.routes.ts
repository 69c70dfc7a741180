import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { AppError, errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { idSchema } from '../../core/schemas.ts';
import { sendStoredFile } from '../files/files.download.ts';
import {
  asClientErrors,
  MULTIPART_ALLOWANCE,
  missingFile,
  unexpectedPart,
} from '../files/files.multipart.ts';
import { registerRecordRoutes } from '../records/records.routes.ts';
import {
  addDocument,
  beginDocumentUpload,
  DEFAULT_DOCUMENT_QUOTA_BYTES,
  type DocumentUpload,
  discardReceivedFile,
  documentTooLarge,
  MAX_DOCUMENT_BYTES,
  type ReceivedFile,
  readDocument,
  receiveDocumentFile,
  removeDocument,
} from './partnerships.documents.ts';
import {
  confirmPartnershipBodySchema,
  createPartnershipBodySchema,
  documentSchema,
  endPartnershipBodySchema,
  partnershipListQuerySchema,
  partnershipListResponseSchema,
  partnershipParamsSchema,
  partnershipRecordSchema,
  updatePartnershipBodySchema,
} from './partnerships.schema.ts';
import { listPartnerships } from './partnerships.service.ts';
import * as write from './partnerships.write.service.ts';

const errors = writeErrorResponses;
const tags = ['partnerships'];
const documentParams = z.strictObject({ id: idSchema, documentId: idSchema });

/**
 * The parser's limits for an upload: one byte over the size limit, so that an oversized file is seen as such, and
 * room for one part more than the file, so that a stray part is named rather than counted.
 */
const UPLOAD_LIMITS = { fileSize: MAX_DOCUMENT_BYTES + 1, files: 2, fields: 1, parts: 2, fieldSize: 1024 };

/**
 * Receives the upload's one part, a file in the field "file", into the documents folder. Anything else in the
 * body (a form field, a second file, a file under another name) is refused by its name.
 */
async function receiveUpload(
  request: FastifyRequest,
  upload: DocumentUpload,
): Promise<{ file: ReceivedFile; fileName: string }> {
  let received: { file: ReceivedFile; fileName: string } | undefined;
  try {
    for await (const part of asClientErrors(request.parts({ limits: UPLOAD_LIMITS }), documentTooLarge)) {
      if (part.type === 'field') {
        throw unexpectedPart(part.fieldname, 'is not expected: send only the document, in the field "file"');
      }
      if (received) throw unexpectedPart(part.fieldname, 'is a second file: send one document at a time');
      if (part.fieldname !== 'file') {
        throw unexpectedPart(part.fieldname, 'is not expected: send the document in the field "file"');
      }
      const file = await receiveDocumentFile(upload, asClientErrors<Buffer>(part.file, documentTooLarge));
      received = { file, fileName: part.filename };
    }
  } catch (error) {
    if (received) await discardReceivedFile(received.file);
    throw error;
  }
  if (!received) throw missingFile();
  return received;
}

export const partnershipsRoutes: FastifyPluginAsyncZod<RouteContext> = async (
  app,
  { db, documentsDir, documentQuotaBytes = DEFAULT_DOCUMENT_QUOTA_BYTES },
) => {
  app.get(
    '/api/partnerships',
    {
      schema: {
        tags: ['partnerships'],
        summary: 'List partnerships',
        description:
          'Published ties, filtered by country, kind, status and start date, in pages: follow `nextCursor` until it ' +
          'is null. Ties with an unknown start date are left out when a start filter is given.',
        querystring: partnershipListQuerySchema,
        response: { 200: partnershipListResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request) => listPartnerships(db, request.query),
  );

  const routes = {
    path: '/api/partnerships',
    tags,
    type: write.partnershipRecord,
    params: partnershipParamsSchema,
    record: partnershipRecordSchema,
    read: {
      summary: 'A partnership',
      description:
        'The whole record: dates, themes, descriptions, each party with its confirmation, sources and documents. ' +
        'Internal notes only for members of the parties.',
    },
    create: {
      summary: 'Create a partnership',
      description:
        'You must speak for one of the parties (as an editor of the party organisation or of the government of ' +
        'a party place). The parties you speak for are confirmed at once; the others confirm it themselves.',
      body: createPartnershipBodySchema,
      run: write.createPartnership,
    },
    update: {
      summary: 'Change a partnership',
      description: 'Give the version you read; a stale version answers 409 with the current record.',
      body: updatePartnershipBodySchema,
      run: write.updatePartnership,
    },
    delete: {
      summary: 'Delete a partnership',
      description: 'The record is kept with its history and can be restored.',
    },
    restore: { summary: 'Restore a deleted partnership' },
    history: {
      summary: "A partnership's history",
      description: 'Every change: who, when, what, before and after. For members of the parties.',
      errors: writeErrorResponses,
    },
  };
  registerRecordRoutes(app, db, routes, ['read']);

  app.post(
    '/api/partnerships/:id/end',
    {
      schema: {
        tags,
        summary: 'End a partnership',
        description: 'Sets the status to ended, with the end date and reason.',
        params: partnershipParamsSchema,
        body: endPartnershipBodySchema,
        response: { 200: partnershipRecordSchema, ...errors },
      },
    },
    async (request) =>
      write.updatePartnership(db, request.actor, request.params.id, { ...request.body, status: 'ended' }),
  );

  app.post(
    '/api/partnerships/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a partnership for your party',
        params: partnershipParamsSchema,
        body: confirmPartnershipBodySchema,
        response: { 200: partnershipRecordSchema, ...errors },
      },
    },
    async (request) => write.confirmPartnership(db, request.actor, request.params.id, request.body),
  );

  registerRecordRoutes(app, db, routes, ['write', 'history']);

  app.post(
    '/api/partnerships/:id/documents',
    {
      schema: {
        tags,
        summary: 'Attach a document',
        description:
          `A PDF, PNG, JPEG or WebP file of at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB, sent as multipart/form-data ` +
          'in the field "file" and nothing else. It counts against the storage quota of the organisation it is ' +
          'uploaded for (413 STORAGE_QUOTA_EXCEEDED when it does not fit).',
        params: partnershipParamsSchema,
        consumes: ['multipart/form-data'],
        response: {
          201: documentSchema,
          ...errors,
          413: errorResponseSchema,
          415: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      try {
        const upload = await beginDocumentUpload(
          db,
          request.actor,
          documentsDir,
          request.params.id,
          documentQuotaBytes,
        );
        if (!request.isMultipart()) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the document as multipart/form-data');
        }
        if (Number(request.headers['content-length'] ?? 0) > MAX_DOCUMENT_BYTES + MULTIPART_ALLOWANCE) {
          throw documentTooLarge();
        }
        const { file, fileName } = await receiveUpload(request, upload);
        const document = await addDocument(db, request.actor, upload, file, fileName);
        return reply.code(201).send({
          id: document.id,
          fileName: document.fileName,
          mediaType: document.mediaType,
          size: document.size,
          createdAt: document.createdAt.toISOString(),
          url: `/api/partnerships/${request.params.id}/documents/${document.id}`,
        });
      } catch (error) {
        // The rest of a refused upload is not worth receiving: close the connection rather than drain it.
        if (!request.raw.complete) reply.header('connection', 'close');
        throw error;
      }
    },
  );

  app.get(
    '/api/partnerships/:id/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Download a document',
        description:
          'The file, for whoever may read the partnership; 404 otherwise. Answers 304 to a matching If-None-Match.',
        params: documentParams,
      },
    },
    async (request, reply) => {
      const { document, size, stream } = await readDocument(
        db,
        request.actor,
        documentsDir,
        request.params.id,
        request.params.documentId,
      );
      return sendStoredFile(request, reply, { ...document, size, stream, disposition: 'attachment' });
    },
  );

  app.delete(
    '/api/partnerships/:id/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Remove a document',
        params: documentParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeDocument(db, request.actor, documentsDir, request.params.id, request.params.documentId);
      return reply.code(204).send(null);
    },
  );
};
