import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/auth.ts';
import { useFormat } from '../../format.ts';
import { Button } from '../../ui/Button.tsx';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { Skeleton } from '../../ui/states.tsx';
import { useCurrentOrganization } from '../shell/current-organization.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { actionsColumn, RecordTable } from '../ui/RecordTable.tsx';
import { campaignLanguage, pick } from './campaign-model.ts';
import {
  CAMPAIGN_STATUSES,
  type CampaignListItem,
  useCampaigns,
  useOrganizationNetworks,
} from './campaigns-api.ts';
import { NewCampaignForm } from './NewCampaignForm.tsx';
import { idParam } from './ResponsePage.tsx';
import './campaigns.css';

/** A campaign's status in words, marked with its tone. */
export function CampaignStatus({ t, status }: { t: WorkspaceT; status: string }) {
  return (
    <span className="cp-status" data-status={status}>
      {t(`campaigns.status.${status}`)}
    </span>
  );
}

/**
 * The campaigns the reader may see (those of the groups their organisations coordinate, and the open and closed ones
 * of the groups they belong to), of one network or working group with ?networkId=: status, dates, target and, for
 * coordinators, how many members have submitted. Coordinators start a new campaign here.
 */
export function CampaignsPage() {
  const { t, ready, language: uiLanguage } = useWorkspaceTexts();
  const language = campaignLanguage(uiLanguage);
  const format = useFormat();
  const [search, setSearch] = useSearchParams();
  const networkId = idParam(search.get('networkId'));
  const organization = useCurrentOrganization();
  const campaigns = useCampaigns({ networkId });
  const networks = useOrganizationNetworks(organization.id);
  const session = useSession();
  const role = session.data?.memberships.find(
    (membership) => membership.organizationId === organization.id,
  )?.role;
  const targets = (networks.data?.items ?? []).filter((network) => network.relation?.coordinates);
  const [creating, setCreating] = useState(false);
  const rows = campaigns.data?.items;
  const filteredName = networkId
    ? (rows?.[0]?.networkName ??
      networks.data?.items.find((network) => network.id === networkId)?.name ??
      undefined)
    : undefined;

  const columns = useMemo<DataColumn<CampaignListItem>[]>(
    () => [
      {
        id: 'title',
        header: t('campaigns.column.title'),
        value: (item) => pick(item.title, language),
        cell: (item) => (
          <Link href={`/workspace/campaigns/${item.id}`} variant="standalone">
            {pick(item.title, language)}
          </Link>
        ),
        required: true,
      },
      {
        id: 'target',
        header: t('campaigns.column.target'),
        value: (item) => pick(item.networkName, language),
      },
      {
        id: 'status',
        header: t('campaigns.column.status'),
        value: (item) => t(`campaigns.status.${item.status}`),
        cell: (item) => <CampaignStatus t={t} status={item.status} />,
        filter: choiceFilter(CAMPAIGN_STATUSES, (status) => t(`campaigns.status.${status}`)),
      },
      {
        id: 'opens',
        header: t('campaigns.column.opens'),
        value: (item) => item.opensOn ?? '',
        cell: (item) => (item.opensOn ? format.date(item.opensOn) : '–'),
        nowrap: true,
      },
      {
        id: 'closes',
        header: t('campaigns.column.closes'),
        value: (item) => item.closesOn ?? '',
        cell: (item) => (item.closesOn ? format.date(item.closesOn) : '–'),
        nowrap: true,
      },
      {
        id: 'country',
        header: t('campaigns.column.country'),
        value: (item) => (item.countryCode ? format.country(item.countryCode) : ''),
        hidden: true,
      },
      {
        id: 'progress',
        header: t('campaigns.column.progress'),
        value: (item) => {
          const counted = item.progress;
          return counted ? counted.submitted / Math.max(1, counted.members) : undefined;
        },
        cell: (item) => {
          const counted = item.progress;
          if (!counted) return '–';
          return (
            <span className="cp-progress">
              <progress
                value={counted.submitted}
                max={Math.max(1, counted.members)}
                aria-label={t('campaigns.progressOf', { title: pick(item.title, language) })}
              />{' '}
              {t('campaigns.progress', { submitted: counted.submitted, members: counted.members })}
            </span>
          );
        },
      },
      actionsColumn(t, (item) => {
        const title = pick(item.title, language);
        return (
          <span className="ws-row-actions">
            {item.canCoordinate && (
              <Link
                href={`/workspace/campaigns/${item.id}/edit`}
                variant="standalone"
                aria-label={t('campaigns.editNamed', { title })}
              >
                {t('campaigns.edit')}
              </Link>
            )}
            {item.status !== 'draft' && (item.canCoordinate || item.resultsSharedAt) && (
              <Link
                href={`/workspace/campaigns/${item.id}/results`}
                variant="standalone"
                aria-label={t('campaigns.resultsNamed', { title })}
              >
                {t('campaigns.resultsLink')}
              </Link>
            )}
          </span>
        );
      }),
    ],
    [t, language, format],
  );

  if (!ready) return <Skeleton lines={4} />;
  const canCreate = targets.length > 0 && role === 'editor';
  return (
    <section>
      <div className="ws-page-header">
        <h1>{t('campaigns.title')}</h1>
        {canCreate && !creating && (
          <Button variant="primary" onPress={() => setCreating(true)}>
            {t('campaigns.new.button')}
          </Button>
        )}
      </div>
      <p className="hint">{t('campaigns.intro')}</p>
      {networkId !== undefined && (
        <p className="cp-filter">
          {t('campaigns.filtered', { name: filteredName ? pick(filteredName, language) : `#${networkId}` })}{' '}
          <Button
            size="s"
            variant="quiet"
            onPress={() => {
              const next = new URLSearchParams(search);
              next.delete('networkId');
              setSearch(next);
            }}
          >
            {t('campaigns.showAll')}
          </Button>
        </p>
      )}
      {creating && (
        <NewCampaignForm
          t={t}
          language={uiLanguage}
          targets={targets}
          networkId={networkId}
          onCancel={() => setCreating(false)}
        />
      )}
      <RecordTable
        caption={t('campaigns.caption')}
        query={campaigns}
        rows={rows}
        columns={columns}
        urlPrefix="campaigns"
        fileName="citybridge-campaigns"
        defaultSort={[{ id: 'opens', desc: true }]}
        empty={{
          title: t('campaigns.empty'),
          hint: canCreate ? t('campaigns.emptyCoordinator') : t('campaigns.emptyMember'),
        }}
      />
    </section>
  );
}
