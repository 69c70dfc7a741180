import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Nothing here: the app's own routes answer this too for an unknown place or country, with their own text. */
export function NotFoundPage({ text }: { text?: string }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('common.notFound')}</h1>
      <p>{text ?? t('common.notFoundText')}</p>
      <Link to="/">{t('common.back')}</Link>
    </section>
  );
}
