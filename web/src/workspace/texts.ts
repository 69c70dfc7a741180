import i18next from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/index.ts';
import './workspace.css';

/** The workspace's texts are a namespace of their own, loaded with its pages so the atlas stays light. */
const loaders: Record<Language, () => Promise<{ default: object }>> = {
  fi: () => import('./i18n/fi.json'),
  sv: () => import('./i18n/sv.json'),
  en: () => import('./i18n/en.json'),
};

/** The workspace's translation function, as pages hand it to their parts. */
export type WorkspaceT = ReturnType<typeof useWorkspaceTexts>['t'];

/**
 * The workspace's texts in the interface language. When the language changes to one whose texts are not loaded yet,
 * the page stays in the language it was in until they are, rather than blanking: a blank page would be built anew,
 * losing what was typed into its forms.
 */
export function useWorkspaceTexts() {
  const { i18n } = useTranslation('workspace');
  const language = (i18n.language as Language) in loaders ? (i18n.language as Language) : 'en';
  const [lastLoaded, setLastLoaded] = useState<Language | null>(() =>
    i18next.hasResourceBundle(language, 'workspace') ? language : null,
  );
  const shown = i18next.hasResourceBundle(language, 'workspace') ? language : lastLoaded;
  useEffect(() => {
    if (i18next.hasResourceBundle(language, 'workspace')) {
      setLastLoaded(language);
      return;
    }
    let cancelled = false;
    void loaders[language]().then(({ default: texts }) => {
      i18next.addResourceBundle(language, 'workspace', texts);
      if (!cancelled) setLastLoaded(language);
    });
    return () => {
      cancelled = true;
    };
  }, [language]);
  const t = useMemo(() => i18n.getFixedT(shown ?? language, 'workspace'), [i18n, shown, language]);
  return { t, ready: shown !== null, language: shown ?? language };
}
