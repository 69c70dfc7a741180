import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { organizations, partnerships, people } from '../../db/schema.ts';
import { AppError, type ErrorDetail } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { assertVersion, presentHistory } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
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

async function checkLinks(
  db: DbOrTx,
  body: {
    organizationId?: number;
    partnershipIds?: number[];
    organizationIds?: number[];
    personIds?: number[];
  },
) {
  const orgIds = [
    ...new Set([...(body.organizationId ? [body.organizationId] : []), ...(body.organizationIds ?? [])]),
  ];
  const [foundOrgs, foundTies, foundPeople] = await Promise.all([
    orgIds.length
      ? db.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, orgIds))
      : [],
    body.partnershipIds?.length
      ? db
          .select({ id: partnerships.id })
          .from(partnerships)
          .where(inArray(partnerships.id, body.partnershipIds))
      : [],
    body.personIds?.length
      ? db.select({ id: people.id }).from(people).where(inArray(people.id, body.personIds))
      : [],
  ]);
  const known = (rows: { id: number }[]) => new Set(rows.map((row) => row.id));
  const details: ErrorDetail[] = [];
  const check = (field: string, list: number[] | undefined, found: Set<number>) => {
    for (const [index, id] of (list ?? []).entries()) {
      if (!found.has(id)) details.push({ field: `body.${field}.${index}`, message: `${id} does not exist` });
    }
  };
  if (body.organizationId && !known(foundOrgs).has(body.organizationId)) {
    details.push({ field: 'body.organizationId', message: 'is not a known organisation' });
  }
  check('organizationIds', body.organizationIds, known(foundOrgs));
  check('partnershipIds', body.partnershipIds, known(foundTies));
  check('personIds', body.personIds, known(foundPeople));
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
    await checkLinks(tx, body);
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
    await checkLinks(tx, body);
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
