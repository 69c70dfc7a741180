/** What the events views share: which events they show (in the address), titles in the reader's language. */
import { useSearchParams } from 'react-router';
import type { EventsQuery } from '../../api/events.ts';

/** The views of the events section, as the address names them (?view=). */
export const VIEWS = ['list', 'month', 'agenda'] as const;
export type EventsView = (typeof VIEWS)[number];

/**
 * Which events a view shows (?show=): all the reader may see, upcoming or past ones, those the organisation hosts,
 * or those it is invited to. The calendar and the agenda offer those that make sense for them.
 */
export const SHOWS = ['all', 'upcoming', 'past', 'hosted', 'invited'] as const;
export type EventsShow = (typeof SHOWS)[number];

/** The shows of the month calendar and the agenda: a window of time is their own. */
export const CALENDAR_SHOWS = ['all', 'hosted', 'invited'] as const satisfies readonly EventsShow[];

/** The most events one read asks for. */
export const EVENTS_LIMIT = 200;

const isOneOf = <T extends string>(values: readonly T[], value: string | null): value is T =>
  value !== null && (values as readonly string[]).includes(value);

/** The view the address names, the list when it names none (or one that does not exist). */
export function useView(): [EventsView, (view: EventsView) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('view');
  const view = isOneOf(VIEWS, value) ? value : 'list';
  return [
    view,
    (next) =>
      setParams(
        (current) => {
          const changed = new URLSearchParams(current);
          if (next === 'list') changed.delete('view');
          else changed.set('view', next);
          return changed;
        },
        { preventScrollReset: true },
      ),
  ];
}

/**
 * Which events the view shows, from the address: one of `offered` (the first of them when the address names none
 * of them), and choosing another.
 */
export function useShow<T extends EventsShow>(offered: readonly T[]): [T, (show: T) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('show');
  const show = isOneOf(offered, value) ? value : offered[0]!;
  return [
    show,
    (next) =>
      setParams(
        (current) => {
          const changed = new URLSearchParams(current);
          if (next === 'all') changed.delete('show');
          else changed.set('show', next);
          // The list's table starts again at its first page.
          changed.delete('events.page');
          return changed;
        },
        { preventScrollReset: true },
      ),
  ];
}

/** The list's query for a show, for the organisation shown. */
export function showQuery(show: EventsShow, organizationId: number): EventsQuery {
  switch (show) {
    case 'all':
      return { when: 'all' };
    case 'upcoming':
      return { when: 'upcoming' };
    case 'past':
      return { when: 'past' };
    case 'hosted':
      return { hostId: organizationId };
    case 'invited':
      return { invitedId: organizationId };
  }
}

/** An event's title in the reader's language, else in English, else in whichever there is. */
export const titleIn = (event: { title: Record<string, string> }, language: string): string =>
  event.title[language] ?? event.title.en ?? Object.values(event.title)[0] ?? '';

/** A text with its first letter in upper case (Finnish and Swedish months are written in lower case). */
export const capitalized = (text: string, locale: string): string =>
  text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
