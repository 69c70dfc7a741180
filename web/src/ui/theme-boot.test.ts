/**
 * The theme applied before the first paint (the inline script in index.html's <head>) is the one
 * theme-boot.ts applies and stores: same storage key, same rule, for every choice and for what is not a choice.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ThemeChoice } from './theme-boot.ts';

const HEAD_SCRIPT = /<script>([\s\S]*?)<\/script>/.exec(
  readFileSync(new URL('../../index.html', import.meta.url), 'utf8'),
)![1]!;

/** A page's <html> and this browser's storage, as much as the two scripts use of them. */
function fakePage(entries: Map<string, string> | 'unavailable') {
  const storage = {
    getItem: (key: string) => {
      if (entries === 'unavailable') throw new Error('storage unavailable');
      return entries.get(key) ?? null;
    },
    setItem: (key: string, value: string) => {
      if (entries === 'unavailable') throw new Error('storage unavailable');
      entries.set(key, value);
    },
    removeItem: (key: string) => {
      if (entries === 'unavailable') throw new Error('storage unavailable');
      entries.delete(key);
    },
  };
  const dataset: Record<string, string> = {};
  return {
    localStorage: storage,
    document: { documentElement: { dataset } },
    window: { addEventListener: () => {} },
    dataset,
  };
}

/** theme-boot.ts loaded afresh in `page`, as when the app loads. */
async function loadThemeBoot(page: ReturnType<typeof fakePage>) {
  vi.resetModules();
  vi.stubGlobal('localStorage', page.localStorage);
  vi.stubGlobal('document', page.document);
  vi.stubGlobal('window', page.window);
  return import('./theme-boot.ts');
}

/** The head's inline script run in `page` (not on the atlas: no network to fetch), as the browser runs it. */
function runHeadScript(page: ReturnType<typeof fakePage>) {
  runInNewContext(HEAD_SCRIPT, {
    localStorage: page.localStorage,
    document: page.document,
    location: { pathname: '/countries' },
    window: {},
  });
  return { ...page.dataset };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the theme before the first paint', () => {
  it.each<ThemeChoice>(['system', 'light', 'dark'])(
    'is the one theme-boot.ts stored and applied, for %s',
    async (choice) => {
      const storage = new Map<string, string>();
      const chosenIn = fakePage(storage);
      const { setTheme } = await loadThemeBoot(chosenIn);
      setTheme(choice);
      if (choice !== 'system') expect(chosenIn.dataset.theme).toBe(choice);

      // The next page in this browser: the head script, then the app, each on its own <html>.
      const before = runHeadScript(fakePage(new Map(storage)));
      const after = fakePage(new Map(storage));
      await loadThemeBoot(after);
      expect(before).toEqual(chosenIn.dataset);
      expect(after.dataset).toEqual(before);
    },
  );

  it('leaves the system preference in force for what is not a choice, as theme-boot.ts does', async () => {
    const storage = new Map<string, string>();
    const { setTheme } = await loadThemeBoot(fakePage(storage));
    setTheme('dark');
    const [key] = [...storage.keys()];
    for (const value of ['system', 'Dark', '', 'auto']) {
      const entries = new Map([[key!, value]]);
      const before = runHeadScript(fakePage(new Map(entries)));
      const after = fakePage(new Map(entries));
      await loadThemeBoot(after);
      expect(before).toEqual({});
      expect(after.dataset).toEqual({});
    }
    expect(runHeadScript(fakePage('unavailable'))).toEqual({});
    const unavailable = fakePage('unavailable');
    await loadThemeBoot(unavailable);
    expect(unavailable.dataset).toEqual({});
  });
});
