import { useMemo } from 'react';
import { ACTIVITY_KINDS, type Activity } from '../../api/activities.ts';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import type { WorkspaceT } from '../texts.ts';

/** The columns an activity log shows until the reader chooses others. */
const LOG_COLUMNS = ['date', 'kind', 'title', 'followUp', 'followUpOn'] as const;

/** The column ids of a table of activities. */
export type ActivityColumnId = 'date' | 'kind' | 'title' | 'summary' | 'loggedBy' | 'followUp' | 'followUpOn';

/**
 * The columns of a table of activities: date, kind, title, summary, whose log it is in and follow-up; `shown` are
 * the ones shown until the reader chooses others under Columns (those of an organisation's log unless given).
 */
export function useActivityColumns(
  t: WorkspaceT,
  shown: readonly ActivityColumnId[] = LOG_COLUMNS,
): DataColumn<Activity>[] {
  return useMemo<DataColumn<Activity>[]>(() => {
    const columns: (DataColumn<Activity> & { id: ActivityColumnId })[] = [
      { id: 'date', header: t('lists.date'), value: (activity) => activity.occurredOn, nowrap: true },
      {
        id: 'kind',
        header: t('lists.kind'),
        value: (activity) => t(`activityKind.${activity.kind}`),
        filter: choiceFilter(ACTIVITY_KINDS, (kind) => t(`activityKind.${kind}`)),
      },
      {
        id: 'title',
        header: t('lists.title'),
        value: (activity) => activity.title,
        filter: 'text',
        required: true,
      },
      { id: 'summary', header: t('organization.summary'), value: (activity) => activity.summary },
      { id: 'loggedBy', header: t('lists.loggedBy'), value: (activity) => activity.organizationName },
      { id: 'followUp', header: t('lists.followUp'), value: (activity) => activity.followUp },
      {
        id: 'followUpOn',
        header: t('lists.followUpOn'),
        value: (activity) => activity.followUpOn,
        nowrap: true,
      },
    ];
    return columns.map((column) => ({ ...column, hidden: !shown.includes(column.id) }));
  }, [t, shown]);
}

/** Activities newest first. */
export const ACTIVITY_SORT = [{ id: 'date', desc: true }];
