import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import {
  type NetworkMember,
  type NetworkRecord,
  type NetworkTiesResponse,
  useNetworkCampaigns,
  useNetworkEvents,
  useNetworkRecord,
  useNetworkTies,
} from '../api/networks.ts';
import { usePlaceName } from '../api/places.ts';
import RelatedArticles from '../components/RelatedArticles.tsx';
import { useFormat } from '../format.ts';
import { ComboBox } from '../ui/ComboBox.tsx';
import { choiceFilter, type DataColumn, DataTable } from '../ui/DataTable.tsx';
import { DescriptionList } from '../ui/DescriptionList.tsx';
import { EmptyState, ErrorState, Skeleton } from '../ui/states.tsx';
import { langOf, pickText } from './EventPage.localized.ts';
import { countryCodes } from './NetworkPage.countries.ts';
import { NetworkPageMap } from './NetworkPageMap.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import './NetworkPage.css';

/** Paragraphs of a text, split at blank lines. */
function Paragraphs({ text, lang }: { text: string; lang?: string }) {
  return (
    <div className="network-description prose" lang={lang}>
      {text
        .split(/\n\s*\n/)
        .filter((paragraph) => paragraph.trim())
        .map((paragraph, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of one text never reorder
          <p key={index}>{paragraph}</p>
        ))}
    </div>
  );
}

const NAME_SORT = [{ id: 'name', desc: false }];
const MEMBERS_TABLE = 'network-members';

interface MemberRow {
  id: number;
  member: NetworkMember;
  name: string;
  type: string;
  country: string;
  joinedOn: string;
  leftOn: string;
  status: string;
}

/** The members on a map (current ones) and in a table (current and former), sortable and searchable. */
function Members({ network }: { network: NetworkRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const columns = useMemo<DataColumn<MemberRow>[]>(
    () => [
      {
        id: 'name',
        header: t('networks.member'),
        value: (row) => row.name,
        cell: (row) =>
          row.member.placeId !== null ? (
            <Link to={`/places/${row.member.placeId}`}>{row.name}</Link>
          ) : (
            row.name
          ),
        filter: 'text',
        required: true,
      },
      {
        id: 'type',
        header: t('networks.type'),
        value: (row) => row.type,
        filter: {
          options: (['place', 'organization'] as const).map((type) => ({
            value: t(`networks.memberType.${type}`),
            label: t(`networks.memberType.${type}`),
          })),
        },
      },
      { id: 'country', header: t('partner.country'), value: (row) => row.country },
      { id: 'joined', header: t('networks.joinedOn'), value: (row) => row.joinedOn, nowrap: true },
      { id: 'left', header: t('networks.leftOn'), value: (row) => row.leftOn, nowrap: true },
      {
        id: 'status',
        header: t('networks.membership'),
        value: (row) => row.status,
        filter: choiceFilter([t('networks.current'), t('networks.former')], (status) => status),
      },
    ],
    [t],
  );
  const rows: MemberRow[] = network.members.map((member) => ({
    id: member.id,
    member,
    name: member.placeId !== null ? placeName(member.placeId, member.name) : member.name,
    type: t(`networks.memberType.${member.type}`),
    country: member.country ? format.country(member.country) : '',
    joinedOn: member.joinedOn ?? '',
    leftOn: member.leftOn ?? '',
    status: member.current ? t('networks.current') : t('networks.former'),
  }));
  const current = network.members.filter((member) => member.current).length;
  return (
    <section aria-labelledby="network-members" className="network-section">
      <h2 id="network-members">{t('networks.members')}</h2>
      {network.members.length === 0 ? (
        <EmptyState title={t('networks.noMembers')} />
      ) : (
        <>
          <p className="network-muted">{t('networks.memberCount', { count: current })}</p>
          <NetworkPageMap members={network.members} tableId={MEMBERS_TABLE} />
          <div id={MEMBERS_TABLE} tabIndex={-1} className="network-table-anchor">
            <DataTable
              caption={t('networks.membersTable')}
              rows={rows}
              columns={columns}
              rowId={(row) => String(row.id)}
              urlPrefix="members"
              fileName={`citybridge-network-${network.id}-members`}
              defaultSort={NAME_SORT}
            />
          </div>
        </>
      )}
    </section>
  );
}

/** Every country the browser can name (ISO 3166-1 alpha-2), by name in the interface language. */
function useCountryOptions() {
  const format = useFormat();
  // biome-ignore lint/correctness/useExhaustiveDependencies: format.country follows format.language
  return useMemo(
    () =>
      countryCodes(format.language)
        .map((code) => ({ id: code, label: format.country(code) }))
        .sort((a, b) => a.label.localeCompare(b.label, format.language)),
    [format.language],
  );
}

type TieRow = NetworkTiesResponse['items'][number] & { memberName: string; partnerName: string };

/** The current members' ties with a country the reader chooses: the working group's country to begin with. */
function MembersTies({ network }: { network: NetworkRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const options = useCountryOptions();
  // A network about no one country starts from its first working group's ("all C21 cities' ties with China").
  const [country, setCountry] = useState<string | undefined>(
    network.countryCode ?? network.workingGroups.find((group) => group.countryCode)?.countryCode ?? undefined,
  );
  const ties = useNetworkTies(network.id, country);
  const side = (party: TieRow['member']) =>
    party.type === 'place' ? placeName(party.id, party.name) : party.name;
  const columns = useMemo<DataColumn<TieRow>[]>(
    () => [
      {
        id: 'member',
        header: t('networks.member'),
        value: (row) => row.memberName,
        cell: (row) =>
          row.member.type === 'place' ? (
            <Link to={`/places/${row.member.id}`}>{row.memberName}</Link>
          ) : (
            row.memberName
          ),
        required: true,
      },
      {
        id: 'partner',
        header: t('networks.partner'),
        value: (row) => row.partnerName,
        cell: (row) =>
          row.partner.type === 'place' ? (
            <Link to={`/places/${row.partner.id}`}>{row.partnerName}</Link>
          ) : (
            row.partnerName
          ),
      },
      { id: 'kind', header: t('partner.kind'), value: (row) => t(`kind.${row.kind}`) },
      { id: 'status', header: t('partner.status'), value: (row) => t(`status.${row.status}`) },
      { id: 'started', header: t('partner.started'), value: (row) => row.startedOn ?? '', nowrap: true },
      {
        id: 'ended',
        header: t('networks.endedOn'),
        value: (row) => row.endedOn ?? '',
        nowrap: true,
        hidden: true,
      },
    ],
    [t],
  );
  const rows: TieRow[] = (ties.data?.items ?? []).map((item) => ({
    ...item,
    memberName: side(item.member),
    partnerName: side(item.partner),
  }));
  const countryLabel = country ? format.country(country) : '';
  return (
    <section aria-labelledby="network-ties" className="network-section">
      <h2 id="network-ties">{t('networks.ties')}</h2>
      <p className="network-muted">{t('networks.tiesIntro')}</p>
      <div className="network-country">
        <ComboBox
          label={t('networks.country')}
          options={options}
          selectedKey={country ?? null}
          onSelectionChange={(key) => {
            if (key !== null) setCountry(String(key));
          }}
        />
      </div>
      {!country ? (
        <p>{t('networks.chooseCountry')}</p>
      ) : (
        <DataTable
          caption={t('networks.tiesTable', { country: countryLabel })}
          rows={rows}
          columns={columns}
          rowId={(row) =>
            `${row.id}-${row.member.type}-${row.member.id}-${row.partner.type}-${row.partner.id}`
          }
          urlPrefix="ties"
          fileName={`citybridge-network-${network.id}-ties-${country}`}
          defaultSort={[{ id: 'member', desc: false }]}
          isLoading={ties.isPending}
          error={ties.isError ? t('networks.tiesError') : undefined}
          onRetry={() => void ties.refetch()}
          emptyState={
            <EmptyState
              title={t('networks.noTies', { country: countryLabel })}
              description={t('networks.noTiesHint')}
            />
          }
        />
      )}
    </section>
  );
}

/** The events the network's secretariat and coordinators hosted, latest first. */
function NetworkEvents({ networkId }: { networkId: number }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const events = useNetworkEvents(networkId);
  return (
    <section aria-labelledby="network-events" className="network-section">
      <h2 id="network-events">{t('networks.events')}</h2>
      {events.isError ? (
        <ErrorState
          message={t('networks.eventsError')}
          onRetry={() => void events.refetch()}
          isRetrying={events.isFetching}
        />
      ) : !events.data ? (
        <Skeleton lines={2} />
      ) : events.data.items.length === 0 ? (
        <p>{t('networks.noEvents')}</p>
      ) : (
        <ul className="network-list">
          {events.data.items.map((event) => {
            const title = pickText(event.title, i18n.language);
            return (
              <li key={event.id}>
                <Link to={`/events/${event.id}`} lang={langOf(title, i18n.language)}>
                  {title?.text ?? t('event.untitled')}
                </Link>
                <span className="network-muted">
                  {' '}
                  {format.date(event.startsAt.slice(0, 10))}
                  {event.hosts.length > 0 && ` · ${event.hosts.map((host) => host.name).join(', ')}`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The network's campaigns, for a signed-in reader who may see them; nothing at all otherwise. */
function NetworkCampaigns({ networkId }: { networkId: number }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const campaigns = useNetworkCampaigns(networkId, true);
  if (!campaigns.data) return null;
  return (
    <section aria-labelledby="network-campaigns" className="network-section">
      <h2 id="network-campaigns">{t('networks.campaigns')}</h2>
      {campaigns.data.length === 0 ? (
        <p>{t('networks.noCampaigns')}</p>
      ) : (
        <ul className="network-list">
          {campaigns.data.map((campaign) => {
            const title = pickText(campaign.title ?? {}, i18n.language);
            const dates = [campaign.opensOn, campaign.closesOn].map((date) =>
              date ? format.date(date) : '…',
            );
            return (
              <li key={campaign.id}>
                <span lang={langOf(title, i18n.language)}>
                  {title?.text ?? t('networks.untitledCampaign')}
                </span>
                <span className="network-muted">
                  {' '}
                  {t(`networks.campaignStatus.${campaign.status}`, { defaultValue: campaign.status })} ·{' '}
                  {t('networks.campaignDates', { opens: dates[0], closes: dates[1] })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <Link to={`/workspace/campaigns?networkId=${networkId}`}>{t('networks.campaignsInWorkspace')}</Link>
      </p>
    </section>
  );
}

/**
 * A network's or working group's public page: its name and description in the reader's language, who runs it, its
 * members on a map and in a table, its working groups, the members' ties with a country, the events it ran and,
 * for a signed-in reader who may see them, its campaigns.
 */
export function NetworkPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const format = useFormat();
  const id = Number(useParams().id);
  const validId = Number.isInteger(id) && id > 0 ? id : undefined;
  const record = useNetworkRecord(validId);

  const missing =
    record.error instanceof ApiError && (record.error.status === 404 || record.error.status === 400);
  if (validId === undefined || missing) return <NotFoundPage text={t('networks.notFound')} />;
  if (record.isError)
    return (
      <article className="network-page">
        <h1>{t('networks.errorTitle')}</h1>
        <ErrorState
          message={t('common.error')}
          onRetry={() => void record.refetch()}
          isRetrying={record.isFetching}
        />
      </article>
    );
  if (!record.data)
    return (
      <article className="network-page" aria-busy="true">
        <Skeleton lines={2} label={t('networks.loading')} />
        <Skeleton variant="block" label={t('networks.loading')} />
      </article>
    );

  const network = record.data;
  const name = pickText(network.name, language);
  const description = pickText(network.description, language);
  const theme = pickText(network.theme, language);
  const parentName = network.parent ? pickText(network.parent.name, language) : undefined;
  const viewer = network.viewer;
  const inWorkspace = !!viewer && (viewer.coordinates || viewer.memberOrganizationIds.length > 0);

  return (
    <article className="network-page">
      <header className="network-header">
        <p className="network-eyebrow">
          <span>{t(`networks.kind.${network.kind}`)}</span>
          {theme && <span lang={langOf(theme, language)}>{theme.text}</span>}
        </p>
        <h1 lang={langOf(name, language)}>{name?.text ?? network.shortName ?? t('networks.untitled')}</h1>
        {network.parent && (
          <p className="network-parent">
            {t('networks.groupOf')}{' '}
            <Link to={`/networks/${network.parent.id}`} lang={langOf(parentName, language)}>
              {parentName?.text ?? network.parent.shortName}
            </Link>
          </p>
        )}
        {inWorkspace && (
          <p>
            <Link to={`/workspace/networks/${network.id}`}>{t('networks.openInWorkspace')}</Link>
          </p>
        )}
      </header>
      <section aria-labelledby="network-facts" className="network-facts">
        <h2 id="network-facts" className="visually-hidden">
          {t('networks.details')}
        </h2>
        <DescriptionList
          items={[
            { id: 'short', label: t('networks.shortName'), value: network.shortName },
            { id: 'secretariat', label: t('networks.secretariat'), value: network.secretariat?.name ?? null },
            {
              id: 'country',
              label: t('networks.country'),
              value: network.countryCode ? format.country(network.countryCode) : null,
            },
            {
              id: 'coordinators',
              label: t('networks.coordinators'),
              value:
                network.coordinators.length > 0
                  ? network.coordinators.map((coordinator) => coordinator.name).join(', ')
                  : null,
            },
            {
              id: 'founded',
              label: t('networks.foundedOn'),
              value: network.foundedOn ? format.date(network.foundedOn) : null,
            },
            {
              id: 'website',
              label: t('networks.website'),
              value: network.website ? (
                <a href={network.website} rel="noopener noreferrer">
                  {network.website}
                </a>
              ) : null,
            },
          ]}
        />
        {description && <Paragraphs text={description.text} lang={langOf(description, language)} />}
      </section>
      <Members network={network} />
      {network.workingGroups.length > 0 && (
        <section aria-labelledby="network-groups" className="network-section">
          <h2 id="network-groups">{t('networks.workingGroups')}</h2>
          <ul className="network-list">
            {network.workingGroups.map((group) => {
              const groupName = pickText(group.name, language);
              const groupTheme = pickText(group.theme, language);
              return (
                <li key={group.id}>
                  <Link to={`/networks/${group.id}`} lang={langOf(groupName, language)}>
                    {groupName?.text ?? t('networks.untitled')}
                  </Link>
                  <span className="network-muted">
                    {' '}
                    {[
                      ...new Set([
                        groupTheme?.text,
                        group.countryCode ? format.country(group.countryCode) : undefined,
                      ]),
                      t('networks.memberCount', { count: group.memberCount }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <MembersTies network={network} />
      <NetworkEvents networkId={network.id} />
      <RelatedArticles query={{ networkId: network.id }} />
      {viewer && <NetworkCampaigns networkId={network.id} />}
    </article>
  );
}
