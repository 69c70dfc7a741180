import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertVersion } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import {
  findLiveOrganizationIds,
  findReadableOrganizations,
  organizationStake,
} from '../organizations/organizations.service.ts';
import { findReadablePeople } from '../people/people.service.ts';
import { mayRead } from '../records/records.service.ts';
import { INVITATION_STATUSES, INVITEE_ANSWERS, type InvitationStatus } from './events.constants.ts';
import { eventRecord } from './events.service.ts';
import * as repo from './invitations.repo.ts';
import type {
  InvitationListResponse,
  InvitationResponse,
  InviteBody,
  UpdateInvitationBody,
} from './invitations.schema.ts';

/**
 * Invitations to an event: the hosts' editors invite (a host city's whole twin-town network in one action) and
 * record who came; the invitee's editors answer and name their delegates. Who speaks for an invited place comes
 * from the registry (its governments), never from the invitation.
 */

/** The event, for an actor who may read it; one they may not read answers as one that does not exist. */
async function readableEvent(db: DbOrTx, actor: Actor | null, eventId: number, lock: boolean) {
  const loaded = await eventRecord.load(db, eventId, lock);
  if (!loaded || loaded.row.deletedAt || !mayRead(actor, eventRecord, loaded))
    throw eventRecord.notFound(eventId);
  return { loaded, stake: eventRecord.stake(loaded) };
}

const coordinates = (lat: number | null, lng: number | null) =>
  lat !== null && lng !== null ? { lat, lng } : null;

/**
 * Where an invitee stands: a place's coordinates; for an organisation, those of the place it is based in, which its
 * record shows only to those who may read it (a deleted one to its editors alone, as reading it decides).
 */
function inviteeLocation(actor: Actor | null, row: repo.InvitationListRow) {
  if (row.placeId !== null) return coordinates(row.lat, row.lng);
  if (row.organizationVisibility === null) return null;
  const stake = organizationStake({
    id: row.organizationId!,
    visibility: row.organizationVisibility,
    keeperId: row.organizationKeeperId,
  });
  const readable =
    policy.read(actor, stake) && (row.organizationDeletedAt === null || policy.write(actor, stake));
  return readable ? coordinates(row.lat, row.lng) : null;
}

function presentInvitation(
  actor: Actor | null,
  eventStake: Stake,
  row: repo.InvitationListRow,
  speakers: readonly number[],
  delegates: readonly { id: number; name: string | null }[],
): InvitationResponse {
  const canRecord = policy.write(actor, eventStake);
  const insiders = [...eventStake.organizationIds, ...speakers];
  return {
    id: row.id,
    eventId: row.eventId,
    invitee:
      row.placeId !== null
        ? {
            type: 'place',
            id: row.placeId,
            name: row.placeName ?? '',
            country: row.placeCountry,
            location: inviteeLocation(actor, row),
          }
        : {
            type: 'organization',
            id: row.organizationId!,
            name: row.organizationName ?? '',
            country: null,
            location: inviteeLocation(actor, row),
          },
    role: row.role,
    supportedBy:
      row.supportedById !== null ? { id: row.supportedById, name: row.supportedByName ?? '' } : null,
    status: row.status,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    delegates: policy.readInternal(actor, { organizationIds: insiders }) ? [...delegates] : null,
    version: row.version,
    canAnswer: canRecord || policy.answerInvitation(actor, speakers),
    canRecord,
  };
}

const presentAll = (actor: Actor | null, eventStake: Stake, rows: repo.InvitationListRow[]) =>
  rows.map((row) => presentInvitation(actor, eventStake, row, row.speakerIds, row.delegates));

/** An event's invitations as the reader may see them, with how many came. */
export async function listInvitations(
  db: DbOrTx,
  actor: Actor | null,
  eventId: number,
): Promise<InvitationListResponse> {
  const { stake } = await readableEvent(db, actor, eventId, false);
  const rows = await repo.findInvitations(db, eventId);
  const byStatus = Object.fromEntries(INVITATION_STATUSES.map((status) => [status, 0])) as Record<
    InvitationStatus,
    number
  >;
  for (const row of rows) byStatus[row.status] += 1;
  const places = rows.filter((row) => row.placeId !== null);
  return {
    items: presentAll(actor, stake, rows),
    summary: {
      invited: rows.length,
      byStatus,
      places: { invited: places.length, attended: places.filter((row) => row.status === 'attended').length },
    },
  };
}

/**
 * Invites places and organisations, all in one transaction: every partner of a place in the registry, and the
 * places and organisations named. Inviting again changes nothing for those invited before.
 */
export async function invite(db: DbOrTx, actor: Actor | null, eventId: number, body: InviteBody) {
  return db.transaction(async (tx) => {
    const { stake } = await readableEvent(tx, actor, eventId, true);
    authorize(actor, policy.write(actor, stake));
    const details: ErrorDetail[] = [];
    const placeIds = new Set(body.placeIds);
    if (body.partnersOf !== undefined) {
      if ((await repo.findLivePlaceIds(tx, [body.partnersOf])).size === 0)
        details.push({ field: 'body.partnersOf', message: 'is not a known place' });
      for (const id of await repo.findPartnerPlaceIds(tx, body.partnersOf)) placeIds.add(id);
    }
    const livePlaces = await repo.findLivePlaceIds(tx, body.placeIds);
    for (const [index, id] of body.placeIds.entries())
      if (!livePlaces.has(id))
        details.push({ field: `body.placeIds.${index}`, message: `${id} is not a known place` });
    const named = [...body.organizationIds, ...(body.supportedById === null ? [] : [body.supportedById])];
    const readable = await findReadableOrganizations(tx, actor, named);
    const live = await findLiveOrganizationIds(tx, named);
    for (const [index, id] of body.organizationIds.entries())
      if (!readable.has(id) || !live.has(id))
        details.push({ field: `body.organizationIds.${index}`, message: `${id} does not exist` });
    if (body.supportedById !== null && (!readable.has(body.supportedById) || !live.has(body.supportedById)))
      details.push({ field: 'body.supportedById', message: `${body.supportedById} does not exist` });
    if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid request', details);
    const invitees = { placeIds: [...placeIds], organizationIds: body.organizationIds };
    const invited = await repo.insertInvitations(tx, {
      eventId,
      ...invitees,
      role: body.role,
      supportedById: body.supportedById,
    });
    const alreadyInvited = invitees.placeIds.length + invitees.organizationIds.length - invited;
    if (invited > 0)
      await recordAudit(tx, actor, {
        action: 'invite',
        entityType: 'event',
        entityId: eventId,
        after: { ...invitees, role: body.role, supportedById: body.supportedById, invited },
      });
    return { invited, alreadyInvited };
  });
}

/**
 * Answers an invitation or records attendance. The invitee's editors answer (accepted, declined, tentative) and
 * name delegates; the hosts' editors may do the same for an invitee and alone record attended or no_show.
 */
export async function updateInvitation(
  db: DbOrTx,
  actor: Actor | null,
  eventId: number,
  invitationId: number,
  body: UpdateInvitationBody,
): Promise<InvitationResponse> {
  return db.transaction(async (tx) => {
    const { stake } = await readableEvent(tx, actor, eventId, false);
    const row = await repo.findInvitation(tx, invitationId, true);
    if (!row || row.eventId !== eventId)
      throw new AppError('INVITATION_NOT_FOUND', `No invitation ${invitationId} to event ${eventId}`);
    // Who speaks for the invitee and whom it sends, as the list shows them.
    const [listed] = await repo.findInvitations(tx, eventId, invitationId);
    const speakers = listed!.speakerIds;
    const host = policy.write(actor, stake);
    const invitee = policy.answerInvitation(actor, speakers);
    const answer = body.status === undefined || (INVITEE_ANSWERS as readonly string[]).includes(body.status);
    authorize(actor, host || (invitee && answer));
    if (body.status === undefined && body.delegateIds === undefined)
      throw new AppError('VALIDATION_FAILED', 'Invalid request: nothing to change', [
        { field: 'body', message: 'must give status or delegateIds' },
      ]);
    const present = async () =>
      presentAll(actor, stake, await repo.findInvitations(tx, eventId, invitationId))[0]!;
    await assertVersion(row, body.version, present);
    if (body.delegateIds) {
      const readable = await findReadablePeople(tx, actor, body.delegateIds);
      const unknown = body.delegateIds.flatMap((id, index) =>
        readable.has(id) ? [] : [{ field: `body.delegateIds.${index}`, message: `${id} does not exist` }],
      );
      if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid request', unknown);
    }
    const before = {
      invitationId,
      status: row.status,
      delegateIds: listed!.delegates.map((delegate) => delegate.id),
    };
    await repo.updateInvitation(tx, invitationId, {
      ...(body.status !== undefined ? { status: body.status } : {}),
      ...(body.status !== undefined && body.status !== row.status ? { answeredAt: new Date() } : {}),
    });
    if (body.delegateIds) await repo.setDelegates(tx, invitationId, body.delegateIds);
    await recordAudit(tx, actor, {
      action: 'answer_invitation',
      entityType: 'event',
      entityId: eventId,
      before,
      after: {
        invitationId,
        status: body.status ?? row.status,
        delegateIds: body.delegateIds ?? before.delegateIds,
      },
    });
    return present();
  });
}
