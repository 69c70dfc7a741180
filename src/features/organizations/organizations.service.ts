import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { assertVersion } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { findPlace } from '../places/places.repo.ts';
import { GOVERNMENT_KINDS, type OrganizationKind } from './organizations.constants.ts';
import * as repo from './organizations.repo.ts';
import type {
  CreateOrganizationBody,
  OrganizationResponse,
  UpdateOrganizationBody,
} from './organizations.schema.ts';

/** Who stands behind an organisation's record: itself and the organisation that keeps it. */
export function organizationStake(row: repo.OrganizationRow): Stake {
  return {
    visibility: row.visibility,
    organizationIds: row.keeperId ? [row.id, row.keeperId] : [row.id],
  };
}

const notFound = (id: number) => new AppError('ORGANIZATION_NOT_FOUND', `No organisation ${id}`);

/** The stored record as the history keeps it. */
function audited(row: repo.OrganizationRow) {
  return {
    kind: row.kind,
    name: row.name,
    aliases: row.aliases,
    placeId: row.placeId,
    website: row.website,
    description: row.description,
    keeperId: row.keeperId,
    visibility: row.visibility,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    mergedIntoId: row.mergedIntoId,
    version: row.version,
  };
}

export async function presentOrganization(
  db: DbOrTx,
  actor: Actor | null,
  row: repo.OrganizationRow,
): Promise<OrganizationResponse> {
  const place = row.placeId ? await findPlace(db, row.placeId) : undefined;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    place: place ? { id: place.id, name: place.name, country: place.country } : null,
    aliases: row.aliases,
    website: row.website,
    description: row.description,
    keeperId: row.keeperId,
    visibility: row.visibility,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    mergedIntoId: row.mergedIntoId,
    canEdit: policy.write(actor, organizationStake(row)),
  };
}

/** An organisation the actor may read; deleted ones only for those who may restore them. */
export async function getOrganization(db: DbOrTx, actor: Actor | null, id: number) {
  const row = await repo.findOrganization(db, id);
  if (!row || !policy.read(actor, organizationStake(row))) throw notFound(id);
  if (row.deletedAt && !policy.write(actor, organizationStake(row))) throw notFound(id);
  return row;
}

export async function listOrganizations(
  db: DbOrTx,
  actor: Actor | null,
  query: { q?: string; kind?: repo.OrganizationRow['kind']; placeId?: number; limit: number; after?: number },
) {
  const rows = await repo.listOrganizations(db, actor, {
    ...query,
    afterId: query.after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(({ organization, placeName, placeCountry }) => ({
      id: organization.id,
      kind: organization.kind,
      name: organization.name,
      visibility: organization.visibility,
      place:
        organization.placeId && placeName && placeCountry
          ? { id: organization.placeId, name: placeName, country: placeCountry }
          : null,
    })),
    nextAfter: rows.length > query.limit ? (page.at(-1)?.organization.id ?? null) : null,
  };
}

async function checkReferences(db: DbOrTx, body: { placeId?: number | null; keeperId?: number | null }) {
  if (body.placeId && !(await findPlace(db, body.placeId))) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request: body.placeId', [
      { field: 'body.placeId', message: 'is not a known place' },
    ]);
  }
  if (body.keeperId) {
    const keeper = await repo.findOrganization(db, body.keeperId);
    if (!keeper || keeper.deletedAt) {
      throw new AppError('VALIDATION_FAILED', 'Invalid request: body.keeperId', [
        { field: 'body.keeperId', message: 'is not a known organisation' },
      ]);
    }
  }
}

const isGovernment = (kind: OrganizationKind) => GOVERNMENT_KINDS.includes(kind);

/**
 * A government organisation speaks for its place: its editors keep the place's ties. So only administrators may
 * move a government to another place, turn an organisation into a government or a government into something
 * else, make a second government of a place that has one (a deleted one counts: it may be restored), or restore
 * a government of a place that has another.
 */
async function authorizeSpeaker(
  db: DbOrTx,
  actor: Actor,
  before: Pick<repo.OrganizationRow, 'id' | 'kind' | 'placeId'> | undefined,
  after: { id?: number; kind: OrganizationKind; placeId: number | null },
) {
  if (!isGovernment(after.kind) && !(before && isGovernment(before.kind))) return;
  if (before) {
    if (before.kind !== after.kind || before.placeId !== after.placeId) {
      authorize(actor, policy.assignSpeaker(actor));
    }
    return;
  }
  if (after.placeId === null) return;
  // A place whose government is deleted still has it: a new one must not take the place of one to be restored.
  const restoring = before === undefined && after.id !== undefined;
  const governments = await repo.findGovernmentsOf(db, [after.placeId], { includeDeleted: !restoring });
  if (governments.some((government) => government.id !== after.id)) {
    authorize(actor, policy.assignSpeaker(actor));
  }
}

export async function createOrganization(db: DbOrTx, actor: Actor | null, body: CreateOrganizationBody) {
  authorize(actor, policy.create(actor, body.keeperId ? [body.keeperId] : []));
  return db.transaction(async (tx) => {
    await authorizeSpeaker(tx, actor, undefined, body);
    await checkReferences(tx, body);
    const row = await repo.insertOrganization(tx, body);
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'organization',
      entityId: row.id,
      after: audited(row),
    });
    return row;
  });
}

export async function updateOrganization(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  body: UpdateOrganizationBody,
) {
  return db.transaction(async (tx) => {
    const before = await repo.findOrganization(tx, id, true);
    if (!before || before.deletedAt || !policy.read(actor, organizationStake(before))) throw notFound(id);
    authorize(actor, policy.write(actor, organizationStake(before)));
    await assertVersion(before, body.version, () => presentOrganization(tx, actor, before));
    const { version: _version, ...changes } = body;
    // Handing the record to another keeper needs the right to create records for that keeper.
    if (changes.keeperId !== undefined && changes.keeperId !== before.keeperId) {
      authorize(actor, policy.create(actor, changes.keeperId ? [changes.keeperId] : []));
    }
    await authorizeSpeaker(tx, actor, before, {
      kind: changes.kind ?? before.kind,
      placeId: changes.placeId === undefined ? before.placeId : changes.placeId,
    });
    await checkReferences(tx, changes);
    const after = await repo.updateOrganization(tx, id, changes);
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'organization',
      entityId: id,
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
}

/** Deletes (or restores) an organisation; deleted records stay in the database and their history. */
export async function setOrganizationDeleted(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  version: number,
  deleted: boolean,
) {
  return db.transaction(async (tx) => {
    const before = await repo.findOrganization(tx, id, true);
    if (!before || !policy.read(actor, organizationStake(before))) throw notFound(id);
    authorize(actor, policy.write(actor, organizationStake(before)));
    if ((before.deletedAt !== null) === deleted) {
      throw new AppError(
        'CONFLICT',
        deleted ? 'The organisation is already deleted' : 'The organisation is not deleted',
      );
    }
    await assertVersion(before, version, () => presentOrganization(tx, actor, before));
    // Restoring a government is making it speak for its place again.
    if (!deleted) await authorizeSpeaker(tx, actor, undefined, before);
    const after = await repo.updateOrganization(tx, id, { deletedAt: deleted ? new Date() : null });
    await recordAudit(tx, actor, {
      action: deleted ? 'delete' : 'restore',
      entityType: 'organization',
      entityId: id,
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
}
