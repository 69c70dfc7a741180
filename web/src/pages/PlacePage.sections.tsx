import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../../../src/contract.ts';
import { type ArticleLanguage, useArticles } from '../api/articles.ts';
import { useNetworkList } from '../api/networks.ts';
import { useOrganization, useOrganizationList } from '../api/organizations.ts';
import { useOutcomes } from '../api/outcomes.ts';
import { EventsTable } from '../components/EventsTable.tsx';
import type { PartnerRow } from '../components/PartnersTable.tsx';
import {
  ArticleList,
  NetworkList,
  OutcomeList,
  publishedOnly,
  websiteText,
} from '../components/PublicLists.tsx';
import RelatedArticles from '../components/RelatedArticles.tsx';
import { useFormat } from '../format.ts';
import { ErrorState } from '../ui/states.tsx';
import './PlacePage.sections.css';

/**
 * The parts of a place's page that tell its international life, as the server's page for readers without
 * JavaScript does: its ties counted by kind and status, the networks it belongs to, its events, the articles about
 * it and what its governments publish. Loaded after the page, never with the atlas.
 */

const order = (list: readonly string[]) => (a: string, b: string) => list.indexOf(a) - list.indexOf(b);

/**
 * The ties counted by kind (a row each) and status (a column each, only those that occur), with the totals when
 * there is more than one status. Wider than a phone's screen, it scrolls, and a keyboard can scroll it.
 */
export function TiesByKind({ partners }: { partners: readonly PartnerRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const captionId = useId();
  if (partners.length === 0) return null;
  const counts = new Map<string, Map<string, number>>();
  for (const partner of partners) {
    const kind = counts.get(partner.kind) ?? new Map<string, number>();
    kind.set(partner.status, (kind.get(partner.status) ?? 0) + 1);
    counts.set(partner.kind, kind);
  }
  const kinds = [...counts.keys()].sort(order(PARTNERSHIP_KINDS));
  const statuses = [...new Set(partners.map((partner) => partner.status))].sort(order(PARTNERSHIP_STATUSES));
  const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);
  const totals = statuses.length > 1;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard must be able to scroll a table wider than the screen
    <section className="table-scroll ties-by-kind" aria-labelledby={captionId} tabIndex={0}>
      <table>
        <caption id={captionId}>{t('place.tiesByKind')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('partner.kind')}</th>
            {statuses.map((status) => (
              <th key={status} scope="col" className="numeric">
                {t(`status.${status}`)}
              </th>
            ))}
            {totals && (
              <th scope="col" className="numeric">
                {t('place.total')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {kinds.map((kind) => {
            const row = counts.get(kind)!;
            return (
              <tr key={kind}>
                <th scope="row">{t(`kind.${kind}`)}</th>
                {statuses.map((status) => (
                  <td key={status} className="numeric">
                    {format.number(row.get(status) ?? 0)}
                  </td>
                ))}
                {totals && <td className="numeric">{format.number(sum(row.values()))}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The published networks the place belongs to today, itself or through its governments; nothing when none. */
function PlaceNetworks({ placeId }: { placeId: number }) {
  const { t } = useTranslation();
  const networks = useNetworkList({ placeId });
  const items = publishedOnly(networks.data?.items);
  if (!networks.isError && items.length === 0) return null;
  return (
    <section aria-labelledby="place-networks">
      <h2 id="place-networks">{t('place.networks')}</h2>
      {networks.isError ? (
        <ErrorState message={t('networks.listError')} onRetry={() => void networks.refetch()} />
      ) : (
        <NetworkList items={items} />
      )}
    </section>
  );
}

/** The public events that involve the place: the upcoming ones, soonest first, then the past ones. */
function PlaceEvents({ placeId }: { placeId: number }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="events-title" className="place-events">
      <h2 id="events-title">{t('eventList.heading')}</h2>
      <EventsTable
        query={{ involvesPlaceId: placeId, when: 'upcoming' }}
        caption={t('place.upcoming')}
        urlPrefix="upcoming"
        empty={t('place.upcomingEmpty')}
      />
      <EventsTable
        query={{ involvesPlaceId: placeId, when: 'past' }}
        caption={t('place.past')}
        urlPrefix="events"
        empty={t('place.pastEmpty')}
      />
    </section>
  );
}

/**
 * What one of the place's governments publishes: the latest articles of its series in the reader's language, the
 * outcomes it recorded, where to reach it (its website) and its page.
 */
function GovernmentSection({ id, name }: { id: number; name: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as ArticleLanguage;
  const organization = useOrganization(id);
  const articles = useArticles({ organizationId: id, language, limit: 5 });
  const outcomes = useOutcomes({ organizationId: id, limit: 20 });
  // The outcomes it recorded itself: the list also has those that merely involve it.
  const own = publishedOnly(outcomes.data?.items).filter((outcome) => outcome.organizationId === id);
  const website = organization.data?.website;
  const shownWebsite = websiteText(website);
  const headingId = `government-${id}`;
  return (
    <section aria-labelledby={headingId} className="place-government">
      <h2 id={headingId}>{name}</h2>
      {articles.data && articles.data.items.length > 0 && (
        <>
          <h3>{t('place.latestArticles')}</h3>
          <ArticleList articles={articles.data.items} headingLevel={4} />
        </>
      )}
      {own.length > 0 && (
        <>
          <h3>{t('place.outcomes')}</h3>
          <OutcomeList outcomes={own} />
        </>
      )}
      {(articles.isError || outcomes.isError) && <ErrorState message={t('place.governmentError')} />}
      <p className="place-government-links">
        {website && shownWebsite && (
          <span>
            {t('place.contact')}: <a href={website}>{shownWebsite}</a>
          </span>
        )}
        <Link to={`/organizations/${id}`}>{t('place.organizationPage', { name })}</Link>
      </p>
    </section>
  );
}

/** The place's published city and regional governments, each with what it publishes. */
function Governments({ placeId }: { placeId: number }) {
  const city = useOrganizationList({ placeId, kind: 'city_government' });
  const regional = useOrganizationList({ placeId, kind: 'regional_government' });
  const governments = publishedOnly([...(city.data?.items ?? []), ...(regional.data?.items ?? [])]);
  return governments.map((government) => (
    <GovernmentSection key={government.id} id={government.id} name={government.name} />
  ));
}

/** The sections after the place's ties: its networks, events, the articles about it, its governments. */
export default function PlaceSections({ placeId }: { placeId: number }) {
  return (
    <>
      <PlaceNetworks placeId={placeId} />
      <PlaceEvents placeId={placeId} />
      <RelatedArticles query={{ placeId }} />
      <Governments placeId={placeId} />
    </>
  );
}
