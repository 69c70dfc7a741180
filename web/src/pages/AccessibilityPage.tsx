import { useTranslation } from 'react-i18next';

/** The accessibility statement: what is tested, what is known to fall short, and how to give feedback. */
export function AccessibilityPage() {
  const { t } = useTranslation();
  return (
    <article className="prose">
      <h1>{t('a11y.title')}</h1>
      <p>{t('a11y.intro')}</p>
      <h2>{t('a11y.testedTitle')}</h2>
      <p>{t('a11y.tested')}</p>
      <h2>{t('a11y.mapTitle')}</h2>
      <p>{t('a11y.map')}</p>
      <h2>{t('a11y.limitsTitle')}</h2>
      <p>{t('a11y.limits')}</p>
      <h2>{t('a11y.feedbackTitle')}</h2>
      <p>{t('a11y.feedback')}</p>
    </article>
  );
}
