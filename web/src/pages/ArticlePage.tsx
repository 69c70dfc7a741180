import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ArticleResponse } from '../api/articles.ts';
import { seriesFeedUrl, useArticleBySlug } from '../api/articles.ts';
import { getJson } from '../api/client.ts';
import { useEvent } from '../api/events.ts';
import { useNetworkRecord } from '../api/networks.ts';
import { usePlace, usePlaceName } from '../api/places.ts';
import { LANGUAGE_NAMES, type Language } from '../i18n/index.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorState, Skeleton } from '../ui/states.tsx';
import { langOf, pickText } from './EventPage.localized.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import './ArticlePage.css';

/** A date and time as the page shows when it was published: the date in the interface language. */
export function publishedDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(iso));
}

/**
 * The article's canonical address: its own page with nothing after it. Share links are built from it alone, so
 * they carry no tracking parameters.
 */
export const canonicalUrl = (article: Pick<ArticleResponse, 'url'>): string =>
  new URL(article.url, window.location.origin).href;

/** Plain share addresses of the services: links the reader follows, no script of theirs on this page. */
export function shareLinks(url: string, title: string) {
  const encoded = encodeURIComponent(url);
  return {
    email: `mailto:?subject=${encodeURIComponent(title)}&body=${encoded}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${encoded}`,
    x: `https://x.com/intent/post?url=${encoded}&text=${encodeURIComponent(title)}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${encoded}`,
  };
}

function PlaceItem({ id }: { id: number }) {
  const { t } = useTranslation();
  const place = usePlace(id);
  const placeName = usePlaceName();
  const name = place.data ? placeName(place.data.id, place.data.name) : t('article.place', { id });
  return (
    <li>
      <Link to={`/places/${id}`}>{name}</Link>
    </li>
  );
}

function EventItem({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const event = useEvent(id);
  const title = event.data ? pickText(event.data.title, i18n.language) : undefined;
  return (
    <li>
      <Link to={`/events/${id}`} lang={langOf(title, i18n.language)}>
        {title?.text ?? t('article.event', { id })}
      </Link>
    </li>
  );
}

function NetworkItem({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const network = useNetworkRecord(id);
  const name = network.data ? pickText(network.data.name, i18n.language) : undefined;
  return (
    <li>
      <Link to={`/networks/${id}`} lang={langOf(name, i18n.language)}>
        {name?.text ?? network.data?.shortName ?? t('article.network', { id })}
      </Link>
    </li>
  );
}

function TieItem({ id }: { id: number }) {
  const { t } = useTranslation();
  const placeName = usePlaceName();
  const tie = useQuery({
    queryKey: ['partnerships', 'public-name', id],
    queryFn: ({ signal }) =>
      getJson<{ parties: { id: number; name: string }[] }>(`/api/partnerships/${id}`, undefined, signal),
  });
  const parties = tie.data?.parties.map((party) => placeName(party.id, party.name));
  return (
    <li>
      <Link to={`/partnerships/${id}`}>
        {parties && parties.length > 0
          ? t('article.tie', { parties: parties.join(' – ') })
          : t('article.tieId', { id })}
      </Link>
    </li>
  );
}

/** What the story is about: its places, ties, events and networks, each linking to its page. */
function About({ links }: { links: ArticleResponse['links'] }) {
  const { t } = useTranslation();
  const count =
    links.placeIds.length + links.partnershipIds.length + links.eventIds.length + links.networkIds.length;
  if (count === 0) return null;
  return (
    <section aria-labelledby="article-about" className="article-section">
      <h2 id="article-about">{t('article.about')}</h2>
      <ul className="article-about">
        {links.placeIds.map((id) => (
          <PlaceItem key={`place-${id}`} id={id} />
        ))}
        {links.partnershipIds.map((id) => (
          <TieItem key={`tie-${id}`} id={id} />
        ))}
        {links.eventIds.map((id) => (
          <EventItem key={`event-${id}`} id={id} />
        ))}
        {links.networkIds.map((id) => (
          <NetworkItem key={`network-${id}`} id={id} />
        ))}
      </ul>
    </section>
  );
}

/** The "more information" block: a person's name and post, a role's label, e-mail and phone. */
function Contact({ article }: { article: ArticleResponse }) {
  const { t } = useTranslation();
  const contact = article.contact;
  if (!contact) return null;
  const label = pickText(contact.label, article.language);
  const person = contact.person;
  return (
    <section aria-labelledby="article-contact" className="article-section article-contact">
      <h2 id="article-contact">{t('article.moreInformation')}</h2>
      <address>
        {person && (
          <p>
            <strong>{person.name}</strong>
            <br />
            {[person.title ?? t(`event.postRole.${person.role}`), person.organizationName].join(', ')}
          </p>
        )}
        {label && <p lang={langOf(label, article.language)}>{label.text}</p>}
        {(contact.email || contact.phone) && (
          <ul>
            {contact.email && (
              <li>
                {t('article.email')}: <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </li>
            )}
            {contact.phone && (
              <li>
                {t('article.phone')}:{' '}
                <a href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>{contact.phone}</a>
              </li>
            )}
          </ul>
        )}
      </address>
    </section>
  );
}

/** Share links with no trackers: the canonical address copied, mailed, or handed to a service as a plain link. */
function Share({ article }: { article: ArticleResponse }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 4000);
    return () => clearTimeout(timer);
  }, [copied]);
  const url = canonicalUrl(article);
  const links = shareLinks(url, article.title);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section aria-labelledby="article-share" className="article-section article-share">
      <h2 id="article-share">{t('article.share')}</h2>
      <ul className="article-share-links">
        <li>
          <Button size="s" onPress={() => void copy()}>
            {t('article.copyLink')}
          </Button>
        </li>
        <li>
          <a href={links.email}>{t('article.shareEmail')}</a>
        </li>
        <li>
          <a href={links.facebook} rel="noopener noreferrer" target="_blank">
            {t('article.shareOn', { service: 'Facebook' })}
          </a>
        </li>
        <li>
          <a href={links.x} rel="noopener noreferrer" target="_blank">
            {t('article.shareOn', { service: 'X' })}
          </a>
        </li>
        <li>
          <a href={links.linkedin} rel="noopener noreferrer" target="_blank">
            {t('article.shareOn', { service: 'LinkedIn' })}
          </a>
        </li>
      </ul>
      <p className="article-copied" role="status">
        {copied === 'yes' ? t('article.copied') : copied === 'failed' ? t('article.copyFailed', { url }) : ''}
      </p>
    </section>
  );
}

/** An article: its series, title, date, lead, body, author, contact, language versions, topics, share and feeds. */
export function ArticlePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { slug } = useParams();
  const query = useArticleBySlug(slug);

  if (query.isError) {
    const status = (query.error as { status?: number }).status;
    if (status === 404 || status === 400) return <NotFoundPage text={t('article.notFound')} />;
    return (
      <article className="article-page">
        <ErrorState message={t('article.loadFailed')} onRetry={() => void query.refetch()} />
      </article>
    );
  }
  if (!query.data)
    return (
      <article className="article-page" aria-busy="true">
        <Skeleton lines={3} label={t('article.loading')} />
      </article>
    );

  const article = query.data;
  const lang = article.language !== language ? article.language : undefined;
  const seriesTitle = pickText(article.series.title, article.language);
  const feedLanguage = article.language;
  return (
    <article className="article-page">
      <header className="article-header">
        <p className="article-series">
          <Link to={`/series/${article.series.slug}`} lang={langOf(seriesTitle, language)}>
            {seriesTitle?.text ?? article.series.slug}
          </Link>
        </p>
        {article.status === 'archived' && <p className="article-note">{t('article.archived')}</p>}
        {article.status !== 'published' && article.status !== 'archived' && (
          <p className="article-note">{t(`article.notPublished.${article.status}`)}</p>
        )}
        {article.demo && <p className="article-note article-demo">{t('article.demo')}</p>}
        <h1 lang={lang}>{article.title}</h1>
        <p className="article-byline">
          {article.publishAt && (
            <>
              {t('article.published')}{' '}
              <time dateTime={article.publishAt}>{publishedDate(article.publishAt, language)}</time>
            </>
          )}
          {article.publishAt && ' · '}
          {article.authorRole
            ? t('article.byRole', {
                role: t(`event.postRole.${article.authorRole}`),
                organization: article.organizationName,
              })
            : article.organizationName}
        </p>
        {article.lead && (
          <p className="article-lead" lang={lang}>
            {article.lead}
          </p>
        )}
      </header>
      <div
        className="article-body prose"
        lang={lang}
        // The body is HTML sanitised by the server with an allow-list (articles.sanitize.ts): only paragraphs,
        // headings, emphasis, lists, quotes, links and images with alt text reach the page.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side, see above
        dangerouslySetInnerHTML={{ __html: article.body }}
      />
      <Contact article={article} />
      {article.translations.length > 0 && (
        <nav aria-labelledby="article-languages" className="article-section article-languages">
          <h2 id="article-languages" className="visually-hidden">
            {t('article.languageVersions')}
          </h2>
          <p>
            {t('article.alsoIn')}{' '}
            {article.translations.map((version, index) => (
              <span key={version.id}>
                {index > 0 && ' / '}
                <Link to={version.url} hrefLang={version.language} lang={version.language}>
                  {LANGUAGE_NAMES[version.language as Language]}
                </Link>
              </span>
            ))}
          </p>
        </nav>
      )}
      <About links={article.links} />
      <Share article={article} />
      <section aria-labelledby="article-feeds" className="article-section article-feeds">
        <h2 id="article-feeds">{t('article.follow')}</h2>
        <ul>
          <li>
            <a href={seriesFeedUrl(article.series.id, 'rss', feedLanguage)} type="application/rss+xml">
              {t('article.rss', { series: seriesTitle?.text ?? article.series.slug })}
            </a>
          </li>
          <li>
            <a href={seriesFeedUrl(article.series.id, 'atom', feedLanguage)} type="application/atom+xml">
              {t('article.atom', { series: seriesTitle?.text ?? article.series.slug })}
            </a>
          </li>
        </ul>
      </section>
    </article>
  );
}
