/** The text in the reader's language, else English, else the first there is; '' when there is none. */
export function inLanguage(text: Readonly<Record<string, string>>, lang: string): string {
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}
