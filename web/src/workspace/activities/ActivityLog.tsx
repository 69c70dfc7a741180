import { type Activity, useActivities, useDeleteActivity, useRestoreActivity } from '../../api/activities.ts';
import { usePeople } from '../../api/people.ts';
import { useDashboard } from '../../api/workspace.ts';
import type { WorkspaceT } from '../texts.ts';
import { DeleteButton } from '../ui/DeleteRestore.tsx';
import { actionsColumn, RecordTable, useRowEditing } from '../ui/RecordTable.tsx';
import { ActivityForm } from './ActivityForm.tsx';
import { ACTIVITY_SORT, useActivityColumns } from './activity-columns.ts';

/**
 * An organisation's activity log in a table, with editing (the form below the table) and deleting (Undo in the
 * toast) each activity, and logging a new one.
 */
export function ActivityLog(props: { t: WorkspaceT; organizationId: number; canAdd: boolean }) {
  const { t, organizationId } = props;
  const activities = useActivities({ organizationId });
  // The ties and people an activity can concern: the organisation's own.
  const ties = useDashboard(organizationId).data?.ties ?? [];
  const people = usePeople({ organizationId }).data?.items ?? [];
  const remove = useDeleteActivity();
  const restore = useRestoreActivity();
  const columns = useActivityColumns(t);
  const { edited, close, toggle } = useRowEditing(activities.data?.items);

  const actions = (activity: Activity) =>
    activity.canEdit && (
      <span className="ws-row-actions">
        {toggle(
          activity,
          <>
            {t('tie.edit')} <span className="visually-hidden">{activity.title}</span>
          </>,
        )}
        <DeleteButton
          t={t}
          size="s"
          onDelete={() => remove.mutateAsync(activity)}
          onRestore={(deleted) => restore.mutateAsync(deleted)}
        >
          {t('tieActions.delete')} <span className="visually-hidden">{activity.title}</span>
        </DeleteButton>
      </span>
    );

  return (
    <section className="panel">
      <h2>{t('organization.activities')}</h2>
      <RecordTable
        caption={t('organization.activities')}
        query={activities}
        rows={activities.data?.items}
        columns={[...columns, actionsColumn(t, actions)]}
        urlPrefix="activity"
        fileName="citybridge-activity"
        defaultSort={ACTIVITY_SORT}
        empty={{
          title: t('lists.activityEmpty'),
          hint: props.canAdd ? t('organization.logHint') : undefined,
        }}
      />
      {edited && (
        <ActivityForm
          key={`${edited.id}-${edited.version}`}
          organizationId={organizationId}
          activity={edited}
          ties={ties}
          people={people}
          t={t}
          onSaved={close}
        />
      )}
      {props.canAdd && <ActivityForm organizationId={organizationId} ties={ties} people={people} t={t} />}
    </section>
  );
}
