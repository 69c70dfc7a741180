/** The vocabularies of a working group's discussion; plain constants shared with the web app. */

/** The kinds of registry record a post may link to. */
export const POST_LINK_TYPES = ['place', 'partnership', 'event', 'organization'] as const;
export type PostLinkType = (typeof POST_LINK_TYPES)[number];

/** The longest post, in characters (the database holds the same limit). */
export const POST_MAX_LENGTH = 10_000;

/** How many organisations one post may mention, and how many records it may link to. */
export const POST_MAX_MENTIONS = 20;
export const POST_MAX_LINKS = 20;

/** The notification a mention sends to the people of the organisation mentioned. */
export const POST_MENTION_KIND = 'post_mention';
