import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  ARTICLE_LANGUAGES,
  type ArticleResponse,
  seriesFeedUrl,
  useArticles,
  useSeriesBySlug,
} from '../api/articles.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import { EmptyState, ErrorState, Skeleton } from '../ui/states.tsx';
import { publishedDate } from './ArticlePage.tsx';
import { langOf, pickText } from './EventPage.localized.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import './ArticlePage.css';

/** One article in a list: its date, title linking to it, and lead. */
export function ArticleListItem({
  article,
  headingLevel = 3,
}: {
  article: ArticleResponse;
  headingLevel?: 3 | 4;
}) {
  const { i18n } = useTranslation();
  const lang = article.language !== i18n.language ? article.language : undefined;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <li lang={lang}>
      {article.publishAt && (
        <p className="series-muted">
          <time dateTime={article.publishAt}>{publishedDate(article.publishAt, i18n.language)}</time>
          {lang && ` · ${LANGUAGE_NAMES[article.language]}`}
        </p>
      )}
      <Heading>
        <Link to={article.url}>{article.title}</Link>
      </Heading>
      {article.lead && <p>{article.lead}</p>}
    </li>
  );
}

/**
 * The articles in the reader's language first; then those stories that have no version in it, in the languages
 * they have.
 */
export function byReaderLanguage(articles: readonly ArticleResponse[], language: string) {
  const own = articles.filter((article) => article.language === language);
  const told = new Set(own.map((article) => article.storyId));
  const others: ArticleResponse[] = [];
  for (const article of articles) {
    if (article.language === language || told.has(article.storyId)) continue;
    told.add(article.storyId);
    others.push(article);
  }
  return { own, others };
}

/** A series: its name, description, published articles in the reader's language and its feeds. */
export function SeriesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { slug } = useParams();
  const series = useSeriesBySlug(slug);
  const articles = useArticles({ seriesId: series.data?.id, limit: 200 }, series.data !== undefined);

  if (series.isError) {
    const status = (series.error as { status?: number }).status;
    if (status === 404 || status === 400) return <NotFoundPage text={t('series.notFound')} />;
    return (
      <article className="series-page">
        <ErrorState message={t('series.loadFailed')} onRetry={() => void series.refetch()} />
      </article>
    );
  }
  if (!series.data)
    return (
      <article className="series-page" aria-busy="true">
        <Skeleton lines={3} label={t('series.loading')} />
      </article>
    );
  const data = series.data;
  const title = pickText(data.title, language);
  const description = pickText(data.description, language);
  const { own, others } = byReaderLanguage(articles.data?.items ?? [], language);
  return (
    <article className="series-page">
      <header className="article-header">
        <p className="article-series">{t('series.eyebrow', { organization: data.organizationName })}</p>
        <h1 lang={langOf(title, language)}>{title?.text ?? data.slug}</h1>
        {description && (
          <p className="series-description" lang={langOf(description, language)}>
            {description.text}
          </p>
        )}
      </header>
      <section aria-labelledby="series-articles" className="article-section">
        <h2 id="series-articles">{t('series.articles')}</h2>
        {articles.isError ? (
          <ErrorState message={t('series.loadFailed')} onRetry={() => void articles.refetch()} />
        ) : !articles.data ? (
          <Skeleton lines={3} label={t('series.loading')} />
        ) : own.length === 0 && others.length === 0 ? (
          <EmptyState title={t('series.empty')} />
        ) : (
          <>
            {own.length > 0 ? (
              <ul className="series-list">
                {own.map((article) => (
                  <ArticleListItem key={article.id} article={article} />
                ))}
              </ul>
            ) : (
              <p>{t('series.noneInLanguage')}</p>
            )}
            {others.length > 0 && (
              <section aria-labelledby="series-other-languages" className="article-section">
                <h3 id="series-other-languages">{t('series.otherLanguages')}</h3>
                <ul className="series-list">
                  {others.map((article) => (
                    <ArticleListItem key={article.id} article={article} headingLevel={4} />
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="series-feeds" className="article-section series-feeds">
        <h2 id="series-feeds">{t('series.feeds')}</h2>
        <ul>
          {ARTICLE_LANGUAGES.map((feedLanguage) => (
            <li key={feedLanguage}>
              <span lang={feedLanguage}>{LANGUAGE_NAMES[feedLanguage]}</span>:{' '}
              <a
                href={seriesFeedUrl(data.id, 'rss', feedLanguage)}
                type="application/rss+xml"
                aria-label={t('series.rssIn', { language: LANGUAGE_NAMES[feedLanguage] })}
              >
                RSS
              </a>{' '}
              ·{' '}
              <a
                href={seriesFeedUrl(data.id, 'atom', feedLanguage)}
                type="application/atom+xml"
                aria-label={t('series.atomIn', { language: LANGUAGE_NAMES[feedLanguage] })}
              >
                Atom
              </a>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
