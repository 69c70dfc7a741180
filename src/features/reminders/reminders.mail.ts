import { formatMailDate, type MailLanguage } from '../mail/language.ts';
import type { Mail } from '../mail/mailer.ts';
import type { ReminderKind } from './reminders.constants.ts';

/** One reminder as the digest lists it. */
export interface DigestItem {
  kind: ReminderKind;
  data: Record<string, unknown>;
  link: string | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A text kept per language, in the reader's, else English, else any. */
function inLanguage(value: unknown, language: MailLanguage): string {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return '';
  const texts = value as Record<string, unknown>;
  return text(texts[language] ?? texts.en ?? Object.values(texts)[0]);
}

const day = (value: unknown, language: MailLanguage) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? formatMailDate(value, language) : '';

type Words = (data: Record<string, unknown>, language: MailLanguage) => string;

const WORDS: Record<ReminderKind, Record<MailLanguage, Words>> = {
  tie_anniversary: {
    fi: (d, l) => `${text(d.partners)}: yhteistyö täyttää ${d.years} vuotta ${day(d.date, l)}.`,
    sv: (d, l) => `${text(d.partners)}: samarbetet fyller ${d.years} år den ${day(d.date, l)}.`,
    en: (d, l) => `${text(d.partners)}: the tie turns ${d.years} on ${day(d.date, l)}.`,
  },
  tie_renewal: {
    fi: (d, l) => `${text(d.partners)}: sopimus on uusittava tai päättyy ${day(d.date, l)}.`,
    sv: (d, l) => `${text(d.partners)}: avtalet ska förnyas eller löper ut den ${day(d.date, l)}.`,
    en: (d, l) => `${text(d.partners)}: the agreement is due for renewal or expires on ${day(d.date, l)}.`,
  },
  tie_quiet: {
    fi: (d, l) =>
      d.lastActivity
        ? `${text(d.partners)}: ei kirjattua toimintaa ${day(d.lastActivity, l)} jälkeen.`
        : `${text(d.partners)}: ei kirjattua toimintaa ${d.months} kuukauteen.`,
    sv: (d, l) =>
      d.lastActivity
        ? `${text(d.partners)}: ingen registrerad aktivitet sedan ${day(d.lastActivity, l)}.`
        : `${text(d.partners)}: ingen registrerad aktivitet på ${d.months} månader.`,
    en: (d, l) =>
      d.lastActivity
        ? `${text(d.partners)}: no activity logged since ${day(d.lastActivity, l)}.`
        : `${text(d.partners)}: no activity logged in ${d.months} months.`,
  },
  invitation_unanswered: {
    fi: (d, l) =>
      `${text(d.organizationName)} ei ole vastannut kutsuun: ${inLanguage(d.title, l)} (${day(d.startsAt, l)}).`,
    sv: (d, l) =>
      `${text(d.organizationName)} har inte svarat på inbjudan: ${inLanguage(d.title, l)} (${day(d.startsAt, l)}).`,
    en: (d, l) =>
      `${text(d.organizationName)} has not answered the invitation: ${inLanguage(d.title, l)} (${day(d.startsAt, l)}).`,
  },
  campaign_deadline: {
    fi: (d, l) =>
      `${text(d.organizationName)}: kysely ”${inLanguage(d.title, l)}” sulkeutuu ${day(d.closesOn, l)} eikä vastausta ole lähetetty.`,
    sv: (d, l) =>
      `${text(d.organizationName)}: enkäten ”${inLanguage(d.title, l)}” stänger den ${day(d.closesOn, l)} och svaret är inte inlämnat.`,
    en: (d, l) =>
      `${text(d.organizationName)}: the survey “${inLanguage(d.title, l)}” closes on ${day(d.closesOn, l)} and the answer is not submitted.`,
  },
};

/** One reminder in a sentence of the language. */
export function reminderSentence(item: Pick<DigestItem, 'kind' | 'data'>, language: MailLanguage): string {
  return WORDS[item.kind][language](item.data, language);
}

const FRAME: Record<
  MailLanguage,
  { subject: (n: number) => string; greeting: string; intro: string; settings: string; footer: string }
> = {
  fi: {
    subject: (n) => `CityBridge: ${n} ${n === 1 ? 'muistutus' : 'muistutusta'} tällä viikolla`,
    greeting: 'Hei,',
    intro: 'Tämän viikon muistutukset:',
    settings: 'Valitse, mistä sinua muistutetaan:',
    footer: 'Tämä on CityBridgen viikoittainen kooste.',
  },
  sv: {
    subject: (n) => `CityBridge: ${n} ${n === 1 ? 'påminnelse' : 'påminnelser'} denna vecka`,
    greeting: 'Hej,',
    intro: 'Veckans påminnelser:',
    settings: 'Välj vad du vill bli påmind om:',
    footer: 'Detta är CityBridges veckosammanfattning.',
  },
  en: {
    subject: (n) => `CityBridge: ${n} ${n === 1 ? 'reminder' : 'reminders'} this week`,
    greeting: 'Hello,',
    intro: "This week's reminders:",
    settings: 'Choose what you are reminded of:',
    footer: 'This is the weekly digest from CityBridge.',
  },
};

/** The weekly digest of one user's reminders, in their language, with a link to each and to their settings. */
export function digestMail(input: {
  to: string;
  language: MailLanguage;
  items: readonly DigestItem[];
  publicUrl: string;
}): Mail {
  const frame = FRAME[input.language];
  const base = input.publicUrl.replace(/\/$/, '');
  const lines = input.items.map((item) => {
    const sentence = `- ${reminderSentence(item, input.language)}`;
    return item.link ? `${sentence}\n  ${base}${item.link}` : sentence;
  });
  return {
    to: input.to,
    subject: frame.subject(input.items.length),
    text: `${[frame.greeting, frame.intro, lines.join('\n'), `${frame.settings} ${base}/account`, frame.footer].join('\n\n')}\n`,
    language: input.language,
  };
}
