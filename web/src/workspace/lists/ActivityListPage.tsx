import { useMemo } from 'react';
import { ACTIVITY_KINDS, type Activity, useActivities } from '../../api/activities.ts';
import { type DataColumn, DataTable } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { EmptyState } from '../../ui/states.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { listError, OrganizationListPage } from './ListPage.tsx';

/** The organisation's activity log: date, kind, title, summary and follow-up, newest first. */
export function ActivityListPage() {
  const { t, ready } = useWorkspaceTexts();
  const columns = useMemo<DataColumn<Activity>[]>(
    () => [
      { id: 'date', header: t('lists.date'), value: (activity) => activity.occurredOn },
      {
        id: 'kind',
        header: t('lists.kind'),
        value: (activity) => t(`activityKind.${activity.kind}`),
        filter: {
          options: ACTIVITY_KINDS.map((kind) => ({
            value: t(`activityKind.${kind}`),
            label: t(`activityKind.${kind}`),
          })),
        },
      },
      {
        id: 'title',
        header: t('lists.title'),
        value: (activity) => activity.title,
        filter: 'text',
        required: true,
      },
      {
        id: 'summary',
        header: t('organization.summary'),
        value: (activity) => activity.summary,
        hidden: true,
      },
      { id: 'followUp', header: t('lists.followUp'), value: (activity) => activity.followUp },
      { id: 'followUpOn', header: t('lists.followUpOn'), value: (activity) => activity.followUpOn },
    ],
    [t],
  );
  return (
    <OrganizationListPage t={t} ready={ready} title={t('shell.activity')}>
      {(organization) => <ActivityTable organization={organization} columns={columns} />}
    </OrganizationListPage>
  );
}

function ActivityTable(props: {
  organization: { id: number; name: string };
  columns: DataColumn<Activity>[];
}) {
  const { t } = useWorkspaceTexts();
  const activities = useActivities({ organizationId: props.organization.id, limit: 200 });
  return (
    <DataTable
      caption={t('lists.activityCaption', { name: props.organization.name })}
      rows={activities.data?.items ?? []}
      columns={props.columns}
      rowId={(activity) => String(activity.id)}
      urlPrefix="activity"
      fileName="citybridge-activity"
      defaultSort={[{ id: 'date', desc: true }]}
      isLoading={activities.isPending}
      error={listError(t, activities.isError)}
      onRetry={() => void activities.refetch()}
      emptyState={
        <EmptyState
          title={t('lists.activityEmpty')}
          description={t('lists.activityEmptyHint')}
          action={
            <Link href={`/organizations/${props.organization.id}`} variant="standalone">
              {t('organization.logActivity')}
            </Link>
          }
        />
      }
    />
  );
}
