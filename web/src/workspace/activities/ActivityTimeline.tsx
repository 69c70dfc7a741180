import { useActivities } from '../../api/activities.ts';
import type { WorkspaceT } from '../texts.ts';

/** The activities logged about a tie, in the order the API lists them. */
export function ActivityTimeline({ partnershipId, t }: { partnershipId: number; t: WorkspaceT }) {
  const timeline = useActivities({ partnershipId });
  if (!timeline.data) return null;
  return (
    <section className="panel">
      <h2>{t('tieActions.timeline')}</h2>
      {timeline.data.items.length === 0 ? (
        <p>{t('dashboard.none')}</p>
      ) : (
        <ol className="history">
          {timeline.data.items.map((activity) => (
            <li key={activity.id}>
              <time dateTime={activity.occurredOn}>{activity.occurredOn}</time>{' '}
              {t(`activityKind.${activity.kind}`)}: {activity.title}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
