import type { ActivityKind } from '../activities/activities.constants.ts';
import type { EventKind } from '../events/events.constants.ts';
import type { OutcomeKind } from '../outcomes/outcomes.constants.ts';
import type { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.constants.ts';

type PartnershipKind = (typeof PARTNERSHIP_KINDS)[number];
type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

/** The languages a report is written in. */
export const REPORT_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

interface ReportTexts {
  title: string;
  organizationTitle: string;
  generated: (date: string) => string;
  since: (date: string, years: number) => string;
  noStart: string;
  nextAnniversary: (years: number, date: string) => string;
  renewal: (date: string) => string;
  figures: string;
  activities: string;
  events: string;
  outcomes: string;
  companies: string;
  people: string;
  followUps: string;
  ties: string;
  byYear: string;
  year: string;
  values: string;
  timeline: string;
  none: string;
  due: (date: string) => string;
  restricted: string;
  partnershipKinds: Record<PartnershipKind, string>;
  statuses: Record<PartnershipStatus, string>;
  activityKinds: Record<ActivityKind, string>;
  eventKinds: Record<EventKind, string>;
  outcomeKinds: Record<OutcomeKind, string>;
}

/** What a printed report says around its figures, in each of its languages. */
export const REPORT_TEXTS: Record<ReportLanguage, ReportTexts> = {
  en: {
    title: 'Impact report',
    organizationTitle: 'Impact report of an organisation',
    generated: (date) => `Made with CityBridge on ${date}`,
    since: (date, years) => `Since ${date}: ${years} ${years === 1 ? 'year' : 'years'}`,
    noStart: 'Start date unknown',
    nextAnniversary: (years, date) => `${years} years on ${date}`,
    renewal: (date) => `Renewal or expiry on ${date}`,
    figures: 'In figures',
    activities: 'Activities',
    events: 'Events',
    outcomes: 'Outcomes',
    companies: 'Companies and organisations involved',
    people: 'People met',
    followUps: 'Open follow-ups',
    ties: 'Ties',
    byYear: 'By year',
    year: 'Year',
    values: 'Value of outcomes, per currency',
    timeline: 'Timeline',
    none: 'None recorded.',
    due: (date) => `by ${date}`,
    restricted:
      'Activities, people and internal outcomes are shown to the members of the organisations concerned.',
    partnershipKinds: {
      twin_town: 'Twin town',
      sister_city: 'Sister city',
      friendship_city: 'Friendship city',
      mou: 'Memorandum of understanding',
      cooperation_agreement: 'Cooperation agreement',
      project: 'Project',
      network_membership: 'Network membership',
    },
    statuses: {
      proposed: 'proposed',
      active: 'active',
      dormant: 'dormant',
      suspended: 'suspended',
      ended: 'ended',
    },
    activityKinds: {
      meeting: 'Meeting',
      call: 'Call',
      visit: 'Visit',
      email: 'E-mail',
      event: 'Event',
      other: 'Other',
    },
    eventKinds: {
      forum: 'Forum',
      trade_fair: 'Trade fair',
      delegation_visit: 'Delegation visit',
      conference: 'Conference',
      webinar: 'Webinar',
      meeting: 'Meeting',
      signing_ceremony: 'Signing ceremony',
    },
    outcomeKinds: {
      lead: 'Lead',
      deal: 'Deal',
      export: 'Export',
      investment: 'Investment',
      joint_project: 'Joint project',
      funding: 'Funding',
      learning: 'Learning',
      policy_change: 'Policy change',
    },
  },
  fi: {
    title: 'Vaikuttavuusraportti',
    organizationTitle: 'Organisaation vaikuttavuusraportti',
    generated: (date) => `Laadittu CityBridgessä ${date}`,
    since: (date, years) => `${date} alkaen: ${years} ${years === 1 ? 'vuosi' : 'vuotta'}`,
    noStart: 'Alkamispäivä ei tiedossa',
    nextAnniversary: (years, date) => `${years} vuotta ${date}`,
    renewal: (date) => `Uusittava tai päättyy ${date}`,
    figures: 'Lukuina',
    activities: 'Toiminta',
    events: 'Tapahtumat',
    outcomes: 'Tulokset',
    companies: 'Mukana olleet yritykset ja organisaatiot',
    people: 'Tavatut henkilöt',
    followUps: 'Avoimet jatkotoimet',
    ties: 'Yhteistyösuhteet',
    byYear: 'Vuosittain',
    year: 'Vuosi',
    values: 'Tulosten arvo valuutoittain',
    timeline: 'Aikajana',
    none: 'Ei kirjauksia.',
    due: (date) => `viimeistään ${date}`,
    restricted: 'Toiminta, henkilöt ja sisäiset tulokset näytetään asianomaisten organisaatioiden jäsenille.',
    partnershipKinds: {
      twin_town: 'Ystävyyskaupunki',
      sister_city: 'Sisarkaupunki',
      friendship_city: 'Ystävyyskaupunki (friendship city)',
      mou: 'Yhteisymmärryspöytäkirja',
      cooperation_agreement: 'Yhteistyösopimus',
      project: 'Hanke',
      network_membership: 'Verkoston jäsenyys',
    },
    statuses: {
      proposed: 'ehdotettu',
      active: 'aktiivinen',
      dormant: 'lepäävä',
      suspended: 'keskeytetty',
      ended: 'päättynyt',
    },
    activityKinds: {
      meeting: 'Tapaaminen',
      call: 'Puhelu',
      visit: 'Vierailu',
      email: 'Sähköposti',
      event: 'Tapahtuma',
      other: 'Muu',
    },
    eventKinds: {
      forum: 'Foorumi',
      trade_fair: 'Messut',
      delegation_visit: 'Valtuuskunnan vierailu',
      conference: 'Konferenssi',
      webinar: 'Webinaari',
      meeting: 'Kokous',
      signing_ceremony: 'Allekirjoitustilaisuus',
    },
    outcomeKinds: {
      lead: 'Liidi',
      deal: 'Kauppa',
      export: 'Vienti',
      investment: 'Investointi',
      joint_project: 'Yhteishanke',
      funding: 'Rahoitus',
      learning: 'Oppiminen',
      policy_change: 'Toimintapolitiikan muutos',
    },
  },
  sv: {
    title: 'Effektrapport',
    organizationTitle: 'Effektrapport för en organisation',
    generated: (date) => `Gjord med CityBridge ${date}`,
    since: (date, years) => `Sedan ${date}: ${years} år`,
    noStart: 'Startdatum okänt',
    nextAnniversary: (years, date) => `${years} år den ${date}`,
    renewal: (date) => `Förnyas eller löper ut den ${date}`,
    figures: 'I siffror',
    activities: 'Aktiviteter',
    events: 'Evenemang',
    outcomes: 'Resultat',
    companies: 'Företag och organisationer som deltog',
    people: 'Personer som vi träffade',
    followUps: 'Öppna uppföljningar',
    ties: 'Samarbeten',
    byYear: 'Per år',
    year: 'År',
    values: 'Resultatens värde per valuta',
    timeline: 'Tidslinje',
    none: 'Inget registrerat.',
    due: (date) => `senast ${date}`,
    restricted:
      'Aktiviteter, personer och interna resultat visas för medlemmarna i de berörda organisationerna.',
    partnershipKinds: {
      twin_town: 'Vänort',
      sister_city: 'Systerstad',
      friendship_city: 'Vänskapsstad',
      mou: 'Samförståndsavtal',
      cooperation_agreement: 'Samarbetsavtal',
      project: 'Projekt',
      network_membership: 'Medlemskap i nätverk',
    },
    statuses: {
      proposed: 'föreslaget',
      active: 'aktivt',
      dormant: 'vilande',
      suspended: 'avbrutet',
      ended: 'avslutat',
    },
    activityKinds: {
      meeting: 'Möte',
      call: 'Samtal',
      visit: 'Besök',
      email: 'E-post',
      event: 'Evenemang',
      other: 'Annat',
    },
    eventKinds: {
      forum: 'Forum',
      trade_fair: 'Mässa',
      delegation_visit: 'Delegationsbesök',
      conference: 'Konferens',
      webinar: 'Webbinarium',
      meeting: 'Möte',
      signing_ceremony: 'Undertecknande',
    },
    outcomeKinds: {
      lead: 'Lead',
      deal: 'Affär',
      export: 'Export',
      investment: 'Investering',
      joint_project: 'Gemensamt projekt',
      funding: 'Finansiering',
      learning: 'Lärande',
      policy_change: 'Policyförändring',
    },
  },
};

/** A day (`2026-12-24`) as the language writes it. */
export function reportDate(day: string, language: ReportLanguage): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}
