/**
 * Names people add to a place in the workspace, in any language and script, beside the imported ones. Who speaks for
 * a place decides its names: administrators, and editors of its governments (its city or regional government, as
 * for its ties). Each change is audited on the place and announced to the read models that show names.
 */
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import { findGovernmentsOf } from '../organizations/organizations.service.ts';
import { announceCommitted } from '../registry/registry.changes.ts';
import { bumpRegistryRevision } from '../registry/registry.service.ts';
import { deletePlaceName, findPlace, findPlaceName, insertPlaceName, lockPlace } from './places.repo.ts';
import type { AddPlaceNameBody, PlaceName } from './places.schema.ts';

function placeNotFound(id: number): AppError {
  return new AppError('PLACE_NOT_FOUND', `No place with id ${id}`, [
    { field: 'params.id', message: 'not found' },
  ]);
}

/** Whether the actor may add and remove names of the place: administrators, and editors of its governments. */
export async function mayEditPlaceNames(db: DbOrTx, actor: Actor | null, placeId: number): Promise<boolean> {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  const governments = await findGovernmentsOf(db, [placeId]);
  return policy.write(actor, { organizationIds: governments.map((government) => government.id) });
}

/**
 * Refuses, before the request's body is read, whoever may not change the place's names (401, 403), and answers 404
 * for a place that does not exist.
 */
export async function authorizePlaceNames(db: DbOrTx, actor: Actor | null, placeId: number): Promise<void> {
  authorize(actor, !!actor);
  if (!(await findPlace(db, placeId))) throw placeNotFound(placeId);
  authorize(actor, await mayEditPlaceNames(db, actor, placeId));
}

async function lockWritablePlace(tx: DbOrTx, actor: Actor | null, placeId: number) {
  const place = await lockPlace(tx, placeId);
  if (!place) throw placeNotFound(placeId);
  authorize(actor, await mayEditPlaceNames(tx, actor, placeId));
  if (place.mergedIntoId !== null) {
    throw new AppError(
      'CONFLICT',
      `The place was merged into place ${place.mergedIntoId}: change its names there`,
    );
  }
  return place;
}

/** Adds a name to a place; the same name in the same language again answers 409 PLACE_NAME_EXISTS. */
export async function addPlaceName(
  db: DbOrTx,
  actor: Actor | null,
  placeId: number,
  body: AddPlaceNameBody,
): Promise<PlaceName> {
  const { name, notice } = await db.transaction(async (tx) => {
    await lockWritablePlace(tx, actor, placeId);
    const inserted = await insertPlaceName(tx, { placeId, ...body });
    if (!inserted) {
      throw new AppError('PLACE_NAME_EXISTS', `The place is called ${body.name} in ${body.lang} already`, [
        { field: 'body.name', message: 'is a name of the place in this language already' },
      ]);
    }
    await recordAudit(tx, actor, {
      action: 'add_name',
      entityType: 'place',
      entityId: placeId,
      after: { nameId: inserted.id, name: inserted.name, lang: inserted.lang, kind: inserted.kind },
    });
    return { name: inserted, notice: await bumpRegistryRevision(tx, { places: true }) };
  });
  announceCommitted(db, notice);
  return { ...name, source: null };
}

/**
 * Removes a name added in the workspace. An imported name is refused (409): the next import would bring it back;
 * a wrong one is a matter for its source.
 */
export async function removePlaceName(
  db: DbOrTx,
  actor: Actor | null,
  placeId: number,
  nameId: number,
): Promise<void> {
  const notice = await db.transaction(async (tx) => {
    await lockWritablePlace(tx, actor, placeId);
    const name = await findPlaceName(tx, placeId, nameId);
    if (!name) {
      throw new AppError('PLACE_NAME_NOT_FOUND', `Place ${placeId} has no name ${nameId}`, [
        { field: 'params.nameId', message: 'not found' },
      ]);
    }
    if (name.sourceId !== null) {
      throw new AppError(
        'CONFLICT',
        'Only names added in the workspace can be removed: this one was imported',
        [{ field: 'params.nameId', message: 'is an imported name' }],
      );
    }
    await deletePlaceName(tx, nameId);
    await recordAudit(tx, actor, {
      action: 'remove_name',
      entityType: 'place',
      entityId: placeId,
      before: { nameId, name: name.name, lang: name.lang, kind: name.kind },
    });
    return bumpRegistryRevision(tx, { places: true });
  });
  announceCommitted(db, notice);
}
