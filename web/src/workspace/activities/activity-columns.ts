import { useMemo } from 'react';
import { ACTIVITY_KINDS, type Activity } from '../../api/activities.ts';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import type { WorkspaceT } from '../texts.ts';

/** The columns of a table of activities: date, kind, title, summary and follow-up; newest first by default. */
export function useActivityColumns(t: WorkspaceT): DataColumn<Activity>[] {
  return useMemo<DataColumn<Activity>[]>(
    () => [
      { id: 'date', header: t('lists.date'), value: (activity) => activity.occurredOn },
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
}

/** Activities newest first. */
export const ACTIVITY_SORT = [{ id: 'date', desc: true }];
