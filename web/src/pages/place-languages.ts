import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A language's name in the interface language ("kiina", "Chinese"), from its BCP 47 code; `und` is a name whose
 * language no source says.
 */
export function useLanguageName(): (code: string) => string {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'language', fallback: 'code' });
    return (code: string) => {
      if (code === 'und') return t('place.lang.und');
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
  }, [i18n.language, t]);
}
