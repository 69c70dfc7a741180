/** The vocabularies of outcomes and support requests; plain constants shared with the web app. */

/** What a tie, an event or a support request produced. */
export const OUTCOME_KINDS = [
  'lead',
  'deal',
  'export',
  'investment',
  'joint_project',
  'funding',
  'learning',
  'policy_change',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** What a company asks the city's business-support staff for. */
export const SUPPORT_NEEDS = ['market_entry', 'partner_search', 'delegation', 'trade_fair', 'other'] as const;
export type SupportNeed = (typeof SUPPORT_NEEDS)[number];

/** A support request moves from new to closed. */
export const SUPPORT_STATUSES = ['new', 'in_progress', 'answered', 'closed'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
