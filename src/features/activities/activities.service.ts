import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { assertVersion, presentHistory } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { findOrganizations } from '../organizations/organizations.repo.ts';
import { organizationStake } from '../organizations/organizations.service.ts';
import { getPartnership } from '../partnerships/partnerships.write.service.ts';
import { findReadablePeople } from '../people/people.service.ts';
import * as repo from './activities.repo.ts';
import type { ActivityResponse, CreateActivityBody, UpdateActivityBody } from './activities.schema.ts';

const notFound = (id: number) => new AppError('ACTIVITY_NOT_FOUND', `No activity ${id}`);

/** The contact log is never public: it belongs to the organisation that keeps it. */
function activityStake(row: { organizationId: number }): Stake {
  return { visibility: 'internal', organizationIds: [row.organizationId] };
}

function linksOf(links: repo.LinkRow[]) {
  return {
    partnershipIds: links
      .flatMap((link) => (link.partnershipId ? [link.partnershipId] : []))
      .sort((a, b) => a - b),
    organizationIds: links
      .flatMap((link) => (link.organizationId ? [link.organizationId] : []))
      .sort((a, b) => a - b),
    personIds: links.flatMap((link) => (link.personId ? [link.personId] : [])).sort((a, b) => a - b),
  };
}

function present(actor: Actor | null, row: repo.ActivityRow, links: repo.LinkRow[]): ActivityResponse {
  return {
    id: row.id,
    kind: row.kind,
    occurredOn: row.occurredOn,
    title: row.title,
    summary: row.summary,
    followUp: row.followUp,
    followUpOn: row.followUpOn,
    organizationId: row.organizationId,
    ...linksOf(links),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    canEdit: policy.write(actor, activityStake(row)),
  };
}

function audited(row: repo.ActivityRow, links: repo.LinkRow[]) {
  const { createdAt: _c, updatedAt: _u, id: _id, ...fields } = row;
  return { ...fields, deletedAt: row.deletedAt?.toISOString() ?? null, ...linksOf(links) };
}

async function load(db: DbOrTx, actor: Actor | null, id: number, lock = false) {
  const row = await repo.findActivity(db, id, lock);
  if (!row || !policy.read(actor, activityStake(row))) throw notFound(id);
  return { row, links: await repo.findLinks(db, [id]) };
}

/** The ties among `ids` the actor may read, decided as reading a tie decides. */
async function findReadableTies(db: DbOrTx, actor: Actor | null, ids: readonly number[]) {
  const readable = new Set<number>();
  for (const id of ids) {
    try {
      await getPartnership(db, actor, id);
      readable.add(id);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'PARTNERSHIP_NOT_FOUND')) throw error;
    }
  }
  return readable;
}

/** The organisations among `ids` the actor may read: deleted ones only for those who may restore them. */
async function findReadableOrganizations(db: DbOrTx, actor: Actor | null, ids: readonly number[]) {
  const rows = await findOrganizations(db, ids);
  return new Set(
    rows
      .filter((row) => {
        const stake = organizationStake(row);
        return policy.read(actor, stake) && (!row.deletedAt || policy.write(actor, stake));
      })
      .map((row) => row.id),
  );
}

/**
 * Every link must point at a record the actor may read. One the actor may not read answers exactly as one that
 * does not exist, so links cannot be used to find out which internal records there are. Links the activity
 * already has were shown to the actor with it, so they stay without a check.
 */
async function checkLinks(
  db: DbOrTx,
  actor: Actor | null,
  body: {
    organizationId?: number;
    partnershipIds?: number[];
    organizationIds?: number[];
    personIds?: number[];
  },
  current: ReturnType<typeof linksOf> = { partnershipIds: [], organizationIds: [], personIds: [] },
) {
  const added = (list: number[] | undefined, linked: number[]) =>
    (list ?? []).filter((id) => !linked.includes(id));
  const orgIds = [
    ...new Set([
      ...(body.organizationId ? [body.organizationId] : []),
      ...added(body.organizationIds, current.organizationIds),
    ]),
  ];
  const readableOrgs = await findReadableOrganizations(db, actor, orgIds);
  const readableTies = await findReadableTies(db, actor, added(body.partnershipIds, current.partnershipIds));
  const readablePeople = await findReadablePeople(db, actor, added(body.personIds, current.personIds));
  const details: ErrorDetail[] = [];
  const check = (field: string, list: number[] | undefined, linked: number[], readable: Set<number>) => {
    for (const [index, id] of (list ?? []).entries()) {
      if (!linked.includes(id) && !readable.has(id)) {
        details.push({ field: `body.${field}.${index}`, message: `${id} does not exist` });
      }
    }
  };
  if (body.organizationId && !readableOrgs.has(body.organizationId)) {
    details.push({ field: 'body.organizationId', message: 'is not a known organisation' });
  }
  check('organizationIds', body.organizationIds, current.organizationIds, readableOrgs);
  check('partnershipIds', body.partnershipIds, current.partnershipIds, readableTies);
  check('personIds', body.personIds, current.personIds, readablePeople);
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid request: unknown links', details);
}

export async function getActivity(db: DbOrTx, actor: Actor | null, id: number) {
  const { row, links } = await load(db, actor, id);
  return present(actor, row, links);
}

/** A timeline, newest first, of the logs the actor may read. */
export async function listActivities(
  db: DbOrTx,
  actor: Actor | null,
  query: { organizationId?: number; partnershipId?: number; personId?: number; limit: number },
) {
  authorize(actor, policy.self(actor));
  const readableLogs = actor.isAdmin ? undefined : [...actor.memberships.keys()];
  const rows = await repo.listActivities(db, { ...query, readableLogs });
  const links = await repo.findLinks(
    db,
    rows.map((row) => row.id),
  );
  return {
    items: rows.map((row) =>
      present(
        actor,
        row,
        links.filter((link) => link.activityId === row.id),
      ),
    ),
  };
}

export async function createActivity(db: DbOrTx, actor: Actor | null, body: CreateActivityBody) {
  authorize(actor, policy.create(actor, [body.organizationId]));
  return db.transaction(async (tx) => {
    await checkLinks(tx, actor, body);
    const { partnershipIds, organizationIds, personIds, ...fields } = body;
    const row = await repo.insertActivity(tx, fields);
    await repo.replaceLinks(tx, row.id, { partnershipIds, organizationIds, personIds });
    const links = await repo.findLinks(tx, [row.id]);
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'activity',
      entityId: row.id,
      after: audited(row, links),
    });
    return present(actor, row, links);
  });
}

export async function updateActivity(db: DbOrTx, actor: Actor | null, id: number, body: UpdateActivityBody) {
  return db.transaction(async (tx) => {
    const before = await load(tx, actor, id, true);
    if (before.row.deletedAt) throw notFound(id);
    authorize(actor, policy.write(actor, activityStake(before.row)));
    await assertVersion(before.row, body.version, () => present(actor, before.row, before.links));
    const { version: _version, partnershipIds, organizationIds, personIds, ...fields } = body;
    if (fields.organizationId !== undefined && fields.organizationId !== before.row.organizationId) {
      authorize(actor, policy.create(actor, [fields.organizationId]));
    }
    await checkLinks(tx, actor, body, linksOf(before.links));
    const row = await repo.updateActivityRow(tx, id, fields);
    if (partnershipIds || organizationIds || personIds) {
      const current = linksOf(before.links);
      await repo.replaceLinks(tx, id, {
        partnershipIds: partnershipIds ?? current.partnershipIds,
        organizationIds: organizationIds ?? current.organizationIds,
        personIds: personIds ?? current.personIds,
      });
    }
    const links = await repo.findLinks(tx, [id]);
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'activity',
      entityId: id,
      before: audited(before.row, before.links),
      after: audited(row, links),
    });
    return present(actor, row, links);
  });
}

export async function setActivityDeleted(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  version: number,
  deleted: boolean,
) {
  return db.transaction(async (tx) => {
    const before = await load(tx, actor, id, true);
    authorize(actor, policy.write(actor, activityStake(before.row)));
    if ((before.row.deletedAt !== null) === deleted) {
      throw new AppError(
        'CONFLICT',
        deleted ? 'The activity is already deleted' : 'The activity is not deleted',
      );
    }
    await assertVersion(before.row, version, () => present(actor, before.row, before.links));
    const row = await repo.updateActivityRow(tx, id, { deletedAt: deleted ? new Date() : null });
    await recordAudit(tx, actor, {
      action: deleted ? 'delete' : 'restore',
      entityType: 'activity',
      entityId: id,
      before: audited(before.row, before.links),
      after: audited(row, before.links),
    });
    return present(actor, row, before.links);
  });
}

export async function activityHistory(db: DbOrTx, actor: Actor | null, id: number) {
  await load(db, actor, id);
  return presentHistory(db, 'activity', id);
}
