import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { policy } from '../auth/policy.ts';
import {
  findLiveOrganizationIds,
  findReadableOrganizations,
} from '../organizations/organizations.service.ts';
import { findReadablePeople } from '../people/people.service.ts';
import type { ProgrammeBody, SessionResponse } from './events.schema.ts';
import * as invitations from './invitations.repo.ts';
import * as repo from './programme.repo.ts';

/**
 * An event's programme: sessions in order, each with its speakers (a person in a role, with the post they held
 * then) and the places and organisations seated in it. The hosts' editors set it as a whole.
 */

/** The session's time on a clock, or null where it has none. */
type Clock = (instant: Date) => string;

/** A speaker's name only where the reader may see the person: published, or to their organisations' members. */
function presentSpeaker(actor: Actor | null, speaker: repo.SpeakerRow): SessionResponse['speakers'][number] {
  const stake = {
    visibility: speaker.visibility,
    organizationIds: [
      speaker.keeperId,
      ...(speaker.postOrganizationId === null ? [] : [speaker.postOrganizationId]),
    ],
  };
  const named = !speaker.gone && speaker.name !== null && policy.read(actor, stake);
  return {
    person: named ? { id: speaker.personId, name: speaker.name! } : null,
    role: speaker.role,
    post:
      speaker.postRole !== null && speaker.postOrganizationId !== null
        ? {
            role: speaker.postRole,
            title: speaker.postTitle,
            organization: { id: speaker.postOrganizationId, name: speaker.postOrganizationName ?? '' },
          }
        : null,
  };
}

/** One event's programme, from the rows of several. */
export function presentProgramme(
  actor: Actor | null,
  programme: repo.Programme,
  eventId: number,
  clock: Clock,
): SessionResponse[] {
  return programme.sessions
    .filter((session) => session.eventId === eventId)
    .map((session) => ({
      kind: session.kind,
      startsAt: session.startsAt?.toISOString() ?? null,
      endsAt: session.endsAt?.toISOString() ?? null,
      local: {
        startsAt: session.startsAt ? clock(session.startsAt) : null,
        endsAt: session.endsAt ? clock(session.endsAt) : null,
      },
      title: session.title,
      theme: session.theme,
      speakers: programme.speakers
        .filter((speaker) => speaker.sessionId === session.id)
        .map((speaker) => presentSpeaker(actor, speaker)),
      seats: programme.seats
        .filter((seat) => seat.sessionId === session.id)
        .map((seat) =>
          seat.placeId !== null
            ? {
                type: 'place' as const,
                id: seat.placeId,
                name: seat.placeName ?? '',
                country: seat.placeCountry,
              }
            : {
                type: 'organization' as const,
                id: seat.organizationId!,
                name: seat.organizationName ?? '',
                country: null,
              },
        ),
    }));
}

/**
 * Checks a programme against the event and what the actor may read, and answers it ready to store: sessions
 * within the event's time, speakers the actor may read in posts of their own, seated places that exist and
 * organisations the actor may read.
 */
export async function checkProgramme(
  db: DbOrTx,
  actor: Actor | null,
  event: { startsAt: Date; endsAt: Date },
  body: ProgrammeBody,
): Promise<repo.NewSession[]> {
  const details: ErrorDetail[] = [];
  const personIds = [...new Set(body.sessions.flatMap((s) => s.speakers.map((speaker) => speaker.personId)))];
  const postIds = body.sessions.flatMap((s) => s.speakers.flatMap((speaker) => speaker.postId ?? []));
  const placeIds = body.sessions.flatMap((s) => s.seats.flatMap((seat) => seat.placeId ?? []));
  const organizationIds = body.sessions.flatMap((s) => s.seats.flatMap((seat) => seat.organizationId ?? []));
  const [readablePeople, postOwners, livePlaces, readableOrganizations, liveOrganizations] = [
    await findReadablePeople(db, actor, personIds),
    await repo.findPostOwners(db, postIds),
    await invitations.findLivePlaceIds(db, placeIds),
    await findReadableOrganizations(db, actor, organizationIds),
    await findLiveOrganizationIds(db, organizationIds),
  ];
  const sessions = body.sessions.map((session, index) => {
    const at = `body.sessions.${index}`;
    const startsAt = session.startsAt === null ? null : new Date(session.startsAt);
    const endsAt = session.endsAt === null ? null : new Date(session.endsAt);
    for (const [field, instant] of [
      ['startsAt', startsAt],
      ['endsAt', endsAt],
    ] as const)
      if (instant && (instant < event.startsAt || instant > event.endsAt))
        details.push({ field: `${at}.${field}`, message: 'is outside the event' });
    if (startsAt && endsAt && endsAt < startsAt)
      details.push({ field: `${at}.endsAt`, message: 'is before the start' });
    for (const [position, speaker] of session.speakers.entries()) {
      if (!readablePeople.has(speaker.personId))
        details.push({
          field: `${at}.speakers.${position}.personId`,
          message: `${speaker.personId} does not exist`,
        });
      else if (speaker.postId !== null && postOwners.get(speaker.postId) !== speaker.personId)
        details.push({ field: `${at}.speakers.${position}.postId`, message: 'is not a post of this person' });
    }
    for (const [position, seat] of session.seats.entries()) {
      if (seat.placeId !== undefined && !livePlaces.has(seat.placeId))
        details.push({
          field: `${at}.seats.${position}.placeId`,
          message: `${seat.placeId} is not a known place`,
        });
      if (
        seat.organizationId !== undefined &&
        (!readableOrganizations.has(seat.organizationId) || !liveOrganizations.has(seat.organizationId))
      )
        details.push({
          field: `${at}.seats.${position}.organizationId`,
          message: `${seat.organizationId} does not exist`,
        });
    }
    return {
      kind: session.kind,
      startsAt,
      endsAt,
      title: session.title,
      theme: session.theme,
      speakers: session.speakers,
      seats: session.seats.map((seat) => ({
        placeId: seat.placeId ?? null,
        organizationId: seat.organizationId ?? null,
      })),
    };
  });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid request', details);
  return sessions;
}
