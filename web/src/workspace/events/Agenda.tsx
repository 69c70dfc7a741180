import { today as todayIn } from '@internationalized/date';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { type ListedEvent, useEvents } from '../../api/events.ts';
import { formattingLocale, readerTimeZone } from '../../components/TimeRange.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { EventTime } from './EventTime.tsx';
import { CALENDAR_SHOWS, capitalized, EVENTS_LIMIT, showQuery, titleIn, useShow } from './event-views.ts';
import { type AgendaDay, agendaDays, daysOf, startOfDay } from './month-grid.ts';
import { ShowFilter } from './ShowFilter.tsx';

/**
 * What is coming, day by day on the reader's clock: each event under the day it starts (or today, while it goes on),
 * with its times on the reader's clock and on the host's when they differ, what kind of event it is, how to attend
 * and who hosts it, and the organisation's invitation when it has one.
 */
export function Agenda({ organization }: { organization: { id: number; name: string } }) {
  const { t } = useWorkspaceTexts();
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  const zone = readerTimeZone();
  const today = todayIn(zone);
  const [show] = useShow(CALENDAR_SHOWS);
  const events = useEvents({ ...showQuery(show, organization.id), when: 'upcoming', limit: EVENTS_LIMIT });
  const days = agendaDays(events.data?.items ?? [], zone, today);
  const dayName = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: zone,
  });
  return (
    <div className="ev-view">
      <ShowFilter offered={CALENDAR_SHOWS} t={t} />
      <p className="hint">{t('events.timesIn', { zone })}</p>
      {events.isPending ? (
        <Skeleton lines={4} />
      ) : events.isError ? (
        <ErrorState message={t('lists.error')} onRetry={() => void events.refetch()} />
      ) : days.length === 0 ? (
        <EmptyState title={t(`events.agendaEmpty.${show}`)} />
      ) : (
        <>
          {days.map((day) => (
            <AgendaDaySection
              key={day.date.toString()}
              day={day}
              name={capitalized(
                day.date.compare(today) === 0
                  ? `${t('events.today')}, ${dayName.format(noonOf(day, zone))}`
                  : dayName.format(noonOf(day, zone)),
                locale,
              )}
              zone={zone}
            />
          ))}
          {events.data.items.length === EVENTS_LIMIT && (
            <p className="hint">{t('events.limited', { count: EVENTS_LIMIT })}</p>
          )}
        </>
      )}
    </div>
  );
}

const noonOf = (day: AgendaDay<ListedEvent>, zone: string) =>
  new Date(startOfDay(day.date, zone).getTime() + 12 * 3600_000);

function AgendaDaySection(props: { day: AgendaDay<ListedEvent>; name: string; zone: string }) {
  const { t } = useWorkspaceTexts();
  const { t: common, i18n } = useTranslation();
  const headingId = useId();
  return (
    <section className="ev-agenda-day" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.name}</h2>
      <ul className="ev-agenda-events">
        {props.day.events.map((event) => {
          const span = daysOf(event, props.zone);
          const oneDay = span.first.compare(span.last) === 0 && span.first.compare(props.day.date) === 0;
          return (
            <li key={event.id}>
              <RouterLink to={`/events/${event.id}`} className="ev-agenda-title">
                {titleIn(event, i18n.language)}
              </RouterLink>
              <EventTime event={event} withDate={!oneDay} />
              <span className="ev-agenda-facts">
                {[
                  common(`event.kind.${event.kind}`),
                  common(`event.mode.${event.attendanceMode}`),
                  event.hosts.map((host) => host.name).join(', '),
                ].join(' · ')}
                {event.status !== 'scheduled' && event.status !== 'planned' && (
                  <>
                    {' · '}
                    <span className="ev-status" data-status={event.status}>
                      {common(`event.status.${event.status}`)}
                    </span>
                  </>
                )}
              </span>
              {(event.invitations ?? []).map((invitation) => (
                <span key={invitation.id} className="ev-agenda-invitation">
                  {t('events.invitationOf', { name: invitation.invitee.name })}{' '}
                  <span className="ev-status" data-status={invitation.status}>
                    {common(`event.invitation.${invitation.status}`)}
                  </span>
                </span>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
