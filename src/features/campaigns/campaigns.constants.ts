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

/** Where a pre-filled answer came from: the member's ties in the registry, or its answer to the previous round. */
export const PREFILL_SOURCES = ['registry', 'previous'] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

/** Why a registry-table row cannot be applied to the member's ties. */
export const APPLY_PROBLEMS = [
  'not_in_country',
  'needs_ended',
  'end_before_start',
  'already_in_registry',
  'added_twice',
  'no_longer_a_tie',
  'network_membership_kind',
  'kind_taken',
] as const;
export type ApplyProblem = (typeof APPLY_PROBLEMS)[number];
