import { CalendarDate } from '@internationalized/date';
import { describe, expect, it } from 'vitest';
import { agendaDays, daysOf, type MonthGrid, monthGrid, parseMonth, weekDays } from './month-grid.ts';

interface Event {
  title: string;
  startsAt: string;
  endsAt: string;
}

const event = (title: string, startsAt: string, endsAt: string): Event => ({ title, startsAt, endsAt });

/** The grid's days as text, week by week. */
const dates = <T extends { startsAt: string }>(grid: MonthGrid<T>) =>
  grid.weeks.map((week) => week.map((day) => day.date.toString()));

/** The titles on each day that has events, with ← and → for an event that continues from before or after. */
function onDays(grid: MonthGrid<Event>): Record<string, string[]> {
  const days: Record<string, string[]> = {};
  for (const day of grid.weeks.flat())
    if (day.events.length > 0)
      days[day.date.toString()] = day.events.map(
        ({ event: { title }, continuesBefore, continuesAfter }) =>
          `${continuesBefore ? '←' : ''}${title}${continuesAfter ? '→' : ''}`,
      );
  return days;
}

const DECEMBER_2026 = new CalendarDate(2026, 12, 15);

describe('the weeks of a month', () => {
  it('starts each week on Monday in Finnish, Swedish and British English, on Sunday in American English', () => {
    for (const locale of ['fi', 'sv', 'en-GB', 'fi-FI']) {
      const grid = monthGrid(DECEMBER_2026, locale, 'Europe/Helsinki');
      expect(grid.weeks, locale).toHaveLength(5);
      expect(dates(grid)[0], locale).toEqual([
        '2026-11-30',
        '2026-12-01',
        '2026-12-02',
        '2026-12-03',
        '2026-12-04',
        '2026-12-05',
        '2026-12-06',
      ]);
      expect(dates(grid)[4]!.at(-1), locale).toBe('2027-01-03');
    }
    const american = monthGrid(DECEMBER_2026, 'en-US', 'America/New_York');
    expect(dates(american)[0]![0]).toBe('2026-11-29');
    expect(dates(american).at(-1)!.at(-1)).toBe('2027-01-02');
    expect(weekDays('en-US', new CalendarDate(2026, 12, 1))[0]!.toString()).toBe('2026-11-29');
    expect(weekDays('fi', new CalendarDate(2026, 12, 1)).map((day) => day.toString())).toEqual(
      dates(monthGrid(DECEMBER_2026, 'fi', 'UTC'))[0],
    );
  });

  it('has as many weeks as the month touches: four for a February that starts on the first day of the week, six at most', () => {
    expect(monthGrid(new CalendarDate(2027, 2, 1), 'fi', 'UTC').weeks).toHaveLength(4);
    expect(monthGrid(new CalendarDate(2027, 2, 1), 'en-US', 'UTC').weeks).toHaveLength(5);
    // August 2026 begins on a Saturday and has 31 days: six Monday weeks.
    const august = monthGrid(new CalendarDate(2026, 8, 31), 'fi', 'UTC');
    expect(august.weeks).toHaveLength(6);
    expect(august.weeks.every((week) => week.length === 7)).toBe(true);
  });

  it('marks the days of the month shown apart from the neighbours that fill its weeks', () => {
    const grid = monthGrid(DECEMBER_2026, 'fi', 'UTC');
    const inMonth = grid.weeks.flat().filter((day) => day.inMonth);
    expect(inMonth).toHaveLength(31);
    expect(inMonth[0]!.date.toString()).toBe('2026-12-01');
    expect(grid.weeks[0]![0]!.inMonth).toBe(false);
    expect(grid.month.toString()).toBe('2026-12-01');
  });

  it('spans the window the grid shows, from the first day’s midnight to the midnight after the last, on the zone’s clock', () => {
    const grid = monthGrid(DECEMBER_2026, 'fi', 'Europe/Helsinki');
    expect(grid.from.toISOString()).toBe('2026-11-29T22:00:00.000Z');
    expect(grid.to.toISOString()).toBe('2027-01-03T22:00:00.000Z');
    const inShanghai = monthGrid(DECEMBER_2026, 'fi', 'Asia/Shanghai');
    expect(inShanghai.from.toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });
});

describe('events on the days they cover, on the reader’s clock', () => {
  it('puts an event on each day it covers, continuing from one day to the next', () => {
    const expo = event('CIIE', '2026-12-05T01:00:00Z', '2026-12-10T10:00:00Z');
    const grid = monthGrid(DECEMBER_2026, 'fi', 'Asia/Shanghai', [expo]);
    expect(onDays(grid)).toEqual({
      '2026-12-05': ['CIIE→'],
      '2026-12-06': ['←CIIE→'],
      '2026-12-07': ['←CIIE→'],
      '2026-12-08': ['←CIIE→'],
      '2026-12-09': ['←CIIE→'],
      '2026-12-10': ['←CIIE'],
    });
  });

  it('moves an event across midnight into the reader’s zone: the same instants fall on other days elsewhere', () => {
    // 22:00–01:00 UTC: in Helsinki (UTC+2) all on 2 December, in New York (UTC−5) all on 1 December.
    const late = event('Late call', '2026-12-01T22:00:00Z', '2026-12-02T01:00:00Z');
    expect(onDays(monthGrid(DECEMBER_2026, 'fi', 'UTC', [late]))).toEqual({
      '2026-12-01': ['Late call→'],
      '2026-12-02': ['←Late call'],
    });
    expect(onDays(monthGrid(DECEMBER_2026, 'fi', 'Europe/Helsinki', [late]))).toEqual({
      '2026-12-02': ['Late call'],
    });
    expect(onDays(monthGrid(DECEMBER_2026, 'en-US', 'America/New_York', [late]))).toEqual({
      '2026-12-01': ['Late call'],
    });
  });

  it('does not put an event that ends at midnight on the day that begins then; one without duration is on its day', () => {
    const evening = event('Evening', '2026-12-03T18:00:00+02:00', '2026-12-04T00:00:00+02:00');
    const instant = event('Deadline', '2026-12-04T00:00:00+02:00', '2026-12-04T00:00:00+02:00');
    expect(onDays(monthGrid(DECEMBER_2026, 'fi', 'Europe/Helsinki', [evening, instant]))).toEqual({
      '2026-12-03': ['Evening'],
      '2026-12-04': ['Deadline'],
    });
    expect(daysOf(evening, 'Europe/Helsinki').last.toString()).toBe('2026-12-03');
  });

  it('keeps the part of a long event that the grid shows, and lists a day’s events in the order they start', () => {
    const season = event('Season', '2026-10-01T00:00:00Z', '2027-02-01T00:00:00Z');
    const morning = event('Morning', '2026-12-02T08:00:00Z', '2026-12-02T09:00:00Z');
    const grid = monthGrid(DECEMBER_2026, 'fi', 'UTC', [morning, season]);
    expect(grid.weeks.flat().every((day) => day.events[0]?.event.title === 'Season')).toBe(true);
    expect(grid.weeks[0]![0]!.events[0]).toMatchObject({ continuesBefore: true, continuesAfter: true });
    expect(onDays(grid)['2026-12-02']).toEqual(['←Season→', 'Morning']);
    expect(onDays(monthGrid(new CalendarDate(2026, 6, 1), 'fi', 'UTC', [season]))).toEqual({});
  });

  it('counts days, not hours, across the autumn daylight-saving change', () => {
    // Finland turns its clocks back from 04:00 to 03:00 on Sunday 25 October 2026: that day has 25 hours.
    const grid = monthGrid(new CalendarDate(2026, 10, 1), 'fi', 'Europe/Helsinki', [
      // 00:30 on the 25th in summer time (UTC+3) …
      event('Early on the long day', '2026-10-24T21:30:00Z', '2026-10-24T22:00:00Z'),
      // … and 23:30 on the 25th in winter time (UTC+2), crossing into the 26th.
      event('Late on the long day', '2026-10-25T21:30:00Z', '2026-10-25T22:30:00Z'),
      // 00:30 on the 26th in winter time.
      event('After the long day', '2026-10-25T22:30:00Z', '2026-10-25T23:00:00Z'),
    ]);
    expect(onDays(grid)).toEqual({
      '2026-10-25': ['Early on the long day', 'Late on the long day→'],
      '2026-10-26': ['←Late on the long day', 'After the long day'],
    });
    expect(dates(grid).flat()).toHaveLength(35);
    expect(new Set(dates(grid).flat()).size).toBe(35);
    // The window begins at midnight in summer time and ends at midnight in winter time.
    expect(grid.from.toISOString()).toBe('2026-09-27T21:00:00.000Z');
    expect(grid.to.toISOString()).toBe('2026-11-01T22:00:00.000Z');
  });

  it('counts days, not hours, across the spring change, and where the change skips midnight', () => {
    // Finland moves its clocks from 03:00 to 04:00 on Sunday 28 March 2027: that day has 23 hours.
    const march = monthGrid(new CalendarDate(2027, 3, 1), 'fi', 'Europe/Helsinki', [
      event('Late on the short day', '2027-03-28T20:30:00Z', '2027-03-28T20:45:00Z'),
    ]);
    expect(onDays(march)).toEqual({ '2027-03-28': ['Late on the short day'] });
    // Chile moves its clocks from midnight to 01:00 on 6 September 2026: that day begins at 01:00.
    const september = monthGrid(new CalendarDate(2026, 9, 1), 'es-CL', 'America/Santiago', [
      event('First hour', '2026-09-06T04:00:00Z', '2026-09-06T05:00:00Z'),
      event('Last hour before', '2026-09-06T03:00:00Z', '2026-09-06T04:00:00Z'),
    ]);
    expect(onDays(september)).toEqual({ '2026-09-05': ['Last hour before'], '2026-09-06': ['First hour'] });
  });
});

describe('the agenda', () => {
  it('groups upcoming events by the day they start, an event already going on under today', () => {
    const today = new CalendarDate(2026, 12, 1);
    const days = agendaDays(
      [
        event('Next week', '2026-12-08T08:00:00Z', '2026-12-08T10:00:00Z'),
        event('Going on', '2026-11-28T08:00:00Z', '2026-12-03T10:00:00Z'),
        event('Tonight in Helsinki', '2026-12-01T22:30:00Z', '2026-12-01T23:00:00Z'),
        event('Today', '2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z'),
      ],
      'Europe/Helsinki',
      today,
    );
    expect(days.map((day) => [day.date.toString(), day.events.map((item) => item.title)])).toEqual([
      ['2026-12-01', ['Going on', 'Today']],
      ['2026-12-02', ['Tonight in Helsinki']],
      ['2026-12-08', ['Next week']],
    ]);
  });
});

describe('a month in the address', () => {
  it('reads YYYY-MM and nothing else', () => {
    expect(parseMonth('2026-12')?.toString()).toBe('2026-12-01');
    for (const value of [null, '', '2026-13', '2026-1', '2026-12-01', 'december'])
      expect(parseMonth(value)).toBeUndefined();
  });
});
