/** The article's vocabulary; plain constants shared with the web app. */

/**
 * draft: its editors' only; scheduled: published by itself at `publishAt`; published: public; archived: off the
 * lists and feeds, its page still there and marked as archived.
 */
export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** The languages an article is written in: one version each. */
export const ARTICLE_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type ArticleLanguage = (typeof ARTICLE_LANGUAGES)[number];

/** Lower-case words of letters and digits joined by single hyphens: international-espoo. */
export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
