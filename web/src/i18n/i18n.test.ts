import { afterEach, describe, expect, it, vi } from 'vitest';
import workspaceEn from '../workspace/i18n/en.json';
import workspaceFi from '../workspace/i18n/fi.json';
import workspaceSv from '../workspace/i18n/sv.json';
import en from './en.json';
import fi from './fi.json';
import { initialLanguage, LANGUAGES } from './index.ts';
import sv from './sv.json';

/** The atlas's texts and the workspace's own namespace, checked as one tree per language. */
const resources = {
  fi: { translation: { ...fi, workspace: workspaceFi } },
  sv: { translation: { ...sv, workspace: workspaceSv } },
  en: { translation: { ...en, workspace: workspaceEn } },
};

/** Every key path of a translation tree, e.g. `atlas.title`. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('translations', () => {
  const english = keys(resources.en.translation).sort();

  it.each(LANGUAGES)('%s has exactly the keys of every other language, none empty', (language) => {
    const tree = resources[language].translation;
    expect(keys(tree).sort()).toEqual(english);
    for (const key of english) {
      const value = key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
      expect(typeof value === 'string' && value.trim().length > 0, `${language}: ${key}`).toBe(true);
    }
  });

  it('uses every interpolation of the English text in each translation', () => {
    for (const language of LANGUAGES) {
      for (const key of english) {
        const get = (tree: object) =>
          key
            .split('.')
            .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
        const wanted = (get(resources.en.translation).match(/\{\{\w+\}\}/g) ?? []).sort();
        const found = (get(resources[language].translation).match(/\{\{\w+\}\}/g) ?? []).sort();
        expect([...new Set(found)], `${language}: ${key}`).toEqual([...new Set(wanted)]);
      }
    }
  });
});

describe('initialLanguage', () => {
  /** A browser with an address, a remembered choice and preferred languages. */
  function browser(search: string, stored: string | null, languages: string[]) {
    vi.stubGlobal('location', { search });
    vi.stubGlobal('localStorage', { getItem: () => stored, setItem: () => undefined });
    vi.stubGlobal('navigator', { languages, language: languages[0] });
  }
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("takes the address's ?lang= over the remembered choice and the browser's languages", () => {
    browser('?lang=sv', 'fi', ['en-GB']);
    expect(initialLanguage()).toBe('sv');
  });

  it('ignores a ?lang= that names no language of the app', () => {
    browser('?lang=de', 'fi', ['en-GB']);
    expect(initialLanguage()).toBe('fi');
    browser('?lang=', null, ['sv-FI']);
    expect(initialLanguage()).toBe('sv');
  });

  it('falls back to the remembered choice, then the browser, then English', () => {
    browser('', 'en', ['fi-FI']);
    expect(initialLanguage()).toBe('en');
    browser('', null, ['fi-FI']);
    expect(initialLanguage()).toBe('fi');
    browser('', null, ['de-DE']);
    expect(initialLanguage()).toBe('en');
  });
});
