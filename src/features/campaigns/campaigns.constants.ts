/** The vocabularies of campaigns; plain constants shared with the web app. */

/** A campaign is built as a draft, open for answers between its dates, then closed. */
export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A member's response is a draft until submitted; a coordinator may reopen a submitted one. */
export const RESPONSE_STATUSES = ['draft', 'submitted'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** The kinds of question a campaign may ask. */
export const QUESTION_TYPES = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'number',
  'scale',
  'date',
  'yes_no',
  'repeatable_group',
  'registry_table',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
