import { describe, expect, it } from 'vitest';
import en from './en.json';
import fi from './fi.json';
import { LANGUAGES } from './index.ts';
import sv from './sv.json';

const resources = { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } };

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
