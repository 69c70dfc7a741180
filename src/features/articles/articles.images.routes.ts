import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { AppError, errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { idSchema } from '../../core/schemas.ts';
import { MAX_MEDIA_BYTES } from '../events/media.constants.ts';
import { mediaTooLarge } from '../events/media.service.ts';
import { sendStoredFile } from '../files/files.download.ts';
import {
  asClientErrors,
  MULTIPART_ALLOWANCE,
  missingFile,
  unexpectedPart,
} from '../files/files.multipart.ts';
import { DEFAULT_STORAGE_QUOTA_BYTES, discardReceivedFile } from '../files/files.store.ts';
import {
  addImage,
  beginImageUpload,
  type ImageUpload,
  imageTypeOf,
  readImage,
  receiveImage,
} from './articles.images.ts';

const tags = ['articles'];

/** One file, one byte over the limit so that an oversized file is seen as such, and room to name a stray part. */
const UPLOAD_LIMITS = { fileSize: MAX_MEDIA_BYTES + 1, files: 2, fields: 2, parts: 3, fieldNameSize: 40 };

const imageSchema = z.object({
  id: z.number().int(),
  url: z.string().describe('Where the body shows it: <img src="{url}" alt="…">'),
  mediaType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});

/** Receives the form: one image in the field "file", its declared type checked before a byte of it is read. */
async function receiveUpload(request: FastifyRequest, upload: ImageUpload) {
  let received: Awaited<ReturnType<typeof receiveImage>> & { fileName: string };
  let done = false;
  try {
    for await (const part of asClientErrors(request.parts({ limits: UPLOAD_LIMITS }), mediaTooLarge)) {
      if (part.type === 'field' || part.fieldname !== 'file')
        throw unexpectedPart(part.fieldname, 'is not expected: send the image in the field "file"');
      if (done) throw unexpectedPart(part.fieldname, 'is a second file: send one image at a time');
      const declared = imageTypeOf(part.mimetype);
      const image = await receiveImage(upload, declared, asClientErrors<Buffer>(part.file, mediaTooLarge));
      received = { ...image, fileName: part.filename };
      done = true;
    }
  } catch (error) {
    if (done) await discardReceivedFile(received!.file);
    throw error;
  }
  if (!done) throw missingFile();
  return received!;
}

/** The images of an article's body: uploaded by the series' editors, loaded by whoever may read the story. */
export const articleImagesRoutes: FastifyPluginAsyncZod<RouteContext> = async (
  app,
  { db, documentsDir, documentQuotaBytes = DEFAULT_STORAGE_QUOTA_BYTES },
) => {
  app.post(
    '/api/articles/:id/images',
    {
      schema: {
        tags,
        summary: 'Upload an image for an article’s body',
        description:
          'For editors of the series’ organisation. multipart/form-data with one file in the field "file", ' +
          `declared as image/png, image/jpeg or image/webp, of at most ${MAX_MEDIA_BYTES / 1024 / 1024} MB; its ` +
          'bytes must be of the declared type, and SVG is refused. The image belongs to the story, so each ' +
          'language version may show it; its alt text goes in the body. It counts against the organisation’s ' +
          'storage quota (413 STORAGE_QUOTA_EXCEEDED when it does not fit).',
        params: z.strictObject({ id: idSchema.describe('Article id (any language version)') }),
        consumes: ['multipart/form-data'],
        response: {
          201: imageSchema,
          ...writeErrorResponses,
          413: errorResponseSchema,
          415: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      try {
        const { id } = request.params;
        const upload = await beginImageUpload(db, request.actor, documentsDir, id, documentQuotaBytes);
        if (!request.isMultipart())
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the image as multipart/form-data');
        if (Number(request.headers['content-length'] ?? 0) > MAX_MEDIA_BYTES + MULTIPART_ALLOWANCE)
          throw mediaTooLarge();
        const received = await receiveUpload(request, upload);
        return reply.code(201).send(await addImage(db, request.actor, id, upload, received));
      } catch (error) {
        // The rest of a refused upload is not worth receiving: close the connection rather than drain it.
        if (!request.raw.complete) reply.header('connection', 'close');
        throw error;
      }
    },
  );

  app.get(
    '/api/article-images/:id',
    {
      schema: {
        tags,
        summary: 'An article’s image',
        description:
          'The image, for whoever may read one of its story’s versions (anyone, once one is published); 404 ' +
          'otherwise. Answers 304 to a matching If-None-Match.',
        params: z.strictObject({ id: idSchema.describe('Image id') }),
      },
    },
    async (request, reply) => {
      const { image, size, stream } = await readImage(db, request.actor, documentsDir, request.params.id);
      return sendStoredFile(request, reply, { ...image, size, stream, disposition: 'inline' });
    },
  );
};
