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

/** What a tie is about. */
export const PARTNERSHIP_THEMES = [
  'sustainable_development',
  'education',
  'business',
  'culture',
  'innovation',
  'health',
  'environment',
  'youth',
  'sport',
  'tourism',
  'social_welfare',
  'urban_planning',
  'research',
  'civil_society',
] as const;

/** Kinds of which two places have at most one tie; MoUs, agreements and projects can repeat. */
export const SINGLE_TIE_KINDS = [
  'twin_town',
  'sister_city',
  'friendship_city',
  'network_membership',
] as const;
