/**
 * The sentences that explain a door-opener path, one per step, in Finnish, Swedish and English. Place names are
 * never inflected: every sentence is built so that a name stands in its basic form.
 */

export const DOOR_OPENER_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type DoorOpenerLanguage = (typeof DOOR_OPENER_LANGUAGES)[number];

/** A tie step as a sentence needs it. */
export interface TieSentence {
  from: string;
  to: string;
  kind: string;
  status: string;
  startYear: number | null;
  /** The network that makes `from` one of us ("Vantaa, a member of C21"), when it does. */
  memberOf: string | null;
}

/** A distance step as a sentence needs it. */
export interface DistanceSentence {
  from: string;
  to: string;
  km: number;
  sameCountry: boolean;
  sameRegion: boolean;
}

/** An event step as a sentence needs it. */
export interface EventSentence {
  from: string;
  to: string;
  /** The event's title in the language, or in any it has. */
  title: string;
  year: number;
}

type TieWords = (a: string, b: string, year: number | null) => string;

const TIE_WORDS: Record<DoorOpenerLanguage, Record<string, TieWords>> = {
  fi: {
    twin_town: (a, b, y) => `${a} ja ${b} ovat ystävyyskaupunkeja${y ? ` vuodesta ${y}` : ''}`,
    sister_city: (a, b, y) => `${a} ja ${b} ovat sisarkaupunkeja${y ? ` vuodesta ${y}` : ''}`,
    friendship_city: (a, b, y) => `${a} ja ${b} ovat olleet ystävyyssuhteessa${y ? ` vuodesta ${y}` : ''}`,
    mou: (a, b, y) => `${a} ja ${b} ovat allekirjoittaneet yhteistyöpöytäkirjan${y ? ` vuonna ${y}` : ''}`,
    cooperation_agreement: (a, b, y) =>
      `${a} ja ${b} ovat tehneet yhteistyösopimuksen${y ? ` vuonna ${y}` : ''}`,
    project: (a, b, y) => `${a} ja ${b} ovat mukana yhteisessä hankkeessa${y ? ` vuodesta ${y}` : ''}`,
    network_membership: (a, b) => `${a} ja ${b} kuuluvat samaan verkostoon`,
  },
  sv: {
    twin_town: (a, b, y) => `${a} och ${b} är vänorter${y ? ` sedan ${y}` : ''}`,
    sister_city: (a, b, y) => `${a} och ${b} är systerstäder${y ? ` sedan ${y}` : ''}`,
    friendship_city: (a, b, y) => `${a} och ${b} är vänskapsstäder${y ? ` sedan ${y}` : ''}`,
    mou: (a, b, y) => `${a} och ${b} har undertecknat ett samförståndsavtal${y ? ` år ${y}` : ''}`,
    cooperation_agreement: (a, b, y) => `${a} och ${b} har ingått ett samarbetsavtal${y ? ` år ${y}` : ''}`,
    project: (a, b, y) => `${a} och ${b} deltar i ett gemensamt projekt${y ? ` sedan ${y}` : ''}`,
    network_membership: (a, b) => `${a} och ${b} hör till samma nätverk`,
  },
  en: {
    twin_town: (a, b, y) => `${a} has been twinned with ${b}${y ? ` since ${y}` : ''}`,
    sister_city: (a, b, y) => `${a} has been a sister city of ${b}${y ? ` since ${y}` : ''}`,
    friendship_city: (a, b, y) => `${a} has been a friendship city of ${b}${y ? ` since ${y}` : ''}`,
    mou: (a, b, y) => `${a} has signed a memorandum of understanding with ${b}${y ? ` in ${y}` : ''}`,
    cooperation_agreement: (a, b, y) =>
      `${a} has signed a cooperation agreement with ${b}${y ? ` in ${y}` : ''}`,
    project: (a, b, y) => `${a} has worked in a joint project with ${b}${y ? ` since ${y}` : ''}`,
    network_membership: (a, b) => `${a} and ${b} belong to the same network`,
  },
};

const STATUS_WORDS: Record<DoorOpenerLanguage, Record<string, string>> = {
  fi: { proposed: 'ehdotettu', dormant: 'hiljainen', suspended: 'keskeytetty', ended: 'päättynyt' },
  sv: { proposed: 'föreslagen', dormant: 'vilande', suspended: 'avbruten', ended: 'avslutad' },
  en: { proposed: 'proposed', dormant: 'dormant', suspended: 'suspended', ended: 'ended' },
};

const MEMBER_OF: Record<DoorOpenerLanguage, (place: string, network: string) => string> = {
  fi: (place, network) => `${place} (verkoston ${network} jäsen)`,
  sv: (place, network) => `${place}, medlem i ${network},`,
  en: (place, network) => `${place}, a member of ${network},`,
};

const STATUS_NOTE: Record<DoorOpenerLanguage, (status: string) => string> = {
  fi: (status) => ` (suhteen tila: ${status})`,
  sv: (status) => ` (status: ${status})`,
  en: (status) => ` (status: ${status})`,
};

const LOCALES: Record<DoorOpenerLanguage, string> = { fi: 'fi-FI', sv: 'sv-SE', en: 'en-GB' };

/** One sentence for a tie step. */
export function tieSentence(language: DoorOpenerLanguage, step: TieSentence): string {
  const from = step.memberOf ? MEMBER_OF[language](step.from, step.memberOf) : step.from;
  const words = TIE_WORDS[language][step.kind] ?? TIE_WORDS[language].cooperation_agreement!;
  const status = STATUS_WORDS[language][step.status];
  return `${words(from, step.to, step.startYear)}${status ? STATUS_NOTE[language](status) : ''}.`;
}

/** One sentence for a distance step. */
export function distanceSentence(language: DoorOpenerLanguage, step: DistanceSentence): string {
  const km = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 0 }).format(step.km);
  const where = step.sameRegion ? 'region' : step.sameCountry ? 'country' : null;
  switch (language) {
    case 'fi':
      return `${step.from} on ${km} km:n päässä kohteesta ${step.to}${
        where === 'region' ? ' samalla alueella' : where === 'country' ? ' samassa maassa' : ''
      }.`;
    case 'sv':
      return `${step.from} ligger ${km} km från ${step.to}${
        where === 'region' ? ' i samma region' : where === 'country' ? ' i samma land' : ''
      }.`;
    case 'en':
      return `${step.from} is ${km} km from ${step.to}${
        where === 'region' ? ' in the same region' : where === 'country' ? ' in the same country' : ''
      }.`;
  }
}

/** One sentence for an event step: both places were at the event. */
export function eventSentence(language: DoorOpenerLanguage, step: EventSentence): string {
  switch (language) {
    case 'fi':
      return `${step.from} ja ${step.to} olivat molemmat mukana tapahtumassa ${step.title} (${step.year}).`;
    case 'sv':
      return `${step.from} och ${step.to} var båda med på evenemanget ${step.title} (${step.year}).`;
    case 'en':
      return `${step.from} and ${step.to} were both at ${step.title} (${step.year}).`;
  }
}

/**
 * The language of the answer: the `lang` asked for, else the first of Finnish, Swedish and English the
 * Accept-Language header prefers, else English.
 */
export function doorOpenerLanguage(
  lang: DoorOpenerLanguage | undefined,
  acceptLanguage: string | undefined,
): DoorOpenerLanguage {
  if (lang) return lang;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return {
        base: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: q === undefined ? 1 : Number(q),
        index,
      };
    })
    .filter((entry) => entry.q > 0)
    .sort((x, y) => y.q - x.q || x.index - y.index);
  for (const { base } of preferred) {
    if ((DOOR_OPENER_LANGUAGES as readonly string[]).includes(base)) return base as DoorOpenerLanguage;
  }
  return 'en';
}
