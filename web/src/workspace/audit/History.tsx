import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { HistoryEvent, historyQuery } from '../../api/history.ts';
import type { WorkspaceT } from '../texts.ts';

/** A record's history: who changed what and when, and which fields changed. */
export function History(props: {
  t: WorkspaceT;
  /** The record's history query, such as partnershipHistory(id). */
  query: ReturnType<typeof historyQuery>;
  title: string;
  collapsed?: boolean;
}) {
  const [open, setOpen] = useState(!props.collapsed);
  const history = useQuery({ ...props.query, enabled: open });
  const changed = (event: HistoryEvent) =>
    event.before && event.after
      ? Object.keys(event.after).filter(
          (key) =>
            key !== 'version' && JSON.stringify(event.before?.[key]) !== JSON.stringify(event.after?.[key]),
        )
      : [];
  const list = (
    <ol className="history">
      {(history.data?.items ?? []).map((event) => (
        <li key={event.id}>
          <time dateTime={event.occurredAt}>{event.occurredAt.slice(0, 16).replace('T', ' ')}</time>{' '}
          {props.t('tie.historyEntry', {
            action: props.t(`action.${event.action}`, { defaultValue: event.action }),
            actor: event.actor,
          })}
          {changed(event).length > 0 && ` (${changed(event).join(', ')})`}
        </li>
      ))}
    </ol>
  );
  if (!props.collapsed) {
    return (
      <section className="panel">
        <h2>{props.title}</h2>
        {list}
      </section>
    );
  }
  return (
    <details onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>{props.title}</summary>
      {open && list}
    </details>
  );
}
