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
import { DEFAULT_STORAGE_QUOTA_BYTES, discardReceivedFile } from '../files/files.store.ts';
import { MAX_MEDIA_BYTES } from './media.constants.ts';
import { mediaParamsSchema, mediaSchema, mediaTextsSchema, updateMediaBodySchema } from './media.schema.ts';
import {
  addMedia,
  beginMediaUpload,
  checkMediaTexts,
  type MediaUpload,
  mediaKindOf,
  mediaTooLarge,
  type ReceivedMedia,
  readMedia,
  receiveMediaFile,
  removeMedia,
  updateMedia,
} from './media.service.ts';

const tags = ['events'];

/** The longest text a form field may carry, in bytes: an alt text of 1,000 characters of any script fits. */
const FIELD_BYTES = 4096;

/**
 * The parser's limits for an upload: one byte over the size limit, so that an oversized file is seen as such; the
 * texts of up to 20 languages; and room for one part more than the form takes, so that a stray part is named
 * rather than counted.
 */
const UPLOAD_LIMITS = {
  fileSize: MAX_MEDIA_BYTES + 1,
  files: 2,
  fields: 62,
  parts: 64,
  fieldSize: FIELD_BYTES,
  fieldNameSize: 40,
};

/** The form's text fields: `alt.fi`, `title.en`, `caption.zh-Hans`, `credit`. */
const TEXT_FIELD = /^(?:(alt|title|caption)\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)|credit)$/;

/** The texts of the form, as the schema takes them; a field that does not fit is named. */
function parseTexts(fields: Map<string, string>) {
  const texts: Record<string, unknown> = { alt: {}, title: {}, caption: {} };
  for (const [name, value] of fields) {
    const [, group, language] = TEXT_FIELD.exec(name) ?? [];
    if (group && language) (texts[group] as Record<string, string>)[language] = value;
    else texts.credit = value;
  }
  const parsed = mediaTextsSchema.safeParse(texts);
  if (parsed.success) return parsed.data;
  throw new AppError(
    'VALIDATION_FAILED',
    'Invalid request',
    parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message })),
  );
}

/**
 * Receives the form: its text fields first, then one file in the field "file". The texts are checked, and the
 * declared type of the file, before a byte of it is read; anything else in the body is refused by its name.
 */
async function receiveUpload(request: FastifyRequest, upload: MediaUpload): Promise<ReceivedMedia> {
  const fields = new Map<string, string>();
  let received: ReceivedMedia | undefined;
  try {
    for await (const part of asClientErrors(request.parts({ limits: UPLOAD_LIMITS }), mediaTooLarge)) {
      const name = part.fieldname;
      if (part.type === 'field') {
        if (received) throw unexpectedPart(name, 'comes after the file: send the texts first, then the file');
        if (!TEXT_FIELD.test(name) || part.fieldnameTruncated)
          throw unexpectedPart(
            name,
            'is not a field of this form: send alt.<language>, title.<language>, caption.<language>, credit and file',
          );
        if (part.valueTruncated) throw unexpectedPart(name, `is longer than ${FIELD_BYTES} bytes`);
        if (fields.has(name)) throw unexpectedPart(name, 'is given twice');
        fields.set(name, String(part.value));
        continue;
      }
      if (received) throw unexpectedPart(name, 'is a second file: send one file at a time');
      if (name !== 'file') throw unexpectedPart(name, 'is not expected: send the file in the field "file"');
      const declared = mediaKindOf(part.mimetype);
      const texts = parseTexts(fields);
      checkMediaTexts(declared.kind, texts, upload.languages);
      const { file, width, height } = await receiveMediaFile(
        upload,
        declared,
        asClientErrors<Buffer>(part.file, mediaTooLarge),
      );
      received = { file, fileName: part.filename, kind: declared.kind, width, height, texts };
    }
  } catch (error) {
    if (received) await discardReceivedFile(received.file);
    throw error;
  }
  if (!received) throw missingFile();
  return received;
}

/**
 * An event's photos and documents: the hosts' editors add them with their texts, change the texts and remove them;
 * whoever may read the event downloads them. They are listed in the event itself (`media`).
 */
export const eventMediaRoutes: FastifyPluginAsyncZod<RouteContext> = async (
  app,
  { db, documentsDir, documentQuotaBytes = DEFAULT_STORAGE_QUOTA_BYTES },
) => {
  app.post(
    '/api/events/:id/media',
    {
      schema: {
        tags,
        summary: 'Add a photo or a document',
        description:
          'For editors of the event’s hosts. multipart/form-data: first the texts, then the file in the field ' +
          '"file", declared as image/png, image/jpeg or image/webp (a photo) or application/pdf (a document), of at ' +
          `most ${MAX_MEDIA_BYTES / 1024 / 1024} MB; its bytes must be of the declared type, and SVG is refused. ` +
          'Texts: `alt.<language>` (an image’s alternative text, required in every language the event’s title is ' +
          'in), `title.<language>` (a document’s title, required likewise), `caption.<language>` and `credit` ' +
          '(optional). It counts against the storage quota of the host it is uploaded for (413 ' +
          'STORAGE_QUOTA_EXCEEDED when it does not fit).',
        params: z.strictObject({ id: idSchema.describe('Event id') }),
        consumes: ['multipart/form-data'],
        response: {
          201: mediaSchema,
          ...writeErrorResponses,
          413: errorResponseSchema,
          415: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      try {
        const upload = await beginMediaUpload(
          db,
          request.actor,
          documentsDir,
          request.params.id,
          documentQuotaBytes,
        );
        if (!request.isMultipart()) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the photo or document as multipart/form-data');
        }
        if (Number(request.headers['content-length'] ?? 0) > MAX_MEDIA_BYTES + MULTIPART_ALLOWANCE) {
          throw mediaTooLarge();
        }
        const received = await receiveUpload(request, upload);
        return reply.code(201).send(await addMedia(db, request.actor, upload, received));
      } catch (error) {
        // The rest of a refused upload is not worth receiving: close the connection rather than drain it.
        if (!request.raw.complete) reply.header('connection', 'close');
        throw error;
      }
    },
  );

  app.get(
    '/api/events/:id/media/:mediaId',
    {
      schema: {
        tags,
        summary: 'Download a photo or a document',
        description:
          'The file, for whoever may read the event; 404 otherwise. A photo is shown inline, a document is an ' +
          'attachment; both answer 304 to a matching If-None-Match.',
        params: mediaParamsSchema,
      },
    },
    async (request, reply) => {
      const { media, size, stream } = await readMedia(
        db,
        request.actor,
        documentsDir,
        request.params.id,
        request.params.mediaId,
      );
      return sendStoredFile(request, reply, {
        ...media,
        size,
        stream,
        disposition: media.kind === 'image' ? 'inline' : 'attachment',
      });
    },
  );

  app.patch(
    '/api/events/:id/media/:mediaId',
    {
      schema: {
        tags,
        summary: 'Change the texts of a photo or a document',
        description:
          'For editors of the event’s hosts: alt text, title, caption and credit, against the version read. The ' +
          'result must still have an image’s alt text (a document’s title) in every language the event’s title is in.',
        params: mediaParamsSchema,
        body: updateMediaBodySchema,
        response: { 200: mediaSchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      updateMedia(db, request.actor, request.params.id, request.params.mediaId, request.body),
  );

  app.delete(
    '/api/events/:id/media/:mediaId',
    {
      schema: {
        tags,
        summary: 'Remove a photo or a document',
        description:
          'For editors of the event’s hosts. The event’s history keeps what was removed; the file leaves the disk ' +
          'once nothing else uses it.',
        params: mediaParamsSchema,
        response: { 204: z.null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await removeMedia(db, request.actor, documentsDir, request.params.id, request.params.mediaId);
      return reply.code(204).send(null);
    },
  );
};
