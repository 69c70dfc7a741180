/** Posts people hold in organisations; plain constants shared with the web app. */
export const POST_ROLES = [
  'mayor',
  'deputy_mayor',
  'city_manager',
  'council_chair',
  'international_affairs_coordinator',
  'ambassador',
  'trade_representative',
  'ceo',
  'head_of_growth',
  'chair',
  'vice_chair',
  'director',
  'other',
] as const;
export type PostRole = (typeof POST_ROLES)[number];

export const CONTACT_KINDS = ['email', 'phone'] as const;
