/** Kinds of organisation; plain constants shared with the web app. */
export const ORGANIZATION_KINDS = [
  'city_government',
  'regional_government',
  'national_agency',
  'company',
  'media',
  'university',
  'ngo',
  'network_secretariat',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Governments speak for their place: their editors keep the ties the place is party to. */
export const GOVERNMENT_KINDS: readonly OrganizationKind[] = ['city_government', 'regional_government'];
