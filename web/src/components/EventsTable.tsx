import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EVENT_KINDS } from '../../../src/contract.ts';
import { type EventResponse, type EventsQuery, useEvents } from '../api/events.ts';
import { choiceFilter, type DataColumn, DataTable } from '../ui/DataTable.tsx';
import { EmptyState } from '../ui/states.tsx';
import { formattingLocale, readerTimeZone } from './TimeRange.tsx';

const NEWEST_FIRST = [{ id: 'date', desc: true }];
const SOONEST_FIRST = [{ id: 'date', desc: false }];

/** The title in the reader's language, else in English, else in whichever there is. */
const titleIn = (event: EventResponse, language: string) =>
  event.title[language] ?? event.title.en ?? Object.values(event.title)[0] ?? '';

/**
 * Events in a table, each linked to its page: a tie's (the events that involve both its parties) or a place's; all
 * of them unless the query asks for the upcoming (soonest first) or the past ones. Newest first, except upcoming
 * ones. The date is on the reader's clock.
 */
export function EventsTable({
  query,
  caption,
  urlPrefix,
  empty,
}: {
  query: EventsQuery;
  caption: string;
  urlPrefix: string;
  empty: string;
}) {
  const { t, i18n } = useTranslation();
  const events = useEvents({ when: 'all', ...query });
  const language = i18n.language;
  const columns = useMemo<DataColumn<EventResponse>[]>(() => {
    const date = new Intl.DateTimeFormat(formattingLocale(language), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: readerTimeZone(),
    });
    return [
      {
        id: 'date',
        header: t('eventList.date'),
        value: (event) => event.startsAt,
        cell: (event) => <time dateTime={event.startsAt}>{date.format(new Date(event.startsAt))}</time>,
        nowrap: true,
      },
      {
        id: 'title',
        header: t('eventList.title'),
        value: (event) => titleIn(event, language),
        cell: (event) => <Link to={`/events/${event.id}`}>{titleIn(event, language)}</Link>,
        filter: 'text',
        required: true,
      },
      {
        id: 'kind',
        header: t('eventList.kind'),
        value: (event) => t(`event.kind.${event.kind}`),
        filter: choiceFilter(EVENT_KINDS, (kind) => t(`event.kind.${kind}`)),
      },
      { id: 'status', header: t('eventList.status'), value: (event) => t(`event.status.${event.status}`) },
    ];
  }, [t, language]);
  return (
    <DataTable
      caption={caption}
      rows={events.data?.items ?? []}
      columns={columns}
      rowId={(event) => String(event.id)}
      urlPrefix={urlPrefix}
      fileName={`citybridge-${urlPrefix}`}
      defaultSort={query.when === 'upcoming' ? SOONEST_FIRST : NEWEST_FIRST}
      isLoading={events.isPending}
      error={events.isError ? t('eventList.error') : undefined}
      onRetry={() => events.refetch()}
      emptyState={<EmptyState title={empty} />}
      compact
    />
  );
}
