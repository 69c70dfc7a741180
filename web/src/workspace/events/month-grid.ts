/**
 * The calendar arithmetic of the events views, on the reader's clock: which days an event covers, the weeks of a
 * month as a grid whose first day is the locale's first day of the week, and upcoming events by day. Days are
 * calendar dates (@internationalized/date), never spans of 24 hours, so a daylight-saving change moves nothing.
 */
import {
  type CalendarDate,
  endOfMonth,
  endOfWeek,
  fromDate,
  isSameMonth,
  parseDate,
  startOfMonth,
  startOfWeek,
  toCalendarDate,
  toZoned,
} from '@internationalized/date';

/** What the grid needs of an event: its start and end as instants (ISO 8601). */
export interface Timed {
  startsAt: string;
  endsAt: string;
}

/**
 * The first and last day an event covers on a zone's clock. Its end is the first moment it is over, so an event
 * that ends at midnight does not cover the day that begins then; one without duration covers its one day.
 */
export function daysOf(event: Timed, timeZone: string): { first: CalendarDate; last: CalendarDate } {
  const start = new Date(event.startsAt);
  const lastMoment = new Date(Math.max(start.getTime(), new Date(event.endsAt).getTime() - 1));
  return {
    first: toCalendarDate(fromDate(start, timeZone)),
    last: toCalendarDate(fromDate(lastMoment, timeZone)),
  };
}

/** The day an instant falls on, on a zone's clock. */
export const dayOfInstant = (instant: Date, timeZone: string): CalendarDate =>
  toCalendarDate(fromDate(instant, timeZone));

/** The instant a day begins on a zone's clock (its first moment, even where a clock change skips midnight). */
export const startOfDay = (day: CalendarDate, timeZone: string): Date => toZoned(day, timeZone).toDate();

/** An event on one day of the grid: whether it began before the day and goes on after it. */
export interface DayEvent<T> {
  event: T;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export interface GridDay<T> {
  date: CalendarDate;
  /** In the month shown (not one of the neighbouring months' days that fill its first and last week). */
  inMonth: boolean;
  /** The events that cover some of the day, in the order they start. */
  events: DayEvent<T>[];
}

export interface MonthGrid<T> {
  /** The first day of the month shown. */
  month: CalendarDate;
  /** Rows of seven days, from the locale's first day of the week. */
  weeks: GridDay<T>[][];
  /** The window the grid shows, as instants on the zone's clock: from the first day's start to the day after the last. */
  from: Date;
  to: Date;
}

/**
 * The month that holds `day` as weeks of seven days (the first starting on the locale's first day of the week, the
 * last ending on its last), each day with the events that cover some of it on the zone's clock.
 */
export function monthGrid<T extends Timed>(
  day: CalendarDate,
  locale: string,
  timeZone: string,
  events: readonly T[] = [],
): MonthGrid<T> {
  const month = startOfMonth(day);
  const first = startOfWeek(month, locale);
  const last = endOfWeek(endOfMonth(month), locale);
  const days: GridDay<T>[] = [];
  const index = new Map<string, GridDay<T>>();
  for (let date = first; date.compare(last) <= 0; date = date.add({ days: 1 })) {
    const gridDay = { date, inMonth: isSameMonth(date, month), events: [] };
    days.push(gridDay);
    index.set(date.toString(), gridDay);
  }
  const ordered = [...events].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || Date.parse(a.endsAt) - Date.parse(b.endsAt),
  );
  for (const event of ordered) {
    const span = daysOf(event, timeZone);
    const from = span.first.compare(first) < 0 ? first : span.first;
    const to = span.last.compare(last) > 0 ? last : span.last;
    for (let date = from; date.compare(to) <= 0; date = date.add({ days: 1 }))
      index.get(date.toString())?.events.push({
        event,
        continuesBefore: date.compare(span.first) > 0,
        continuesAfter: date.compare(span.last) < 0,
      });
  }
  const weeks: GridDay<T>[][] = [];
  for (let start = 0; start < days.length; start += 7) weeks.push(days.slice(start, start + 7));
  return {
    month,
    weeks,
    from: startOfDay(first, timeZone),
    to: startOfDay(last.add({ days: 1 }), timeZone),
  };
}

/** The seven days of a week from the locale's first day: for the grid's column headers. */
export function weekDays(locale: string, around: CalendarDate): CalendarDate[] {
  const first = startOfWeek(around, locale);
  return Array.from({ length: 7 }, (_, offset) => first.add({ days: offset }));
}

/** A day of the agenda: the date and the events listed under it. */
export interface AgendaDay<T> {
  date: CalendarDate;
  events: T[];
}

/**
 * Upcoming events by day on the zone's clock, soonest first: each under the day it starts, or under `today` when
 * it began before and is still going on.
 */
export function agendaDays<T extends Timed>(
  events: readonly T[],
  timeZone: string,
  today: CalendarDate,
): AgendaDay<T>[] {
  const byDay = new Map<string, T[]>();
  const ordered = [...events].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  for (const event of ordered) {
    const { first } = daysOf(event, timeZone);
    const key = (first.compare(today) < 0 ? today : first).toString();
    byDay.set(key, [...(byDay.get(key) ?? []), event]);
  }
  return [...byDay.entries()]
    .map(([key, dayEvents]) => ({ date: parseDate(key), events: dayEvents }))
    .sort((a, b) => a.date.compare(b.date));
}

/** A month in an address (2026-12), else undefined. */
export function parseMonth(value: string | null): CalendarDate | undefined {
  if (!value || !/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(value)) return undefined;
  return parseDate(`${value}-01`);
}

/** A month as an address writes it (2026-12). */
export const monthParam = (month: CalendarDate): string => month.toString().slice(0, 7);
