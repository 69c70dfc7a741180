import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ArticleLanguage, type SeriesResponse, useArticles, useSeriesList } from '../../api/articles.ts';
import { useNetworkList } from '../../api/networks.ts';
import type { Organization } from '../../api/organizations.ts';
import { useOutcomes } from '../../api/outcomes.ts';
import { useImpactReport } from '../../api/reports.ts';
import { ArticleList, NetworkList, OutcomeList, publishedOnly } from '../../components/PublicLists.tsx';
import { langOf, pickText } from '../../pages/EventPage.localized.ts';
import { ErrorState } from '../../ui/states.tsx';
import type { WorkspaceT } from '../texts.ts';
import './OrganizationPublic.css';

/** One series: its title linking to its page, its description, and its latest articles in the reader's language. */
function SeriesArticles({ series, t }: { series: SeriesResponse; t: WorkspaceT }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const articles = useArticles({ seriesId: series.id, language: language as ArticleLanguage, limit: 3 });
  const title = pickText(series.title, language);
  const description = pickText(series.description, language);
  return (
    <li>
      <h3 lang={langOf(title, language)}>
        <Link to={series.url}>{title?.text ?? series.slug}</Link>
      </h3>
      {description && <p lang={langOf(description, language)}>{description.text}</p>}
      {articles.isError ? (
        <ErrorState message={t('organization.publicError')} onRetry={() => void articles.refetch()} />
      ) : articles.data && articles.data.items.length > 0 ? (
        <ArticleList articles={articles.data.items} headingLevel={4} />
      ) : articles.data ? (
        <p className="hint">{t('organization.noArticlesInLanguage')}</p>
      ) : null}
    </li>
  );
}

/**
 * What an organisation shows the public, under its facts: its series and their latest articles, the outcomes it
 * recorded or took part in, the networks it belongs to or coordinates, and its ties, each linked to its page. A
 * part with nothing in it is left out.
 */
export function OrganizationPublic({ organization, t }: { organization: Organization; t: WorkspaceT }) {
  const common = useTranslation().t;
  const language = useTranslation().i18n.language;
  const id = organization.id;
  const series = useSeriesList(id);
  const outcomes = useOutcomes({ organizationId: id, limit: 20 });
  const networks = useNetworkList({ organizationId: id });
  // The impact report lists the ties the organisation speaks for (its own, and its place's when it governs it), as
  // far as the reader may read them; the list of ties has no organisation to filter by.
  const report = useImpactReport('organizations', id, language);
  const seriesItems = series.data?.items.filter((item) => !item.deletedAt) ?? [];
  const outcomeItems = publishedOnly(outcomes.data?.items);
  const networkItems = publishedOnly(networks.data?.items);
  const ties = report.data?.ties ?? [];
  return (
    <>
      {(seriesItems.length > 0 || series.isError) && (
        <section aria-labelledby="organization-series" className="panel organization-public">
          <h2 id="organization-series">{t('organization.publicSeries')}</h2>
          {series.isError ? (
            <ErrorState message={t('organization.publicError')} onRetry={() => void series.refetch()} />
          ) : (
            <ul className="organization-series">
              {seriesItems.map((item) => (
                <SeriesArticles key={item.id} series={item} t={t} />
              ))}
            </ul>
          )}
        </section>
      )}
      {(outcomeItems.length > 0 || outcomes.isError) && (
        <section aria-labelledby="organization-outcomes" className="panel organization-public">
          <h2 id="organization-outcomes">{t('organization.publicOutcomes')}</h2>
          {outcomes.isError ? (
            <ErrorState message={t('organization.publicError')} onRetry={() => void outcomes.refetch()} />
          ) : (
            <OutcomeList outcomes={outcomeItems} />
          )}
        </section>
      )}
      {(networkItems.length > 0 || networks.isError) && (
        <section aria-labelledby="organization-networks" className="panel organization-public">
          <h2 id="organization-networks">{t('organization.publicNetworks')}</h2>
          {networks.isError ? (
            <ErrorState message={t('organization.publicError')} onRetry={() => void networks.refetch()} />
          ) : (
            <NetworkList
              items={networkItems}
              note={(item) => item.relation?.coordinates && ` · ${t('organization.coordinator')}`}
            />
          )}
        </section>
      )}
      {(ties.length > 0 || report.isError) && (
        <section aria-labelledby="organization-ties" className="panel organization-public">
          <h2 id="organization-ties">{t('organization.publicTies')}</h2>
          {report.isError ? (
            <ErrorState message={t('organization.publicError')} onRetry={() => void report.refetch()} />
          ) : (
            <ul className="public-list">
              {ties.map((tie) => (
                <li key={tie.id}>
                  <Link to={`/partnerships/${tie.id}`}>
                    {tie.parties.map((party) => party.name).join(' – ')}
                  </Link>
                  <span className="public-list-note">
                    {common(`kind.${tie.kind}`)}, {common(`status.${tie.status}`)}
                    {tie.startedOn && ` · ${t('organization.since', { year: tie.startedOn.slice(0, 4) })}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
