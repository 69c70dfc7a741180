import { useTranslation } from 'react-i18next';
import { type ArticlesQuery, useArticles } from '../api/articles.ts';
import { ArticleListItem, byReaderLanguage } from '../pages/SeriesPage.tsx';
import '../pages/ArticlePage.css';

/**
 * The published articles about a place, an event or a network, in the reader's language first (a story told in
 * other languages only, once). Nothing at all when there are none. Default export: the place page loads it lazily.
 */
export default function RelatedArticles({ query }: { query: ArticlesQuery }) {
  const { t, i18n } = useTranslation();
  const articles = useArticles({ ...query, limit: 50 });
  const { own, others } = byReaderLanguage(articles.data?.items ?? [], i18n.language);
  if (own.length + others.length === 0) return null;
  return (
    <section aria-labelledby="related-articles" className="related-articles">
      <h2 id="related-articles">{t('article.related')}</h2>
      <ul className="series-list">
        {[...own, ...others].map((article) => (
          <ArticleListItem key={article.id} article={article} />
        ))}
      </ul>
    </section>
  );
}
