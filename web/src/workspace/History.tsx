import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson } from '../api/client.ts';
import type { HistoryEvent } from './api.ts';
import type { useWorkspaceTexts } from './texts.ts';

/** A record's history: who changed what and when, and which fields changed. */
export function History(props: {
  t: ReturnType<typeof useWorkspaceTexts>['t'];
  url: string;
  title: string;
  collapsed?: boolean;
}) {
  const [open, setOpen] = useState(!props.collapsed);
  const history = useQuery({
    queryKey: ['history', props.url],
    queryFn: () => getJson<{ items: HistoryEvent[] }>(props.url),
    enabled: open,
  });
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
