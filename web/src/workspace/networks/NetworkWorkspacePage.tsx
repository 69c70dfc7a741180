import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { networkHistory, useNetworkRecord } from '../../api/networks.ts';
import { countryName } from '../../format.ts';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { Link } from '../../ui/Link.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.tsx';
import { History } from '../audit/History.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { CoordinatorsPanel } from './CoordinatorsPanel.tsx';
import { MembersPanel } from './MembersPanel.tsx';
import { NetworkActions } from './NetworkActions.tsx';
import { localText } from './network-names.ts';
import { WorkingGroupForm } from './WorkingGroupForm.tsx';
import './networks.css';

/**
 * A network or working group in the workspace: what the user's organisation is in it, where its discussion and
 * campaigns are, its members (which its coordinators keep), its coordinators (which its secretariat appoints), its
 * working groups (which its coordinators create) and its history; its texts and settings, which its coordinators
 * change, and deleting and restoring it.
 */
export function NetworkWorkspacePage() {
  const { t, ready, language } = useWorkspaceTexts();
  const id = Number(useParams().id);
  const validId = Number.isInteger(id) && id > 0 ? id : undefined;
  const record = useNetworkRecord(validId);

  if (!ready || (validId !== undefined && record.isPending)) return <Skeleton lines={4} />;
  const missing =
    validId === undefined ||
    (record.error instanceof ApiError && (record.error.status === 404 || record.error.status === 400));
  if (missing)
    return (
      <section>
        <h1>{t('networks.network')}</h1>
        <EmptyState
          title={t('networks.notFound')}
          action={
            <Link href="/workspace/networks" variant="standalone">
              {t('networks.backToList')}
            </Link>
          }
        />
      </section>
    );
  if (!record.data)
    return (
      <section>
        <h1>{t('networks.network')}</h1>
        <ErrorState
          message={t('lists.error')}
          onRetry={() => void record.refetch()}
          isRetrying={record.isFetching}
        />
      </section>
    );

  const network = record.data;
  const name = localText(network.name, language) ?? network.shortName ?? t('networks.network');
  const parentName = network.parent ? localText(network.parent.name, language) : undefined;
  const viewer = network.viewer;
  const role = viewer?.coordinates
    ? t('networks.youCoordinate')
    : viewer && viewer.memberOrganizationIds.length > 0
      ? t('networks.youAreMember')
      : t('networks.youRead');

  return (
    <article className="nw-page">
      <div className="ws-page-header">
        <div>
          <p className="nw-kind">{t(`networks.kinds.${network.kind}`)}</p>
          <h1>{name}</h1>
        </div>
        <NetworkActions t={t} network={network} />
      </div>
      <p className="nw-role">{role}</p>
      <nav aria-label={t('networks.places')} className="nw-links">
        <ul>
          <li>
            <Link href={`/networks/${network.id}`} variant="standalone">
              {t('networks.publicPage')}
            </Link>
          </li>
          <li>
            <Link href={`/workspace/networks/${network.id}/discussion`} variant="standalone">
              {t('networks.discussion')}
            </Link>
          </li>
          <li>
            <Link href={`/workspace/campaigns?networkId=${network.id}`} variant="standalone">
              {t('networks.campaigns')}
            </Link>
          </li>
          {network.parent && (
            <li>
              <Link href={`/workspace/networks/${network.parent.id}`} variant="standalone">
                {t('networks.parentLink', { name: parentName ?? network.parent.shortName ?? '' })}
              </Link>
            </li>
          )}
        </ul>
      </nav>
      {network.deletedAt && (
        <p role="status">{t(network.kind === 'network' ? 'networks.deleted' : 'networks.groupDeleted')}</p>
      )}
      <div className="panel">
        <DescriptionList
          items={[
            { id: 'secretariat', label: t('networks.secretariat'), value: network.secretariat?.name ?? null },
            {
              id: 'theme',
              label: t('networks.theme'),
              value: localText(network.theme, language) ?? null,
            },
            {
              id: 'country',
              label: t('lists.country'),
              value: network.countryCode ? countryName(network.countryCode, language) : null,
            },
            {
              id: 'description',
              label: t('networks.description'),
              value: localText(network.description, language) ?? null,
            },
          ]}
        />
      </div>
      <MembersPanel t={t} network={network} networkName={name} />
      <CoordinatorsPanel t={t} network={network} />
      {network.kind === 'network' && (
        <section className="panel" aria-labelledby="nw-groups">
          <h2 id="nw-groups">{t('networks.workingGroups')}</h2>
          {network.workingGroups.length === 0 ? (
            <p>{t('networks.noGroups')}</p>
          ) : (
            <ul className="nw-groups">
              {network.workingGroups.map((group) => (
                <li key={group.id}>
                  <Link href={`/workspace/networks/${group.id}`} variant="standalone">
                    {localText(group.name, language) ?? t('networks.network')}
                  </Link>{' '}
                  <span className="hint">{t('networks.memberCount', { count: group.memberCount })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {viewer?.canCreateWorkingGroup && <WorkingGroupForm t={t} network={network} />}
      {viewer && (viewer.coordinates || viewer.memberOrganizationIds.length > 0) && (
        <History
          t={t}
          query={networkHistory(network.id)}
          title={t('networks.history')}
          urlPrefix="history"
          collapsed
        />
      )}
    </article>
  );
}
