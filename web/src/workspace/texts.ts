import i18next from 'i18next';
import { useEffect, useState } from 'react';
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

export function useWorkspaceTexts() {
  const { t, i18n } = useTranslation('workspace');
  const language = (i18n.language as Language) in loaders ? (i18n.language as Language) : 'en';
  const [loaded, setLoaded] = useState(() => i18next.hasResourceBundle(language, 'workspace'));
  useEffect(() => {
    if (i18next.hasResourceBundle(language, 'workspace')) {
      setLoaded(true);
      return;
    }
    setLoaded(false);
    let cancelled = false;
    void loaders[language]().then(({ default: texts }) => {
      i18next.addResourceBundle(language, 'workspace', texts);
      if (!cancelled) setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [language]);
  return { t, ready: loaded, language };
}
