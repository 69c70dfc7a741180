import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { HistoryEvent, historyQuery } from '../../api/history.ts';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import type { WorkspaceT } from '../texts.ts';
import { RecordTable } from '../ui/RecordTable.tsx';

/** The fields an event changed (its version aside); none for a record's creation. */
function changedFields(event: HistoryEvent): string[] {
  const { before, after } = event;
  if (!before || !after) return [];
  return Object.keys(after).filter(
    (key) => key !== 'version' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

/** The moment of an event as the reader's clock shows it: 2024-05-02 14:03. */
function localTime(iso: string): string {
  const date = new Date(iso);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** A record's history in a table, newest first: when, who, what they did, and which fields changed. */
export function History(props: {
  t: WorkspaceT;
  /** The record's history query, such as partnershipHistory(id). */
  query: ReturnType<typeof historyQuery>;
  title: string;
  /** The prefix of the table's view in the URL; two histories on one page need different ones. */
  urlPrefix: string;
  collapsed?: boolean;
}) {
  const { t } = props;
  const [open, setOpen] = useState(!props.collapsed);
  const history = useQuery({ ...props.query, enabled: open });
  const events = history.data?.items;
  const columns = useMemo<DataColumn<HistoryEvent>[]>(() => {
    const field = (key: string) => t(`field.${key}`, { defaultValue: key });
    const action = (name: string) => t(`action.${name}`, { defaultValue: name });
    // The actions this history has, to filter by: a record that was never deleted offers no Deleted.
    const actions = [...new Set((events ?? []).map((event) => event.action))];
    return [
      {
        id: 'time',
        header: t('history.time'),
        value: (event) => event.occurredAt,
        cell: (event) => <time dateTime={event.occurredAt}>{localTime(event.occurredAt)}</time>,
        required: true,
        nowrap: true,
      },
      { id: 'who', header: t('history.who'), value: (event) => event.actor },
      {
        id: 'action',
        header: t('history.action'),
        value: (event) => action(event.action),
        filter: choiceFilter(actions, action),
      },
      {
        id: 'changed',
        header: t('history.changed'),
        value: (event) => changedFields(event).map(field).join(', '),
      },
    ];
  }, [t, events]);

  const table = (
    <RecordTable
      caption={props.title}
      query={history}
      rows={events}
      columns={columns}
      urlPrefix={props.urlPrefix}
      fileName="citybridge-history"
      defaultSort={[{ id: 'time', desc: true }]}
      empty={{ title: t('history.empty'), hint: t('history.emptyHint') }}
    />
  );
  if (!props.collapsed) {
    return (
      <section className="panel">
        <h2>{props.title}</h2>
        {table}
      </section>
    );
  }
  return (
    <details onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>{props.title}</summary>
      {open && table}
    </details>
  );
}
