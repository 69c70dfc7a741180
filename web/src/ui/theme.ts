import { useSyncExternalStore } from 'react';
import { currentTheme, subscribeTheme, type ThemeChoice } from './theme-boot.ts';

export { setTheme, storedTheme, THEME_CHOICES, type ThemeChoice } from './theme-boot.ts';

/** The current choice, kept in step with changes made here or in another tab. */
export function useTheme(): ThemeChoice {
  return useSyncExternalStore(subscribeTheme, currentTheme);
}
