import { useActivities } from '../../api/activities.ts';
import { useCurrentOrganization } from '../shell/current-organization.ts';
import type { WorkspaceT } from '../texts.ts';
import { RecordTable } from '../ui/RecordTable.tsx';
import { ACTIVITY_SORT, type ActivityColumnId, useActivityColumns } from './activity-columns.ts';

/** A tie's timeline shows what happened and in whose log; the follow-up is chosen under Columns. */
const TIMELINE_COLUMNS: readonly ActivityColumnId[] = ['date', 'kind', 'title', 'summary', 'loggedBy'];

/** The activities logged about a tie, in a table, newest first. */
export function ActivityTimeline({ partnershipId, t }: { partnershipId: number; t: WorkspaceT }) {
  const timeline = useActivities({ partnershipId });
  const columns = useActivityColumns(t, TIMELINE_COLUMNS);
  const organization = useCurrentOrganization();
  return (
    <section className="panel">
      <h2>{t('tieActions.timeline')}</h2>
      <RecordTable
        caption={t('tieActions.timeline')}
        query={timeline}
        rows={timeline.data?.items}
        columns={columns}
        urlPrefix="timeline"
        fileName="citybridge-tie-activity"
        defaultSort={ACTIVITY_SORT}
        empty={{
          title: t('lists.timelineEmpty'),
          hint: t('lists.timelineEmptyHint'),
          link:
            organization.id === undefined
              ? undefined
              : { href: `/organizations/${organization.id}`, label: t('organization.logActivity') },
        }}
      />
    </section>
  );
}
