import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { INVITATION_STATUSES, PARTICIPANT_ROLES } from '../../../src/contract.ts';
import { ApiError } from '../api/client.ts';
import {
  type EventResponse,
  type EventSessionResponse,
  eventCalendarUrl,
  type InvitationItem,
  useEvent,
  useInvitations,
} from '../api/events.ts';
import { usePlaceName } from '../api/places.ts';
import RelatedArticles from '../components/RelatedArticles.tsx';
import { dayOn, readerTimeZone, sameClock, TimeRange, timeZoneCity } from '../components/TimeRange.tsx';
import { useFormat } from '../format.ts';
import { choiceFilter, type DataColumn, DataTable } from '../ui/DataTable.tsx';
import { DescriptionList } from '../ui/DescriptionList.tsx';
import { ErrorState, Skeleton } from '../ui/states.tsx';
import { EventMedia } from './EventMedia.tsx';
import { InviteesMap } from './InviteesMap.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import './EventPage.css';
import { langOf, pickText } from './EventPage.localized.ts';

/** The event's start and end on the reader's clock, and on the host's when the two differ. */
function EventWhen({ event }: { event: EventResponse }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const reader = readerTimeZone();
  const start = new Date(event.startsAt);
  const end = new Date(event.endsAt);
  const differs = !sameClock([start, end], reader, event.timeZone);
  const hostDate = differs && dayOn(start, reader) !== dayOn(start, event.timeZone);
  return (
    <p className="event-when">
      <span>
        <TimeRange start={start} end={end} language={language} timeZone={reader} withDate />{' '}
        {t(differs ? 'event.time.reader' : 'event.time.zone', { zone: reader })}
      </span>
      {differs && (
        <>
          <span className="event-when-separator" aria-hidden="true">
            {' · '}
          </span>
          <span>
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
        </>
      )}
    </p>
  );
}

/** What a speaker does and who they are: the name when the reader may see it, else the post they held. */
function Speaker({ speaker }: { speaker: EventSessionResponse['speakers'][number] }) {
  const { t } = useTranslation();
  const post = speaker.post;
  const postText = post
    ? [
        post.title ?? t(`event.postRole.${post.role}`, { defaultValue: post.role }),
        post.organization.name,
      ].join(', ')
    : undefined;
  return (
    <li>
      <span className="event-speaker-role">{t(`event.speakerRole.${speaker.role}`)}:</span>{' '}
      {speaker.person ? (
        <>
          <span className="event-speaker-name">{speaker.person.name}</span>
          {postText && <span className="event-speaker-post"> ({postText})</span>}
        </>
      ) : (
        <span className="event-speaker-name">{postText ?? t('event.speakerUnnamed')}</span>
      )}
    </li>
  );
}

/** One session of the programme: its time on the reader's clock, kind, title, theme, speakers and seats. */
function Session({ session, eventStart }: { session: EventSessionResponse; eventStart: Date }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const language = i18n.language;
  const reader = readerTimeZone();
  const title = pickText(session.title, language);
  const theme = pickText(session.theme, language);
  const start = session.startsAt ? new Date(session.startsAt) : null;
  const end = session.endsAt ? new Date(session.endsAt) : null;
  const seats = session.seats;
  return (
    <li className="event-session">
      <div className="event-session-time">
        {start ? (
          <TimeRange
            start={start}
            end={end}
            language={language}
            timeZone={reader}
            withDate={dayOn(start, reader) !== dayOn(eventStart, reader)}
          />
        ) : (
          <span className="event-muted">{t('event.noTime')}</span>
        )}
      </div>
      <div className="event-session-body">
        <p className="event-session-kind">{t(`event.sessionKind.${session.kind}`)}</p>
        <h3 lang={langOf(title, language)}>{title?.text ?? t(`event.sessionKind.${session.kind}`)}</h3>
        {theme && (
          <p className="event-session-theme" lang={langOf(theme, language)}>
            <span className="visually-hidden">{t('event.theme')}: </span>
            {theme.text}
          </p>
        )}
        {session.speakers.length > 0 && (
          <>
            <h4 className="event-session-label">{t('event.speakers')}</h4>
            <ul className="event-speakers">
              {session.speakers.map((speaker, index) => (
                <Speaker
                  // Unnamed speakers have no id, and a session's speakers only change with the whole programme.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the order is part of the speaker's identity
                  key={`${speaker.role}-${index}`}
                  speaker={speaker}
                />
              ))}
            </ul>
          </>
        )}
        {seats.length > 0 && (
          <>
            <h4 className="event-session-label">{t('event.seats')}</h4>
            <ul className="event-seats">
              {seats.map((seat) => (
                <li key={`${seat.type}-${seat.id}`}>
                  {seat.type === 'place' ? (
                    <Link to={`/places/${seat.id}`}>{placeName(seat.id, seat.name)}</Link>
                  ) : (
                    seat.name
                  )}
                  {seat.country && <span className="event-muted"> ({format.country(seat.country)})</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </li>
  );
}

interface InviteeRow {
  id: number;
  type: 'place' | 'organization';
  inviteeId: number;
  name: string;
  country: string;
  role: string;
  status: string;
}

/** Who was invited and who came: the places' attendance summed up, and every invitee in a table. */
function Participants({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const invitations = useInvitations(eventId);

  const columns = useMemo<DataColumn<InviteeRow>[]>(
    () => [
      {
        id: 'name',
        header: t('event.invitee'),
        value: (row) => row.name,
        cell: (row) =>
          row.type === 'place' ? <Link to={`/places/${row.inviteeId}`}>{row.name}</Link> : row.name,
        filter: 'text',
        required: true,
      },
      { id: 'country', header: t('partner.country'), value: (row) => row.country },
      {
        id: 'role',
        header: t('event.role'),
        value: (row) => row.role,
        filter: choiceFilter(PARTICIPANT_ROLES, (role) => t(`event.participantRole.${role}`)),
      },
      {
        id: 'status',
        header: t('event.invitationStatus'),
        value: (row) => row.status,
        filter: choiceFilter(INVITATION_STATUSES, (status) => t(`event.invitation.${status}`)),
      },
    ],
    [t],
  );

  if (invitations.isError)
    return (
      <ErrorState
        message={t('event.invitationsError')}
        onRetry={() => void invitations.refetch()}
        isRetrying={invitations.isFetching}
      />
    );
  const data = invitations.data;
  const rows: InviteeRow[] = (data?.items ?? []).map((item: InvitationItem) => ({
    id: item.id,
    type: item.invitee.type,
    inviteeId: item.invitee.id,
    name: item.invitee.type === 'place' ? placeName(item.invitee.id, item.invitee.name) : item.invitee.name,
    country: item.invitee.country ? format.country(item.invitee.country) : '',
    role: t(`event.participantRole.${item.role}`),
    status: t(`event.invitation.${item.status}`),
  }));
  return (
    <>
      {data ? (
        data.summary.invited === 0 ? (
          <p>{t('event.noInvitations')}</p>
        ) : (
          data.summary.places.invited > 0 && (
            <p className="event-attended">
              {t('event.attendedSummary', {
                count: data.summary.places.invited,
                attended: format.number(data.summary.places.attended),
                invited: format.number(data.summary.places.invited),
              })}
            </p>
          )
        )
      ) : (
        <Skeleton lines={1} />
      )}
      {data && data.items.length > 0 && <InviteesMap eventId={eventId} />}
      {(!data || data.items.length > 0) && (
        <DataTable
          caption={t('event.invitees')}
          rows={rows}
          columns={columns}
          rowId={(row) => String(row.id)}
          urlPrefix="invitees"
          fileName={`citybridge-event-${eventId}-invitees`}
          defaultSort={NAME_SORT}
          isLoading={!data}
        />
      )}
    </>
  );
}

const NAME_SORT = [{ id: 'name', desc: false }];

/** The event this one is part of, named by its title once known. */
function ParentLink({ parentId }: { parentId: number }) {
  const { t, i18n } = useTranslation();
  const parent = useEvent(parentId);
  const title = parent.data ? pickText(parent.data.title, i18n.language) : undefined;
  return (
    <Link to={`/events/${parentId}`} lang={langOf(title, i18n.language)}>
      {title?.text ?? t('event.parentEvent')}
    </Link>
  );
}

/**
 * A public event: its title, when it is on the reader's clock and the host's, where, who hosts it, the programme as
 * an agenda that prints cleanly, and who was invited and came.
 */
export function EventPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const format = useFormat();
  const placeName = usePlaceName();
  const id = Number(useParams().id);
  const validId = Number.isInteger(id) && id > 0 ? id : undefined;
  const event = useEvent(validId);

  const missing =
    event.error instanceof ApiError && (event.error.status === 404 || event.error.status === 400);
  if (validId === undefined || missing) return <NotFoundPage text={t('event.notFound')} />;
  if (event.isError)
    return (
      <article className="event-page">
        <h1>{t('event.errorTitle')}</h1>
        <ErrorState
          message={t('common.error')}
          onRetry={() => void event.refetch()}
          isRetrying={event.isFetching}
        />
      </article>
    );
  if (!event.data)
    return (
      <article className="event-page" aria-busy="true">
        <Skeleton lines={2} label={t('event.loading')} />
        <Skeleton variant="block" label={t('event.loading')} />
      </article>
    );

  const data = event.data;
  const title = pickText(data.title, language);
  const description = pickText(data.description, language);
  const outcomes = pickText(data.outcomes, language);
  const eventStart = new Date(data.startsAt);

  return (
    <article className="event-page">
      <header className="event-header">
        <p className="event-eyebrow">
          <span>{t(`event.kind.${data.kind}`)}</span>
          <span className={`event-status event-status-${data.status}`}>
            {t(`event.status.${data.status}`)}
          </span>
          <span>{t(`event.mode.${data.attendanceMode}`)}</span>
        </p>
        <h1 lang={langOf(title, language)}>{title?.text ?? t('event.untitled')}</h1>
        <EventWhen event={data} />
        <p className="event-actions">
          <a href={eventCalendarUrl(data.id, language)} download={`citybridge-event-${data.id}.ics`}>
            {t('event.addToCalendar')}
          </a>
        </p>
      </header>
      <section aria-labelledby="event-facts" className="event-facts">
        <h2 id="event-facts" className="visually-hidden">
          {t('event.details')}
        </h2>
        <DescriptionList
          items={[
            {
              id: 'parent',
              label: t('event.partOf'),
              value: data.parentId !== null ? <ParentLink parentId={data.parentId} /> : null,
            },
            {
              id: 'venue',
              label: t('event.venue'),
              value: data.venue ? (
                <>
                  <Link to={`/places/${data.venue.id}`}>{placeName(data.venue.id, data.venue.name)}</Link> (
                  {format.country(data.venue.country)})
                </>
              ) : null,
            },
            { id: 'address', label: t('event.address'), value: data.address },
            {
              id: 'hosts',
              label: t('event.hosts', { count: data.hosts.length }),
              value: data.hosts.length > 0 ? data.hosts.map((host) => host.name).join(', ') : null,
            },
            { id: 'series', label: t('event.series'), value: data.series },
            {
              id: 'themes',
              label: t('event.themes'),
              value: data.themes.length > 0 ? data.themes.join(', ') : null,
            },
          ]}
        />
        {description && (
          <div className="event-description prose" lang={langOf(description, language)}>
            {description.text
              .split(/\n\s*\n/)
              .filter((paragraph) => paragraph.trim())
              .map((paragraph, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of one text never reorder
                <p key={index}>{paragraph}</p>
              ))}
          </div>
        )}
      </section>
      <section aria-labelledby="event-programme" className="event-programme">
        <h2 id="event-programme">{t('event.programme')}</h2>
        {data.programme.length > 0 ? (
          <>
            <p className="event-muted">{t('event.programmeTimes', { zone: readerTimeZone() })}</p>
            <ol className="event-agenda">
              {data.programme.map((session, index) => (
                // Sessions have no id of their own: the programme is replaced as a whole, in order.
                // biome-ignore lint/suspicious/noArrayIndexKey: the order is the session's identity
                <Session key={index} session={session} eventStart={eventStart} />
              ))}
            </ol>
          </>
        ) : (
          <p>{t('event.noProgramme')}</p>
        )}
      </section>
      <section aria-labelledby="event-participants" className="event-participants">
        <h2 id="event-participants">{t('event.participants')}</h2>
        <Participants eventId={data.id} />
      </section>
      <EventMedia event={data} />
      <RelatedArticles query={{ eventId: data.id }} />
      {outcomes && (
        <section aria-labelledby="event-outcomes">
          <h2 id="event-outcomes">{t('event.outcomes')}</h2>
          <p lang={langOf(outcomes, language)}>{outcomes.text}</p>
        </section>
      )}
      {data.mediaLinks.length > 0 && (
        <section aria-labelledby="event-media">
          <h2 id="event-media">{t('event.media')}</h2>
          <ul>
            {data.mediaLinks.map((link) => (
              <li key={link.url}>
                <a href={link.url} rel="noopener noreferrer">
                  {link.title}
                </a>
                {link.outlet && ` (${link.outlet})`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
