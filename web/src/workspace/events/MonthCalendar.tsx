import { type CalendarDate, isSameDay, isSameMonth, today as todayIn } from '@internationalized/date';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { type ListedEvent, useEvents } from '../../api/events.ts';
import { formattingLocale, readerTimeZone } from '../../components/TimeRange.tsx';
import { Button } from '../../ui/Button.tsx';
import { ChevronLeftIcon, ChevronRightIcon } from '../../ui/icons.tsx';
import { ErrorState } from '../../ui/states.tsx';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { EventTime } from './EventTime.tsx';
import { CALENDAR_SHOWS, capitalized, EVENTS_LIMIT, showQuery, titleIn, useShow } from './event-views.ts';
import { type GridDay, monthGrid, monthParam, parseMonth, startOfDay, weekDays } from './month-grid.ts';
import { ShowFilter } from './ShowFilter.tsx';

/** A day cell shows this many events; the day's list under the grid has them all. */
const SHOWN_IN_CELL = 3;

/**
 * A month as a grid of weeks (from the locale's first day of the week), each day with the events that cover some of
 * it on the reader's clock, each event a link to its page. The grid is an ARIA grid: one day is in the tab order,
 * the arrow keys move by day and week, Home and End to the week's ends, Page Up and Page Down by month; Tab goes on
 * to the links of the day. The chosen day's events are listed under the grid with their times.
 */
export function MonthCalendar({ organization }: { organization: { id: number; name: string } }) {
  const { t } = useWorkspaceTexts();
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  const zone = readerTimeZone();
  const today = todayIn(zone);
  const [params, setParams] = useSearchParams();
  const month = parseMonth(params.get('month')) ?? today.set({ day: 1 });
  const [show] = useShow(CALENDAR_SHOWS);
  const [chosen, setChosen] = useState<CalendarDate>(() => (isSameMonth(today, month) ? today : month));
  // The day chosen stays in the month shown: another month (its buttons, the address) starts at its first day.
  const day = isSameMonth(chosen, month) ? chosen : isSameMonth(today, month) ? today : month;

  const shown = monthGrid(month, locale, zone);
  const events = useEvents({
    ...showQuery(show, organization.id),
    from: shown.from.toISOString(),
    to: shown.to.toISOString(),
    limit: EVENTS_LIMIT,
  });
  const grid = useMemo(
    () => monthGrid(month, locale, zone, events.data?.items ?? []),
    [month, locale, zone, events.data],
  );

  const goToMonth = (next: CalendarDate, options: { replace?: boolean } = {}) =>
    setParams(
      (current) => {
        const changed = new URLSearchParams(current);
        changed.set('month', monthParam(next));
        return changed;
      },
      { preventScrollReset: true, replace: options.replace },
    );

  const headingId = useId();
  const title = capitalized(
    new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', calendar: 'gregory' }).format(
      startOfDay(month, zone),
    ),
    locale,
  );
  const chosenDay = grid.weeks.flat().find((gridDay) => isSameDay(gridDay.date, day));

  return (
    <div className="ev-view">
      <ShowFilter offered={CALENDAR_SHOWS} t={t} />
      <div className="ev-month-header">
        <h2 id={headingId} aria-live="polite">
          {title}
        </h2>
        <div className="ev-month-nav">
          <Button
            size="s"
            variant="secondary"
            aria-label={t('events.previousMonth')}
            onPress={() => goToMonth(month.subtract({ months: 1 }))}
          >
            <ChevronLeftIcon />
          </Button>
          <Button
            size="s"
            variant="secondary"
            onPress={() => {
              setChosen(today);
              goToMonth(today.set({ day: 1 }));
            }}
          >
            {t('events.today')}
          </Button>
          <Button
            size="s"
            variant="secondary"
            aria-label={t('events.nextMonth')}
            onPress={() => goToMonth(month.add({ months: 1 }))}
          >
            <ChevronRightIcon />
          </Button>
        </div>
      </div>
      <p className="hint">{t('events.timesIn', { zone })}</p>
      {events.isError && <ErrorState message={t('lists.error')} onRetry={() => void events.refetch()} />}
      {events.data?.items.length === EVENTS_LIMIT && (
        <p className="hint">{t('events.limited', { count: EVENTS_LIMIT })}</p>
      )}
      <MonthGridTable
        grid={grid.weeks}
        labelledBy={headingId}
        busy={events.isPending}
        day={day}
        today={today}
        locale={locale}
        zone={zone}
        t={t}
        onChoose={(next) => {
          setChosen(next);
          if (!isSameMonth(next, month)) goToMonth(next, { replace: true });
        }}
      />
      <DayEvents day={chosenDay} locale={locale} zone={zone} t={t} />
    </div>
  );
}

/** Where the arrow keys and the page keys move the chosen day to, if they move it. */
function moved(day: CalendarDate, event: KeyboardEvent, locale: string): CalendarDate | undefined {
  const week = weekDays(locale, day);
  switch (event.key) {
    case 'ArrowLeft':
      return day.subtract({ days: 1 });
    case 'ArrowRight':
      return day.add({ days: 1 });
    case 'ArrowUp':
      return day.subtract({ weeks: 1 });
    case 'ArrowDown':
      return day.add({ weeks: 1 });
    case 'Home':
      return week[0];
    case 'End':
      return week[6];
    case 'PageUp':
      return event.shiftKey ? day.subtract({ years: 1 }) : day.subtract({ months: 1 });
    case 'PageDown':
      return event.shiftKey ? day.add({ years: 1 }) : day.add({ months: 1 });
    default:
      return undefined;
  }
}

function MonthGridTable(props: {
  grid: GridDay<ListedEvent>[][];
  labelledBy: string;
  busy: boolean;
  day: CalendarDate;
  today: CalendarDate;
  locale: string;
  zone: string;
  t: WorkspaceT;
  onChoose: (day: CalendarDate) => void;
}) {
  const { grid, day, locale, zone, t } = props;
  const { i18n } = useTranslation();
  const table = useRef<HTMLTableElement>(null);
  // Focus follows the day the keyboard moved to (not the day chosen when the page opens), once it is shown: a day in
  // another month is shown once the address names that month.
  const focusing = useRef<string | null>(null);
  useEffect(() => {
    if (focusing.current === null) return;
    const cell = table.current?.querySelector<HTMLElement>(`[data-date="${focusing.current}"]`);
    if (cell?.tabIndex !== 0) return;
    focusing.current = null;
    cell.focus();
  });
  const long = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: zone,
  });
  const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: zone });
  const weekdayShort = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: zone });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone });

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' && (event.target as HTMLElement).dataset.date) {
      // Enter on a day goes to its first event.
      const link = (event.target as HTMLElement).querySelector<HTMLElement>('a');
      if (link) {
        event.preventDefault();
        link.focus();
      }
      return;
    }
    const next = moved(day, event, locale);
    if (!next) return;
    event.preventDefault();
    focusing.current = next.toString();
    props.onChoose(next);
  };

  return (
    <table
      ref={table}
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the month is an ARIA grid, its days moved through with the arrow keys (the ARIA date-grid pattern); as a table it keeps its rows and column headers
      role="grid"
      aria-labelledby={props.labelledBy}
      aria-busy={props.busy}
      className="ev-month"
    >
      <thead>
        <tr>
          {grid[0]!.map(({ date }) => (
            <th key={date.toString()} scope="col">
              <span aria-hidden="true">{weekdayShort.format(noonOf(date, zone))}</span>
              <span className="visually-hidden">{weekdayLong.format(noonOf(date, zone))}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.map((week) => (
          <tr key={week[0]!.date.toString()}>
            {week.map((gridDay) => {
              const isChosen = isSameDay(gridDay.date, day);
              const isToday = isSameDay(gridDay.date, props.today);
              const count = gridDay.events.length;
              const label = `${long.format(noonOf(gridDay.date, zone))}, ${
                count === 0 ? t('events.noEvents') : t('events.eventCount', { count })
              }`;
              return (
                <td
                  key={gridDay.date.toString()}
                  // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a day of the grid (see the table's role)
                  role="gridcell"
                  data-date={gridDay.date.toString()}
                  tabIndex={isChosen ? 0 : -1}
                  aria-selected={isChosen}
                  aria-current={isToday ? 'date' : undefined}
                  className="ev-day"
                  data-outside={!gridDay.inMonth || undefined}
                  data-today={isToday || undefined}
                  data-chosen={isChosen || undefined}
                  onClick={() => props.onChoose(gridDay.date)}
                  onKeyDown={onKeyDown}
                  onFocus={(event) => {
                    if (event.target === event.currentTarget && !isChosen) props.onChoose(gridDay.date);
                  }}
                >
                  <span className="ev-day-number" aria-hidden="true">
                    {gridDay.date.day}
                  </span>
                  <span className="visually-hidden ev-day-label">{label}</span>
                  {count > 0 && (
                    <ul className="ev-day-events">
                      {gridDay.events
                        .slice(0, SHOWN_IN_CELL)
                        .map(({ event, continuesBefore, continuesAfter }) => (
                          <li
                            key={event.id}
                            className="ev-chip"
                            data-before={continuesBefore || undefined}
                            data-after={continuesAfter || undefined}
                          >
                            <RouterLink to={`/events/${event.id}`} tabIndex={isChosen ? 0 : -1}>
                              {!continuesBefore && (
                                <time dateTime={event.startsAt} className="ev-chip-time">
                                  {time.format(new Date(event.startsAt))}
                                </time>
                              )}{' '}
                              {titleIn(event, i18n.language)}
                            </RouterLink>
                          </li>
                        ))}
                      {count > SHOWN_IN_CELL && (
                        <li className="ev-more" aria-hidden="true">
                          {t('events.more', { count: count - SHOWN_IN_CELL })}
                        </li>
                      )}
                    </ul>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Noon of a day: a time of day that exists on every clock, to format the day's name and date. */
const noonOf = (date: CalendarDate, zone: string) =>
  new Date(startOfDay(date, zone).getTime() + 12 * 3600_000);

/** The chosen day's events with their times on the reader's clock and on the host's. */
function DayEvents(props: {
  day: GridDay<ListedEvent> | undefined;
  locale: string;
  zone: string;
  t: WorkspaceT;
}) {
  const { t, day } = props;
  const { i18n } = useTranslation();
  const headingId = useId();
  if (!day) return null;
  const name = new Intl.DateTimeFormat(props.locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: props.zone,
  }).format(noonOf(day.date, props.zone));
  return (
    <section className="ev-day-list" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('events.onDay', { day: name })}</h3>
      {day.events.length === 0 ? (
        <p className="hint">{t('events.noEventsOnDay')}</p>
      ) : (
        <ul className="ev-agenda-events">
          {day.events.map(({ event }) => (
            <li key={event.id}>
              <RouterLink to={`/events/${event.id}`} className="ev-agenda-title">
                {titleIn(event, i18n.language)}
              </RouterLink>
              <EventTime event={event} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
