import { useTranslation } from 'react-i18next';

const displayNames = new Map<string, Intl.DisplayNames>();

/** A country's name in the interface language, from the browser's own data (Intl.DisplayNames). */
export function countryName(code: string, language: string): string {
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    displayNames.set(language, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Formatting helpers bound to the interface language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const numbers = new Intl.NumberFormat(language);
  return {
    language,
    number: (value: number) => numbers.format(value),
    country: (code: string) => countryName(code, language),
    date: (iso: string) =>
      new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(`${iso}T00:00:00Z`)),
  };
}
