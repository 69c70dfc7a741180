import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import {
  createRecord,
  mayRead,
  presentKept,
  type RecordType,
  updateRecord,
} from '../records/records.service.ts';
import { GOVERNMENT_KINDS, type OrganizationKind } from './organizations.constants.ts';
import * as repo from './organizations.repo.ts';
import type {
  CreateOrganizationBody,
  OrganizationResponse,
  UpdateOrganizationBody,
} from './organizations.schema.ts';

/** An organisation as the service loads it: the row and the place it is based in. */
interface LoadedOrganization {
  row: repo.OrganizationRow;
  place: { id: number; name: string; country: string } | null;
}

/** Who stands behind an organisation's record: itself and the organisation that keeps it. */
export function organizationStake(row: Pick<repo.OrganizationRow, 'id' | 'visibility' | 'keeperId'>): Stake {
  return {
    visibility: row.visibility,
    organizationIds: row.keeperId ? [row.id, row.keeperId] : [row.id],
  };
}

export function presentOrganization(
  actor: Actor | null,
  { row, place }: LoadedOrganization,
): OrganizationResponse {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    place,
    aliases: row.aliases,
    website: row.website,
    description: row.description,
    sector: row.sector,
    keeperId: row.keeperId,
    visibility: row.visibility,
    ...presentKept(row),
    mergedIntoId: row.mergedIntoId,
    canEdit: policy.write(actor, organizationStake(row)),
  };
}

/** An organisation as a list shows it. */
export function presentOrganizationListItem({
  organization,
  placeName,
  placeCountry,
}: Awaited<ReturnType<typeof repo.listOrganizations>>[number]) {
  return {
    id: organization.id,
    kind: organization.kind,
    name: organization.name,
    visibility: organization.visibility,
    place:
      organization.placeId && placeName && placeCountry
        ? { id: organization.placeId, name: placeName, country: placeCountry }
        : null,
  };
}

export const organizationRecord: RecordType<
  LoadedOrganization,
  OrganizationResponse,
  repo.OrganizationInsert,
  Partial<repo.OrganizationInsert>
> = {
  entity: 'organization',
  noun: 'organisation',
  notFound: (id) => new AppError('ORGANIZATION_NOT_FOUND', `No organisation ${id}`),
  async load(db, id, lock) {
    const row = await repo.findOrganization(db, id, lock);
    if (!row) return undefined;
    const place = row.placeId ? ((await repo.findPlaceLabel(db, row.placeId)) ?? null) : null;
    return { row, place };
  },
  insert: async (db, values) => (await repo.insertOrganization(db, values)).id,
  async update(db, id, changes) {
    await repo.updateOrganization(db, id, changes);
  },
  stake: ({ row }) => organizationStake(row),
  audited: ({ row }) => ({
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
  }),
  present: presentOrganization,
  // Restoring a government is making it speak for its place again.
  restoring: (db, actor, { row }) => authorizeSpeaker(db, actor, undefined, row),
};

export async function listOrganizations(
  db: DbOrTx,
  actor: Actor | null,
  query: { q?: string; kind?: repo.OrganizationRow['kind']; placeId?: number; limit: number; after?: number },
) {
  const rows = await repo.listOrganizations(db, policy.readScope(actor), {
    ...query,
    afterId: query.after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(presentOrganizationListItem),
    nextAfter: rows.length > query.limit ? (page.at(-1)?.organization.id ?? null) : null,
  };
}

/** The organisations among `ids` the actor may read, decided as reading one decides. */
export async function findReadableOrganizations(
  db: DbOrTx,
  actor: Actor | null,
  ids: readonly number[],
): Promise<Set<number>> {
  const rows = await repo.findOrganizations(db, ids);
  return new Set(
    rows.filter((row) => mayRead(actor, organizationRecord, { row, place: null })).map((row) => row.id),
  );
}

/** The names of the given organisations, by id, whoever asks: for records that show who stands behind them. */
export async function findOrganizationNames(
  db: DbOrTx,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const rows = await repo.findOrganizations(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The organisations among `ids` that exist and are not deleted. */
export async function findLiveOrganizationIds(db: DbOrTx, ids: readonly number[]): Promise<Set<number>> {
  const rows = await repo.findOrganizations(db, ids);
  return new Set(rows.filter((row) => !row.deletedAt).map((row) => row.id));
}

/**
 * Whether the actor may write in the name of every one of these organisations: as an editor of it or of the
 * organisation that keeps its record. An unknown one answers as one only an administrator may write for, so the
 * answer does not tell which organisations exist.
 */
export async function mayWriteForOrganizations(
  db: DbOrTx,
  actor: Actor | null,
  ids: readonly number[],
): Promise<boolean> {
  const rows = new Map((await repo.findOrganizations(db, ids)).map((row) => [row.id, row]));
  return ids.every((id) => {
    const row = rows.get(id);
    return row ? policy.write(actor, organizationStake(row)) : policy.create(actor, [id]);
  });
}

/** The governments (city or regional) of the given places: they speak for those places in ties. */
export async function findGovernmentsOf(db: DbOrTx, placeIds: readonly number[]) {
  return repo.findGovernmentsOf(db, placeIds);
}

async function checkReferences(db: DbOrTx, body: { placeId?: number | null; keeperId?: number | null }) {
  if (body.placeId && !(await repo.findPlaceLabel(db, body.placeId))) {
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
  actor: Actor | null,
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
  return createRecord(db, actor, organizationRecord, async (tx) => {
    authorize(actor, policy.create(actor, body.keeperId ? [body.keeperId] : []));
    await authorizeSpeaker(tx, actor, undefined, body);
    await checkReferences(tx, body);
    checkSector(body.kind, body.sector);
    return body;
  });
}

/** A sector is a company's: another kind of organisation has none. */
function checkSector(kind: OrganizationKind, sector: string | null | undefined) {
  if (sector != null && kind !== 'company')
    throw new AppError('VALIDATION_FAILED', 'Invalid request: body.sector', [
      { field: 'body.sector', message: 'is for companies only' },
    ]);
}

export async function updateOrganization(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  { version, ...changes }: UpdateOrganizationBody,
) {
  return updateRecord(db, actor, organizationRecord, id, version, async (tx, { row: before }) => {
    // Handing the record to another keeper needs the right to create records for that keeper.
    if (changes.keeperId !== undefined && changes.keeperId !== before.keeperId) {
      authorize(actor, policy.create(actor, changes.keeperId ? [changes.keeperId] : []));
    }
    await authorizeSpeaker(tx, actor, before, {
      kind: changes.kind ?? before.kind,
      placeId: changes.placeId === undefined ? before.placeId : changes.placeId,
    });
    await checkReferences(tx, changes);
    const kind = changes.kind ?? before.kind;
    checkSector(kind, changes.sector === undefined ? before.sector : changes.sector);
    return changes;
  });
}

/** An organisation's stored row, deleted or not; for features that check an organisation before they use it. */
export function findOrganizationRow(db: DbOrTx, id: number) {
  return repo.findOrganization(db, id);
}
