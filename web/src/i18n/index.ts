import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself, as a language switch offers it. */
export const LANGUAGE_NAMES: Record<Language, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };
const STORAGE_KEY = 'citybridge.language';

/** Each language's texts load when first needed: the first view carries one language, not three. */
const loaders: Record<Language, () => Promise<{ default: object }>> = {
  fi: () => import('./fi.json'),
  sv: () => import('./sv.json'),
  en: () => import('./en.json'),
};

const isLanguage = (value: string | null | undefined): value is Language =>
  (LANGUAGES as readonly string[]).includes(value ?? '');

/** The remembered choice, else the browser's preferred languages (Accept-Language), else English. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage unavailable (private mode): fall through
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
    if (base === 'nb' || base === 'nn' || base === 'no' || base === 'da') return 'sv';
  }
  return 'en';
}

async function loadLanguage(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  const { default: texts } = await loaders[language]();
  i18next.addResourceBundle(language, 'translation', texts);
}

/** Switches the interface language, loading its texts first, and remembers the choice in this browser. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

export async function setupI18n(): Promise<typeof i18next> {
  const lng = initialLanguage();
  await i18next
    .use(initReactI18next)
    .init({ resources: {}, lng, fallbackLng: false, interpolation: { escapeValue: false } });
  await loadLanguage(lng);
  await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  return i18next;
}
