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

/** The page's `?lang=` parameter, when it names one of the languages. */
function queryLanguage(): Language | undefined {
  try {
    const requested = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
    return isLanguage(requested) ? requested : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The language a link asked for (`?lang=fi`, as the server rendered the page for link previews and search engines),
 * else the remembered choice, else the browser's preferred languages (Accept-Language), else English. The link's
 * language is not remembered: only the language switch is the user's choice.
 */
export function initialLanguage(): Language {
  const requested = queryLanguage();
  if (requested) return requested;
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

/**
 * Switches the interface language, loading its texts first, and remembers the choice in this browser. A page
 * whose address names its language (`?lang=`) gets the new one in its address, so the address and the page agree.
 */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
  const url = new URL(window.location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', language);
    window.history.replaceState(window.history.state, '', url);
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
