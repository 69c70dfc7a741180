import { describe, expect, it } from 'vitest';
import workspaceEn from '../workspace/i18n/en.json';
import workspaceFi from '../workspace/i18n/fi.json';
import workspaceSv from '../workspace/i18n/sv.json';
import en from './en.json';
import fi from './fi.json';
import { LANGUAGES } from './index.ts';
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
