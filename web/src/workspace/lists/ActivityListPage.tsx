import { useActivities } from '../../api/activities.ts';
import { ACTIVITY_SORT, useActivityColumns } from '../activities/activity-columns.ts';
import { useWorkspaceTexts } from '../texts.ts';
import { RecordTable } from '../ui/RecordTable.tsx';
import { OrganizationListPage } from './ListPage.tsx';

/** The organisation's activity log: date, kind, title, summary and follow-up, newest first. */
export function ActivityListPage() {
  const { t, ready } = useWorkspaceTexts();
  return (
    <OrganizationListPage t={t} ready={ready} title={t('shell.activity')}>
      {(organization) => <ActivityTable organization={organization} />}
    </OrganizationListPage>
  );
}

function ActivityTable(props: { organization: { id: number; name: string } }) {
  const { t } = useWorkspaceTexts();
  const activities = useActivities({ organizationId: props.organization.id, limit: 200 });
  const columns = useActivityColumns(t);
  return (
    <RecordTable
      caption={t('lists.activityCaption', { name: props.organization.name })}
      query={activities}
      rows={activities.data?.items}
      columns={columns}
      urlPrefix="activity"
      fileName="citybridge-activity"
      defaultSort={ACTIVITY_SORT}
      empty={{
        title: t('lists.activityEmpty'),
        hint: t('lists.activityEmptyHint'),
        link: { href: `/organizations/${props.organization.id}`, label: t('organization.logActivity') },
      }}
    />
  );
}
