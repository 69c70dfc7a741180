import * as z from 'zod';
import { idSchema, localizedTextSchema, textSchema, versionSchema } from '../../core/schemas.ts';
import { MEDIA_KINDS } from './media.constants.ts';

export const mediaParamsSchema = z.strictObject({
  id: idSchema.describe('Event id'),
  mediaId: idSchema.describe('Photo or document id'),
});

/**
 * The texts of a photo or a document. "Required per language" means: in every language the event's title is in
 * (an event titled in fi, sv and en needs all three), each text non-empty once trimmed; more languages are welcome.
 */
const mediaTextFields = {
  alt: localizedTextSchema(1000).describe(
    'An image’s alternative text per language: what the photo shows, for readers who cannot see it. Required for ' +
      'images, in every language the event’s title is in (more are welcome), none of them empty; not for documents.',
  ),
  title: localizedTextSchema(300).describe(
    'A document’s title per language. Required for documents, in every language the event’s title is in, none of ' +
      'them empty; not for images.',
  ),
  caption: localizedTextSchema(1000).describe('A caption per language; optional'),
  credit: textSchema(200)
    .nullable()
    .describe('Who took the photo or made the document (Shanghai Media Group); optional, in no language'),
};

/** The texts sent with an upload, as form fields `alt.<language>`, `title.<language>`, `caption.<language>`, `credit`. */
export const mediaTextsSchema = z.strictObject({
  alt: mediaTextFields.alt.default({}),
  title: mediaTextFields.title.default({}),
  caption: mediaTextFields.caption.default({}),
  credit: mediaTextFields.credit.default(null),
});
export type MediaTexts = z.infer<typeof mediaTextsSchema>;

export const updateMediaBodySchema = z.strictObject({
  version: versionSchema.describe('The version of the photo or document, as read'),
  alt: mediaTextFields.alt.optional(),
  title: mediaTextFields.title.optional(),
  caption: mediaTextFields.caption.optional(),
  credit: mediaTextFields.credit.optional(),
});
export type UpdateMediaBody = z.infer<typeof updateMediaBodySchema>;

const localizedResponse = z.record(z.string(), z.string());

export const mediaSchema = z
  .object({
    id: z.number().int(),
    kind: z
      .enum(MEDIA_KINDS)
      .describe('image: a photo, shown with its alt text; document: a PDF to download'),
    url: z.string().describe('The file, for whoever may read the event'),
    fileName: z.string(),
    mediaType: z.string().describe('image/png, image/jpeg, image/webp or application/pdf'),
    size: z.number().int().describe('In bytes'),
    width: z.number().int().nullable().describe('An image’s width in pixels; null for documents'),
    height: z.number().int().nullable().describe('An image’s height in pixels; null for documents'),
    alt: localizedResponse.describe('An image’s alternative text per language'),
    title: localizedResponse.describe('A document’s title per language'),
    caption: localizedResponse,
    credit: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('A photo or a document of an event');
export type MediaResponse = z.infer<typeof mediaSchema>;
