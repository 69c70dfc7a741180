/** The languages the app writes its e-mails in. */
export const MAIL_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

/** The language an organisation's people most likely read, when they have not chosen one: by its country. */
export function languageOfCountry(country: string | null | undefined): MailLanguage {
  if (country === 'FI') return 'fi';
  if (country === 'SE' || country === 'AX') return 'sv';
  return 'en';
}

/** The user's own language when they chose one, else their organisation's country's. */
export function mailLanguage(
  chosen: string | null | undefined,
  country: string | null | undefined,
): MailLanguage {
  return (MAIL_LANGUAGES as readonly string[]).includes(chosen ?? '')
    ? (chosen as MailLanguage)
    : languageOfCountry(country);
}

/** A day (`2026-12-24`) as the language writes it in a letter. */
export function formatMailDate(date: string, language: MailLanguage): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}
