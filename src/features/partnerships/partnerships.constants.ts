/**
 * The kinds and statuses of a tie. Plain constants with no dependencies, so that the web app shares them with the
 * database schema and the API.
 */
export const PARTNERSHIP_KINDS = [
  'twin_town',
  'sister_city',
  'friendship_city',
  'mou',
  'cooperation_agreement',
  'project',
  'network_membership',
] as const;
export const PARTNERSHIP_STATUSES = ['proposed', 'active', 'dormant', 'suspended', 'ended'] as const;
