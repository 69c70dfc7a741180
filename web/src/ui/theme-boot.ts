/**
 * The colour theme without React: the choice, remembered in this browser, on <html data-theme>, and kept in step
 * with other tabs. theme.ts adds the hook.
 *
 * Before the first paint, the inline script in index.html's <head> (the module entry comes over the network, after
 * the first paint may have been made) does what this module does when it loads: it reads the same key and applies
 * the same rule.
 * theme-boot.test.ts checks that the two agree.
 */

/** What the user chose: follow the system's light or dark preference, or always light, or always dark. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const STORAGE_KEY = 'citybridge.theme';
const listeners = new Set<() => void>();

const isThemeChoice = (value: unknown): value is ThemeChoice =>
  value === 'system' || value === 'light' || value === 'dark';

/** The choice remembered in this browser, or 'system'. */
export function storedTheme(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** Puts the choice on <html data-theme>, which tokens.css reads; 'system' leaves it to prefers-color-scheme. */
function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

let current: ThemeChoice = storedTheme();

/** The choice in force. */
export const currentTheme = (): ThemeChoice => current;

/** Switches the theme at once and remembers the choice in this browser. */
export function setTheme(choice: ThemeChoice): void {
  current = choice;
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // storage unavailable (private mode): the choice lasts for this page only
  }
  applyTheme(choice);
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the choice changes, here or in another tab; answers the unsubscribe. */
export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

applyTheme(current);
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  current = storedTheme();
  applyTheme(current);
  for (const listener of listeners) listener();
});
