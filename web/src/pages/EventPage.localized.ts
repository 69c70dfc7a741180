/** A text as a page shows it, with the language it is in. */
export interface Localized {
  text: string;
  /** The text's language: marked on the element when it is not the page's. */
  lang: string;
}

/** A text in the reader's language, else in English, else in whichever language there is. */
export function pickText(texts: Record<string, string>, language: string): Localized | undefined {
  for (const lang of [language, 'en', ...Object.keys(texts)]) {
    const text = texts[lang];
    if (text?.trim()) return { text, lang };
  }
  return undefined;
}

/** The `lang` attribute for a text: only when it differs from the page's language. */
export const langOf = (text: Localized | undefined, language: string): string | undefined =>
  text && text.lang !== language ? text.lang : undefined;
