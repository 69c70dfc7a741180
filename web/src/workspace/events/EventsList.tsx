import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ATTENDANCE_MODES,
  EVENT_KINDS,
  EVENT_STATUSES,
  INVITATION_STATUSES,
} from '../../../../src/contract.ts';
import { type ListedEvent, useEvents } from '../../api/events.ts';
import { readerTimeZone } from '../../components/TimeRange.tsx';
import { Button } from '../../ui/Button.tsx';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { actionsColumn, RecordTable } from '../ui/RecordTable.tsx';
import { EventTime } from './EventTime.tsx';
import { EVENTS_LIMIT, SHOWS, showQuery, titleIn, useShow } from './event-views.ts';
import { AnswerPanel, AttendancePanel } from './InvitationPanels.tsx';
import { ShowFilter } from './ShowFilter.tsx';

/** Which panel is open under the table, and for which event. */
type Open = { eventId: number; panel: 'answer' | 'attendance' } | null;

/**
 * The events as a table: title (to the event's page), kind, time on the reader's clock, status, attendance mode,
 * hosts and, for the events the organisation is invited to, its invitation's status. Its rows open the answer to an
 * invitation (for the invitee's members) and the attendance of an event the organisation hosts (for its editors).
 */
export function EventsList({ organization }: { organization: { id: number; name: string } }) {
  const { t } = useWorkspaceTexts();
  const { t: common, i18n } = useTranslation();
  const language = i18n.language;
  const [show] = useShow(SHOWS);
  const events = useEvents({ ...showQuery(show, organization.id), limit: EVENTS_LIMIT });
  const rows = events.data?.items;
  const [open, setOpen] = useState<Open>(null);
  const opened = open && rows?.find((event) => event.id === open.eventId);

  const columns = useMemo<DataColumn<ListedEvent>[]>(() => {
    const list: DataColumn<ListedEvent>[] = [
      {
        id: 'title',
        header: t('events.column.title'),
        value: (event) => titleIn(event, language),
        cell: (event) => (
          <Link href={`/events/${event.id}`} variant="standalone">
            {titleIn(event, language)}
          </Link>
        ),
        filter: 'text',
        required: true,
      },
      {
        id: 'kind',
        header: t('events.column.kind'),
        value: (event) => common(`event.kind.${event.kind}`),
        filter: choiceFilter(EVENT_KINDS, (kind) => common(`event.kind.${kind}`)),
      },
      {
        id: 'when',
        header: t('events.column.when'),
        value: (event) => event.startsAt,
        cell: (event) => <EventTime event={event} />,
      },
      {
        id: 'status',
        header: t('events.column.status'),
        value: (event) => common(`event.status.${event.status}`),
        filter: choiceFilter(EVENT_STATUSES, (status) => common(`event.status.${status}`)),
      },
      {
        id: 'mode',
        header: t('events.column.mode'),
        value: (event) => common(`event.mode.${event.attendanceMode}`),
        filter: choiceFilter(ATTENDANCE_MODES, (mode) => common(`event.mode.${mode}`)),
      },
      {
        id: 'hosts',
        header: t('events.column.hosts'),
        value: (event) => event.hosts.map((host) => host.name).join(', '),
        filter: 'text',
      },
    ];
    if (show === 'invited')
      list.push({
        id: 'invitation',
        header: t('events.column.invitation'),
        value: (event) =>
          (event.invitations ?? [])
            .map((invitation) => common(`event.invitation.${invitation.status}`))
            .join(', '),
        cell: (event) => (
          <ul className="ev-plain-list">
            {(event.invitations ?? []).map((invitation) => (
              <li key={invitation.id}>
                <span className="ev-status" data-status={invitation.status}>
                  {common(`event.invitation.${invitation.status}`)}
                </span>
                {(event.invitations?.length ?? 0) > 1 && ` (${invitation.invitee.name})`}
              </li>
            ))}
          </ul>
        ),
        filter: choiceFilter(INVITATION_STATUSES, (status) => common(`event.invitation.${status}`)),
      });
    list.push(
      actionsColumn(t, (event) => {
        const title = titleIn(event, language);
        const toggle = (panel: 'answer' | 'attendance', label: string) => {
          const isOpen = open?.eventId === event.id && open.panel === panel;
          return (
            <Button
              size="s"
              variant="quiet"
              aria-expanded={isOpen}
              aria-label={`${label}: ${title}`}
              onPress={() => setOpen(isOpen ? null : { eventId: event.id, panel })}
            >
              {label}
            </Button>
          );
        };
        return (
          <span className="ws-row-actions">
            {(event.invitations?.length ?? 0) > 0 && toggle('answer', t('events.answer'))}
            {event.canEdit && toggle('attendance', t('events.attendance'))}
          </span>
        );
      }),
    );
    return list;
  }, [t, common, language, show, open]);

  return (
    <div className="ev-view">
      <ShowFilter offered={SHOWS} t={t} />
      <p className="hint">{t('events.timesIn', { zone: readerTimeZone() })}</p>
      {rows?.length === EVENTS_LIMIT && (
        <p className="hint">{t('events.limited', { count: EVENTS_LIMIT })}</p>
      )}
      <RecordTable
        caption={t('events.caption', { show: t(`events.shows.${show}`), name: organization.name })}
        query={events}
        rows={rows}
        columns={columns}
        urlPrefix="events"
        fileName="citybridge-events"
        defaultSort={show === 'past' || show === 'all' ? NEWEST_FIRST : SOONEST_FIRST}
        empty={{ title: t(`events.empty.${show}`) }}
      />
      {opened && open.panel === 'answer' && (
        <AnswerPanel event={opened} organization={organization} onClose={() => setOpen(null)} />
      )}
      {opened && open.panel === 'attendance' && (
        <AttendancePanel event={opened} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}

const NEWEST_FIRST = [{ id: 'when', desc: true }];
const SOONEST_FIRST = [{ id: 'when', desc: false }];
