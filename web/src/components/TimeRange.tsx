import type { ReactNode } from 'react';

/**
 * The locale to format dates in: the reader's own variant of the interface language when the browser names one
 * (en-GB writes 08:00 where en writes 8:00 AM), else the interface language.
 */
export function formattingLocale(language: string): string {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** The browser's own IANA time zone: the reader's clock. */
export const readerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The calendar day of an instant on a zone's clock (2020-11-10), to tell whether two instants share a day. */
export function dayOn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Whether two zones show the same wall-clock time at each of the instants (Helsinki and Tallinn do). */
export function sameClock(instants: Date[], a: string, b: string): boolean {
  const clock = (timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' });
  const [first, second] = [clock(a), clock(b)];
  return instants.every((instant) => first.format(instant) === second.format(instant));
}

/** The city a zone is named after (Asia/Shanghai → Shanghai, America/Argentina/Buenos_Aires → Buenos Aires). */
export const timeZoneCity = (timeZone: string): string =>
  (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');

export interface TimeRangeProps {
  start: Date;
  end?: Date | null;
  language: string;
  timeZone: string;
  /** Show the weekday and date too, not only the times. */
  withDate?: boolean;
}

type Part = Intl.DateTimeRangeFormatPart;

/**
 * A time range on a zone's clock in the reader's language ("Tue 10 Nov 2020, 08:00–11:00"), each end inside a
 * `<time>` that carries its instant: the date the two ends share goes with the start, the dash between them with
 * neither.
 */
export function TimeRange({ start, end, language, timeZone, withDate = false }: TimeRangeProps) {
  const format = new Intl.DateTimeFormat(formattingLocale(language), {
    ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  const startIso = start.toISOString();
  if (!end || end.getTime() === start.getTime())
    return <time dateTime={startIso}>{format.format(start)}</time>;
  const parts: Part[] = format.formatRangeToParts(start, end);
  const lastStart = parts.findLastIndex((part) => part.source === 'startRange');
  const firstEnd = parts.findIndex((part) => part.source === 'endRange');
  // A range shown as one instant (both ends in one minute): the whole text is the start.
  if (lastStart < 0 || firstEnd < 0) return <time dateTime={startIso}>{format.format(start)}</time>;
  const text = (from: number, to: number) =>
    parts
      .slice(from, to)
      .map((part) => part.value)
      .join('');
  const pieces: ReactNode[] = [
    <time key="start" dateTime={startIso}>
      {text(0, lastStart + 1)}
    </time>,
    text(lastStart + 1, firstEnd),
    <time key="end" dateTime={end.toISOString()}>
      {text(firstEnd, parts.length)}
    </time>,
  ];
  return <>{pieces}</>;
}
