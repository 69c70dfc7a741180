import { useTranslation } from 'react-i18next';
import { dayOn, readerTimeZone, sameClock, TimeRange, timeZoneCity } from '../../components/TimeRange.tsx';

/**
 * An event's start and end on the reader's clock and, when the host's clock shows other times, on the host's
 * ("08:00–11:00, 14:00–17:00 in Shanghai (Asia/Shanghai)"). `withDate` shows the date with the reader's times; the
 * host's carry theirs when the event spans days there, or when it is another day there.
 */
export function EventTime({
  event,
  withDate = true,
}: {
  event: { startsAt: string; endsAt: string; timeZone: string };
  withDate?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const reader = readerTimeZone();
  const start = new Date(event.startsAt);
  const end = new Date(event.endsAt);
  const differs = !sameClock([start, end], reader, event.timeZone);
  // The host's times carry their dates where the reader's do and the event spans days, or where they fall on
  // other days than the reader's.
  const hostDate =
    (withDate && dayOn(start, event.timeZone) !== dayOn(end, event.timeZone)) ||
    dayOn(start, reader) !== dayOn(start, event.timeZone) ||
    dayOn(end, reader) !== dayOn(end, event.timeZone);
  return (
    <span className="ev-time">
      <span className="ev-time-reader">
        <TimeRange start={start} end={end} language={language} timeZone={reader} withDate={withDate} />
      </span>
      {differs && (
        <span className="ev-time-host">
          <TimeRange
            start={start}
            end={end}
            language={language}
            timeZone={event.timeZone}
            withDate={hostDate}
          />{' '}
          {event.timeZone.includes('/')
            ? t('event.time.host', { city: timeZoneCity(event.timeZone), zone: event.timeZone })
            : t('event.time.zone', { zone: event.timeZone })}
        </span>
      )}
    </span>
  );
}
