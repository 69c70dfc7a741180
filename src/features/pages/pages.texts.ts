import type { ArticleLanguage } from '../articles/articles.constants.ts';
import type { OrganizationKind } from '../organizations/organizations.constants.ts';
import type { PostRole } from '../people/people.constants.ts';

/** The languages public pages are rendered in; `?lang=` chooses one. */
export const PAGE_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type PageLanguage = ArticleLanguage;

/** Each language's name in itself, for "also in" links. */
export const LANGUAGE_NAMES: Record<PageLanguage, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/** The locale of dates, numbers and Open Graph's og:locale. */
export const LOCALES: Record<PageLanguage, { intl: string; og: string }> = {
  fi: { intl: 'fi-FI', og: 'fi_FI' },
  sv: { intl: 'sv-FI', og: 'sv_FI' },
  en: { intl: 'en-GB', og: 'en_GB' },
};

interface PageTexts {
  skip: string;
  atlas: string;
  moreInformation: string;
  alsoIn: string;
  languageVersions: string;
  about: string;
  feeds: string;
  rss: string;
  atom: string;
  published: string;
  archived: string;
  demo: string;
  articles: string;
  noArticles: string;
  otherLanguages: string;
  partners: string;
  articlesAbout: string;
  events: string;
  upcoming: string;
  past: string;
  members: string;
  latestArticles: string;
  outcomes: string;
  contact: string;
  placesWithTies: (count: number) => string;
  since: (year: string) => string;
  /** Said of a tie whose start no source gives. */
  dateUnknown: string;
  population: (count: string) => string;
  partnerCount: (count: number) => string;
  placeDescription: (name: string, country: string, partners: number) => string;
  countryDescription: (country: string, places: number) => string;
  seriesDescription: (title: string, organization: string) => string;
  countryTitle: (country: string) => string;
  networks: string;
  series: string;
  website: string;
  tiesOf: (place: string) => string;
  organizationDescription: (name: string, kind: string, place: string | null) => string;
  roles: Record<PostRole, string>;
  kinds: Record<OrganizationKind, string>;
}

/** What the server-rendered pages say around their records, in each language. */
export const PAGE_TEXTS: Record<PageLanguage, PageTexts> = {
  fi: {
    skip: 'Siirry sisältöön',
    atlas: 'Ystävyyskaupunkien maailmankartta',
    moreInformation: 'Lisätietoja',
    alsoIn: 'Artikkeli myös kielellä',
    languageVersions: 'Kieliversiot',
    about: 'Aiheet',
    feeds: 'Syötteet',
    rss: 'RSS',
    atom: 'Atom',
    published: 'Julkaistu',
    archived: 'Tämä artikkeli on arkistoitu.',
    demo: 'Esittelyä varten kirjoitettu artikkeli.',
    articles: 'Artikkelit',
    noArticles: 'Tällä kielellä ei ole vielä artikkeleita.',
    otherLanguages: 'Muilla kielillä',
    partners: 'Yhteistyökumppanit',
    articlesAbout: 'Artikkeleita',
    events: 'Tapahtumat',
    upcoming: 'Tulevat',
    past: 'Menneet',
    members: 'Jäsenet',
    latestArticles: 'Uusimmat artikkelit',
    outcomes: 'Tulokset',
    contact: 'Yhteystiedot',
    placesWithTies: (count) => `Paikkakunnat, joilla on yhteistyösuhteita (${count})`,
    since: (year) => `vuodesta ${year}`,
    dateUnknown: 'alkamispäivä ei tiedossa',
    population: (count) => `Asukkaita ${count}`,
    partnerCount: (count) => `${count} yhteistyökumppania`,
    placeDescription: (name, country, partners) =>
      `${name} (${country}): ${partners} ystävyys- ja yhteistyökaupunkia CityBridgessä.`,
    countryDescription: (country, places) =>
      `${country}: ${places} paikkakuntaa, joilla on ystävyys- tai yhteistyökaupunkeja.`,
    seriesDescription: (title, organization) => `${title} – ${organization}`,
    countryTitle: (country) => country,
    networks: 'Verkostot',
    series: 'Artikkelisarjat',
    website: 'Verkkosivusto',
    tiesOf: (place) => `Paikkakunnan ${place} ystävyys- ja yhteistyökaupungit`,
    organizationDescription: (name, kind, place) => `${name}: ${kind}${place ? `, ${place}` : ''}.`,
    roles: {
      mayor: 'Pormestari',
      deputy_mayor: 'Apulaispormestari',
      city_manager: 'Kaupunginjohtaja',
      council_chair: 'Valtuuston puheenjohtaja',
      international_affairs_coordinator: 'Kansainvälisten asioiden koordinaattori',
      ambassador: 'Suurlähettiläs',
      trade_representative: 'Kauppaedustaja',
      ceo: 'Toimitusjohtaja',
      head_of_growth: 'Kasvujohtaja',
      chair: 'Puheenjohtaja',
      vice_chair: 'Varapuheenjohtaja',
      director: 'Johtaja',
      other: 'Yhteyshenkilö',
    },
    kinds: {
      city_government: 'Kaupunki tai kunta',
      regional_government: 'Maakunta tai alue',
      national_agency: 'Valtion virasto',
      company: 'Yritys',
      media: 'Media',
      university: 'Korkeakoulu',
      ngo: 'Järjestö',
      network_secretariat: 'Verkoston sihteeristö',
      other: 'Muu organisaatio',
    },
  },
  sv: {
    skip: 'Hoppa till innehållet',
    atlas: 'Världskarta över vänorter',
    moreInformation: 'Mer information',
    alsoIn: 'Artikeln finns också på',
    languageVersions: 'Språkversioner',
    about: 'Handlar om',
    feeds: 'Flöden',
    rss: 'RSS',
    atom: 'Atom',
    published: 'Publicerad',
    archived: 'Artikeln är arkiverad.',
    demo: 'Artikel skriven för demonstrationen.',
    articles: 'Artiklar',
    noArticles: 'Inga artiklar på det här språket ännu.',
    otherLanguages: 'På andra språk',
    partners: 'Samarbetspartner',
    articlesAbout: 'Artiklar',
    events: 'Evenemang',
    upcoming: 'Kommande',
    past: 'Tidigare',
    members: 'Medlemmar',
    latestArticles: 'Senaste artiklar',
    outcomes: 'Resultat',
    contact: 'Kontakt',
    placesWithTies: (count) => `Orter med samarbetsband (${count})`,
    since: (year) => `sedan ${year}`,
    dateUnknown: 'startdatum okänt',
    population: (count) => `Invånare ${count}`,
    partnerCount: (count) => `${count} samarbetspartner`,
    placeDescription: (name, country, partners) =>
      `${name} (${country}): ${partners} vänorter och samarbetsorter i CityBridge.`,
    countryDescription: (country, places) => `${country}: ${places} orter med vänorter eller samarbetsorter.`,
    seriesDescription: (title, organization) => `${title} – ${organization}`,
    countryTitle: (country) => country,
    networks: 'Nätverk',
    series: 'Artikelserier',
    website: 'Webbplats',
    tiesOf: (place) => `${place}s vänorter och samarbetsorter`,
    organizationDescription: (name, kind, place) => `${name}: ${kind}${place ? `, ${place}` : ''}.`,
    roles: {
      mayor: 'Borgmästare',
      deputy_mayor: 'Biträdande borgmästare',
      city_manager: 'Stadsdirektör',
      council_chair: 'Fullmäktiges ordförande',
      international_affairs_coordinator: 'Koordinator för internationella ärenden',
      ambassador: 'Ambassadör',
      trade_representative: 'Handelsrepresentant',
      ceo: 'Verkställande direktör',
      head_of_growth: 'Tillväxtchef',
      chair: 'Ordförande',
      vice_chair: 'Vice ordförande',
      director: 'Direktör',
      other: 'Kontaktperson',
    },
    kinds: {
      city_government: 'Stad eller kommun',
      regional_government: 'Landskap eller region',
      national_agency: 'Statlig myndighet',
      company: 'Företag',
      media: 'Medier',
      university: 'Högskola',
      ngo: 'Organisation',
      network_secretariat: 'Nätverkets sekretariat',
      other: 'Annan organisation',
    },
  },
  en: {
    skip: 'Skip to content',
    atlas: 'World atlas of twin towns',
    moreInformation: 'More information',
    alsoIn: 'This article is also in',
    languageVersions: 'Language versions',
    about: 'About',
    feeds: 'Feeds',
    rss: 'RSS',
    atom: 'Atom',
    published: 'Published',
    archived: 'This article is archived.',
    demo: 'Article written for the demo.',
    articles: 'Articles',
    noArticles: 'No articles in this language yet.',
    otherLanguages: 'In other languages',
    partners: 'Partners',
    articlesAbout: 'Articles',
    events: 'Events',
    upcoming: 'Upcoming',
    past: 'Past',
    members: 'Members',
    latestArticles: 'Latest articles',
    outcomes: 'Outcomes',
    contact: 'Contact',
    placesWithTies: (count) => `Places with ties (${count})`,
    since: (year) => `since ${year}`,
    dateUnknown: 'date unknown',
    population: (count) => `Population ${count}`,
    partnerCount: (count) => `${count} partners`,
    placeDescription: (name, country, partners) =>
      `${name} (${country}): ${partners} twin towns and partner cities in CityBridge.`,
    countryDescription: (country, places) =>
      `${country}: ${places} places with twin towns or partner cities.`,
    seriesDescription: (title, organization) => `${title} – ${organization}`,
    countryTitle: (country) => country,
    networks: 'Networks',
    series: 'Article series',
    website: 'Website',
    tiesOf: (place) => `Twin towns and partner cities of ${place}`,
    organizationDescription: (name, kind, place) => `${name}: ${kind}${place ? `, ${place}` : ''}.`,
    roles: {
      mayor: 'Mayor',
      deputy_mayor: 'Deputy mayor',
      city_manager: 'City manager',
      council_chair: 'Council chair',
      international_affairs_coordinator: 'International affairs coordinator',
      ambassador: 'Ambassador',
      trade_representative: 'Trade representative',
      ceo: 'CEO',
      head_of_growth: 'Head of growth',
      chair: 'Chair',
      vice_chair: 'Vice chair',
      director: 'Director',
      other: 'Contact person',
    },
    kinds: {
      city_government: 'City or municipality',
      regional_government: 'Region',
      national_agency: 'National agency',
      company: 'Company',
      media: 'Media',
      university: 'University',
      ngo: 'Non-governmental organisation',
      network_secretariat: 'Network secretariat',
      other: 'Other organisation',
    },
  },
};
