import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ArticleResponse } from '../api/articles.ts';
import type { NetworkListItem } from '../api/networks.ts';
import type { Outcome } from '../api/outcomes.ts';
import { langOf, pickText } from '../pages/EventPage.localized.ts';
import { ArticleListItem } from '../pages/SeriesPage.tsx';
import '../pages/ArticlePage.css';
import './PublicLists.css';

/**
 * Lists of published records as the public pages show them (a place's page, an organisation's): networks linked to
 * their pages, outcomes, the latest articles. Texts in the reader's language, else in English, else in any, marked
 * with their language when it is not the page's.
 */

/** Networks and working groups, each linked to its page and said which it is; `note` adds to an item's line. */
export function NetworkList({
  items,
  note,
}: {
  items: readonly NetworkListItem[];
  note?: (item: NetworkListItem) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const names = new Map(items.map((item) => [item.id, pickText(item.name, language)]));
  return (
    <ul className="public-list">
      {items.map((item) => {
        const name = names.get(item.id);
        const parent = item.parentId !== null ? names.get(item.parentId) : undefined;
        return (
          <li key={item.id}>
            <Link to={`/networks/${item.id}`} lang={langOf(name, language)}>
              {name?.text ?? item.shortName ?? t('networks.untitled')}
            </Link>
            <span className="public-list-note">
              {parent ? (
                <>
                  {t('networks.groupOf')} <span lang={langOf(parent, language)}>{parent.text}</span>
                </>
              ) : (
                t(`networks.kind.${item.kind}`)
              )}
              {note?.(item)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

const dayIn = (day: string, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** Outcomes, newest first as the API answers them: the date, the title and what came of it. */
export function OutcomeList({ outcomes }: { outcomes: readonly Outcome[] }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return (
    <ul className="public-list outcome-list">
      {outcomes.map((outcome) => {
        const title = pickText(outcome.title, language);
        const description = pickText(outcome.description, language);
        return (
          <li key={outcome.id}>
            <time dateTime={outcome.achievedOn} className="public-list-note">
              {dayIn(outcome.achievedOn, language)}
            </time>
            <strong lang={langOf(title, language)}>{title?.text}</strong>
            {description && <p lang={langOf(description, language)}>{description.text}</p>}
          </li>
        );
      })}
    </ul>
  );
}

/** Articles with their dates and leads, each title a heading of the given level that links to the article. */
export function ArticleList({
  articles,
  headingLevel,
}: {
  articles: readonly ArticleResponse[];
  headingLevel: 3 | 4;
}) {
  return (
    <ul className="series-list public-articles">
      {articles.map((article) => (
        <ArticleListItem key={article.id} article={article} headingLevel={headingLevel} />
      ))}
    </ul>
  );
}

/** Only what the public may read: a signed-in reader's lists also carry their groups' internal records. */
export const publishedOnly = <T extends { visibility: string }>(items: readonly T[] | undefined): T[] =>
  (items ?? []).filter((item) => item.visibility === 'published');

/** A website's address as a link shows it: without the scheme; null for anything but an http(s) address. */
export function websiteText(website: string | null | undefined): string | null {
  if (!website || !/^https?:\/\//i.test(website)) return null;
  return website.replace(/^https?:\/\//i, '').replace(/\/$/, '');
}
