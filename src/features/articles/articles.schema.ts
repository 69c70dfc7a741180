import * as z from 'zod';
import {
  idBodySchema,
  idQuerySchema,
  idSchema,
  localizedTextSchema,
  textSchema,
  versionSchema,
} from '../../core/schemas.ts';
import { POST_ROLES } from '../people/people.constants.ts';
import { keptRecordFields, updateBodySchema } from '../records/records.schema.ts';
import { ARTICLE_LANGUAGES, ARTICLE_STATUSES, SLUG_PATTERN } from './articles.constants.ts';

export const seriesParamsSchema = z.strictObject({ id: idSchema.describe('Series id') });
export const articleParamsSchema = z.strictObject({ id: idSchema.describe('Article id') });

export const slugSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .regex(new RegExp(SLUG_PATTERN), 'must be lower-case words of a–z and 0–9 joined by hyphens')
  .describe('The public address: lower-case words joined by hyphens');
export const slugParamsSchema = z.strictObject({ slug: slugSchema });

const named = (max: number, what: string) =>
  localizedTextSchema(max)
    .refine((texts) => Object.keys(texts).length > 0, 'must have a text in at least one language')
    .describe(what);

const ids = (what: string) =>
  z
    .array(idBodySchema)
    .max(100)
    .refine((list) => new Set(list).size === list.length, 'lists an id twice')
    .describe(what);

// ---- series

const seriesFields = {
  organizationId: idBodySchema.describe("The organisation whose editors write the series' articles"),
  slug: slugSchema,
  title: named(200, 'The name per language: "International Espoo"'),
  description: localizedTextSchema(2000).describe('What the series tells, per language'),
};

export const createSeriesBodySchema = z.strictObject({
  ...seriesFields,
  description: seriesFields.description.default({}),
});
export type CreateSeriesBody = z.infer<typeof createSeriesBodySchema>;

export const updateSeriesBodySchema = updateBodySchema(seriesFields);
export type UpdateSeriesBody = z.infer<typeof updateSeriesBodySchema>;

const feedLinksSchema = z
  .record(z.enum(ARTICLE_LANGUAGES), z.object({ rss: z.string(), atom: z.string() }))
  .describe('The RSS 2.0 and Atom feeds, one per language');

export const seriesSchema = z.object({
  id: z.number().int(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  slug: z.string(),
  title: z.record(z.string(), z.string()),
  description: z.record(z.string(), z.string()),
  url: z.string().describe('The public page'),
  feeds: feedLinksSchema,
  ...keptRecordFields,
});
export type SeriesResponse = z.infer<typeof seriesSchema>;

export const seriesListQuerySchema = z.strictObject({
  organizationId: idQuerySchema.optional().describe("The organisation's series"),
});
export type SeriesListQuery = z.infer<typeof seriesListQuerySchema>;

export const seriesListResponseSchema = z.object({ items: z.array(seriesSchema) });
export type SeriesListResponse = z.infer<typeof seriesListResponseSchema>;

// ---- articles

export const articleLinksSchema = z.strictObject({
  placeIds: ids('The places it is about'),
  partnershipIds: ids('The ties it is about'),
  eventIds: ids('The events it is about'),
  outcomeIds: ids('The outcomes it tells'),
  networkIds: ids('The networks and working groups it is about'),
});
export type ArticleLinks = z.infer<typeof articleLinksSchema>;

export const contactBodySchema = z
  .strictObject({
    postId: idBodySchema
      .nullable()
      .default(null)
      .describe("A published person's post: the page shows their name and post, never their contact points"),
    label: localizedTextSchema(200)
      .default({})
      .describe('A role the address belongs to, per language: "International affairs"'),
    email: z.email('must be an e-mail address').max(200).nullable().default(null).describe('A role address'),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,30}$/, 'must be a phone number')
      .nullable()
      .default(null)
      .describe("A role's phone number"),
  })
  .refine((contact) => contact.postId !== null || contact.email !== null || contact.phone !== null, {
    message: 'must name a post, an address or a phone number',
  })
  .describe('The "more information" block that ends the article');
export type ContactBody = z.infer<typeof contactBodySchema>;

const articleFields = {
  language: z.enum(ARTICLE_LANGUAGES),
  slug: slugSchema,
  title: textSchema(200),
  lead: z.string().trim().max(600).describe('The lead paragraph, as plain text'),
  body: z
    .string()
    .max(200_000)
    .describe(
      'HTML: paragraphs, headings (h2, h3), bold, italic, strike, lists, quotes, links and images with alt text. ' +
        'Anything else is removed; an image without alt text is refused.',
    ),
  authorRole: z.enum(POST_ROLES).nullable().describe('The author, as the page names them: by their post'),
  contact: contactBodySchema.nullable(),
  links: articleLinksSchema.partial().describe('What the story is about; shared by its language versions'),
};

export const createArticleBodySchema = z
  .strictObject({
    seriesId: idBodySchema.optional().describe('The series of a new story'),
    translationOf: idBodySchema
      .optional()
      .describe('The article this one translates (a new language version)'),
    ...articleFields,
    lead: articleFields.lead.default(''),
    body: articleFields.body.default(''),
    authorRole: articleFields.authorRole.default(null),
    contact: articleFields.contact.default(null),
    links: articleFields.links.default({}),
  })
  .refine((body) => (body.seriesId === undefined) !== (body.translationOf === undefined), {
    message: 'must give either seriesId (a new story) or translationOf (a new language version)',
    path: ['seriesId'],
  });
export type CreateArticleBody = z.infer<typeof createArticleBodySchema>;

export const updateArticleBodySchema = updateBodySchema({
  slug: articleFields.slug,
  title: articleFields.title,
  lead: articleFields.lead,
  body: articleFields.body,
  authorRole: articleFields.authorRole,
  contact: articleFields.contact,
  links: articleFields.links,
});
export type UpdateArticleBody = z.infer<typeof updateArticleBodySchema>;

export const articleStatusBodySchema = z.strictObject({
  version: versionSchema,
  status: z.enum(ARTICLE_STATUSES),
  publishAt: z.iso
    .datetime({ offset: true })
    .refine((value) => {
      const year = new Date(value).getUTCFullYear();
      return year >= 1900 && year <= 9999;
    }, 'must be a time between the years 1900 and 9999')
    .optional()
    .describe('scheduled: when it is to be published (in the future); published: when it was (default now)'),
});
export type ArticleStatusBody = z.infer<typeof articleStatusBodySchema>;

const translationSchema = z.object({
  id: z.number().int(),
  language: z.enum(ARTICLE_LANGUAGES),
  slug: z.string(),
  url: z.string(),
  title: z.string(),
  status: z.enum(ARTICLE_STATUSES),
});

export const articleSchema = z.object({
  id: z.number().int(),
  storyId: z.number().int().describe("The story's first version: its language versions share its links"),
  translationOf: z.number().int().nullable(),
  series: z.object({ id: z.number().int(), slug: z.string(), title: z.record(z.string(), z.string()) }),
  organizationId: z.number().int(),
  organizationName: z.string(),
  language: z.enum(ARTICLE_LANGUAGES),
  slug: z.string(),
  url: z.string().describe('The public page'),
  title: z.string(),
  lead: z.string(),
  body: z.string().describe('Sanitised HTML'),
  status: z
    .enum(ARTICLE_STATUSES)
    .describe('As it stands now: a scheduled article whose time has come is published'),
  publishAt: z.string().nullable(),
  authorRole: z.enum(POST_ROLES).nullable(),
  contact: z
    .object({
      person: z
        .object({
          name: z.string(),
          role: z.enum(POST_ROLES),
          title: z.string().nullable(),
          organizationName: z.string(),
        })
        .nullable()
        .describe('The post named, while its person is published'),
      postId: z.number().int().nullable().describe("For the article's editors"),
      label: z.record(z.string(), z.string()),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable(),
  links: articleLinksSchema.describe('What the story is about, as far as the reader may read it'),
  translations: z.array(translationSchema).describe('The other language versions the reader may read'),
  demo: z.boolean().describe('Written for the demo workspace'),
  ...keptRecordFields,
});
export type ArticleResponse = z.infer<typeof articleSchema>;

export const articleListQuerySchema = z.strictObject({
  seriesId: idQuerySchema.optional(),
  organizationId: idQuerySchema.optional().describe("Of the organisation's series"),
  language: z.enum(ARTICLE_LANGUAGES).optional(),
  placeId: idQuerySchema.optional().describe('About this place'),
  partnershipId: idQuerySchema.optional().describe('About this tie'),
  eventId: idQuerySchema.optional().describe('About this event'),
  outcomeId: idQuerySchema.optional().describe('Telling this outcome'),
  networkId: idQuerySchema.optional().describe('About this network'),
  status: z
    .enum(ARTICLE_STATUSES)
    .optional()
    .describe('Published by default; drafts, scheduled and archived ones for their editors'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

export const articleListResponseSchema = z.object({
  items: z.array(articleSchema).describe('Newest first'),
});
export type ArticleListResponse = z.infer<typeof articleListResponseSchema>;

export const feedQuerySchema = z.strictObject({
  lang: z.enum(ARTICLE_LANGUAGES).describe("The feed's language: each language is a feed of its own"),
});
