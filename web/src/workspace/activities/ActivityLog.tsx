import { useState } from 'react';
import { useActivities, useDeleteActivity } from '../../api/activities.ts';
import { usePeople } from '../../api/people.ts';
import { useDashboard } from '../../api/workspace.ts';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { ActivityForm } from './ActivityForm.tsx';

/** An organisation's activity log: each activity with editing and deleting, and logging a new one. */
export function ActivityLog(props: { t: WorkspaceT; organizationId: number; canAdd: boolean }) {
  const { t, organizationId } = props;
  const activities = useActivities({ organizationId });
  // The ties and people an activity can concern: the organisation's own.
  const ties = useDashboard(organizationId).data?.ties ?? [];
  const people = usePeople({ organizationId }).data?.items ?? [];
  const remove = useDeleteActivity();
  const [editing, setEditing] = useState<number | null>(null);

  return (
    <section className="panel">
      <h2>{t('organization.activities')}</h2>
      <ol className="history">
        {(activities.data?.items ?? []).map((activity) => (
          <li key={activity.id}>
            <time dateTime={activity.occurredOn}>{activity.occurredOn}</time>{' '}
            {t(`activityKind.${activity.kind}`)}: {activity.title}
            {activity.summary && <p>{activity.summary}</p>}
            {activity.canEdit && (
              <p>
                <button
                  type="button"
                  onClick={() => setEditing(editing === activity.id ? null : activity.id)}
                >
                  {t('tie.edit')} <span className="visually-hidden">{activity.title}</span>
                </button>{' '}
                <ActionButton onClick={() => remove.mutateAsync(activity)}>
                  {t('tieActions.delete')} <span className="visually-hidden">{activity.title}</span>
                </ActionButton>
              </p>
            )}
            {editing === activity.id && (
              <ActivityForm
                key={activity.version}
                organizationId={organizationId}
                activity={activity}
                ties={ties}
                people={people}
                t={t}
                onSaved={() => setEditing(null)}
              />
            )}
          </li>
        ))}
      </ol>
      {props.canAdd && <ActivityForm organizationId={organizationId} ties={ties} people={people} t={t} />}
    </section>
  );
}
