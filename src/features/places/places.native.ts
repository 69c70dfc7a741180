/**
 * A place's native name: its name in the main language of its country, which `Intl.Locale` knows from the Unicode
 * CLDR's likely subtags (CN → Chinese in simplified Han, TW → Chinese in traditional Han, RU → Russian in Cyrillic).
 */

/** The main language of a country as a language tag, with its script only when the language's usual one differs. */
export interface CountryLanguage {
  language: string;
  script: string;
  tag: string;
}

/** The main language of a country (ISO 3166-1 alpha-2), or null when CLDR knows none. */
export function countryLanguage(country: string): CountryLanguage | null {
  let likely: Intl.Locale;
  try {
    likely = new Intl.Locale('und', { region: country }).maximize();
  } catch {
    return null;
  }
  const { language, script } = likely;
  if (!language || language === 'und' || !script || likely.region !== country) return null;
  const usual = new Intl.Locale(language).maximize().script;
  return { language, script, tag: usual === script ? language : `${language}-${script}` };
}

/**
 * Scripts that one language writes in nearly every country where it is the main language, so that a name of unknown
 * language written in such a script is, for a place of that country, the name in its language. Cyrillic, Arabic,
 * Devanagari and Latin are shared by too many languages to tell (Казань in Russian, Казан in Tatar).
 */
const TELLING_SCRIPTS: Record<string, RegExp> = {
  Hans: /^[\p{Script=Han}\s·]+$/u,
  Hant: /^[\p{Script=Han}\s·]+$/u,
  Jpan: /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u,
  Kore: /^[\p{Script=Hangul}\s]+$/u,
  Thai: /^[\p{Script=Thai}\s]+$/u,
  Grek: /^[\p{Script=Greek}\s-]+$/u,
  Hebr: /^[\p{Script=Hebrew}\s'"׳״-]+$/u,
  Geor: /^[\p{Script=Georgian}\s-]+$/u,
  Armn: /^[\p{Script=Armenian}\s-]+$/u,
  Khmr: /^[\p{Script=Khmer}\s]+$/u,
  Laoo: /^[\p{Script=Lao}\s]+$/u,
  Mymr: /^[\p{Script=Myanmar}\s]+$/u,
  Sinh: /^[\p{Script=Sinhala}\s]+$/u,
  Ethi: /^[\p{Script=Ethiopic}\s]+$/u,
};

export interface NameEntry {
  name: string;
  lang: string;
  kind: 'official' | 'alias';
}

/**
 * The place's name in its country's main language: an official name in that language (in its script, where the
 * language is written in several), else an alias in it; else, for scripts that tell the language, the shortest name of
 * unknown language written in the country's script (北京 before 北京市). Null when none is known.
 */
export function pickNativeName(
  country: string,
  names: readonly NameEntry[],
): { name: string; lang: string } | null {
  const main = countryLanguage(country);
  if (!main) return null;
  const inLanguage = names
    .filter((entry) => entry.lang === main.tag || entry.lang === `${main.language}-${main.script}`)
    .sort((a, b) => Number(a.kind !== 'official') - Number(b.kind !== 'official'));
  if (inLanguage[0]) return { name: inLanguage[0].name, lang: main.tag };
  const script = TELLING_SCRIPTS[main.script];
  if (!script) return null;
  const written = names
    .filter((entry) => entry.lang === 'und' && script.test(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => [...a].length - [...b].length || (a < b ? -1 : a > b ? 1 : 0));
  return written[0] ? { name: written[0], lang: main.tag } : null;
}
