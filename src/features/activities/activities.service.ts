import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { findReadableOrganizations } from '../organizations/organizations.service.ts';
import { getPartnership } from '../partnerships/partnerships.write.service.ts';
import { findReadablePeople } from '../people/people.service.ts';
import { createRecord, presentKept, type RecordType, updateRecord } from '../records/records.service.ts';
import * as repo from './activities.repo.ts';
import type { ActivityResponse, CreateActivityBody, UpdateActivityBody } from './activities.schema.ts';

/** An activity as the service loads it: the record, what it concerns, and the name of the log it is in. */
interface LoadedActivity {
  row: repo.ActivityRow;
  links: repo.LinkRow[];
  organizationName: string;
}

/** The contact log is never public: it belongs to the organisation that keeps it. */
function activityStake(row: { organizationId: number }): Stake {
  return { visibility: 'internal', organizationIds: [row.organizationId] };
}

function linksOf(links: repo.LinkRow[]): repo.ActivityLinks {
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

export function presentActivity(
  actor: Actor | null,
  { row, links, organizationName }: LoadedActivity,
): ActivityResponse {
  return {
    id: row.id,
    kind: row.kind,
    occurredOn: row.occurredOn,
    title: row.title,
    summary: row.summary,
    followUp: row.followUp,
    followUpOn: row.followUpOn,
    organizationId: row.organizationId,
    organizationName,
    ...linksOf(links),
    ...presentKept(row),
    canEdit: policy.write(actor, activityStake(row)),
  };
}

export const activityRecord: RecordType<
  LoadedActivity,
  ActivityResponse,
  repo.ActivityInsert,
  repo.ActivityChanges
> = {
  entity: 'activity',
  noun: 'activity',
  notFound: (id) => new AppError('ACTIVITY_NOT_FOUND', `No activity ${id}`),
  async load(db, id, lock) {
    const row = await repo.findActivity(db, id, lock);
    if (!row) return undefined;
    const names = await repo.findOrganizationNames(db, [row.organizationId]);
    return {
      row,
      links: await repo.findLinks(db, [id]),
      organizationName: names.get(row.organizationId) ?? '',
    };
  },
  insert: repo.insertActivity,
  update: repo.updateActivity,
  stake: ({ row }) => activityStake(row),
  audited: ({ row, links }) => {
    const { createdAt: _c, updatedAt: _u, id: _id, ...fields } = row;
    return { ...fields, deletedAt: row.deletedAt?.toISOString() ?? null, ...linksOf(links) };
  },
  present: presentActivity,
  // Whoever reads the log reads its deleted entries too.
  deletedReadable: true,
};

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
  current: repo.ActivityLinks = { partnershipIds: [], organizationIds: [], personIds: [] },
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

/** A timeline, newest first, of the logs the actor may read. */
export async function listActivities(
  db: DbOrTx,
  actor: Actor | null,
  query: { organizationId?: number; partnershipId?: number; personId?: number; limit: number },
) {
  authorize(actor, policy.self(actor));
  const readableLogs = policy.readableLogs(actor);
  const rows = await repo.listActivities(db, { ...query, readableLogs });
  const links = await repo.findLinks(
    db,
    rows.map((row) => row.id),
  );
  const names = await repo.findOrganizationNames(
    db,
    rows.map((row) => row.organizationId),
  );
  return {
    items: rows.map((row) =>
      presentActivity(actor, {
        row,
        links: links.filter((link) => link.activityId === row.id),
        organizationName: names.get(row.organizationId) ?? '',
      }),
    ),
  };
}

export async function createActivity(db: DbOrTx, actor: Actor | null, body: CreateActivityBody) {
  return createRecord(db, actor, activityRecord, async (tx) => {
    authorize(actor, policy.create(actor, [body.organizationId]));
    await checkLinks(tx, actor, body);
    return body;
  });
}

export async function updateActivity(db: DbOrTx, actor: Actor | null, id: number, body: UpdateActivityBody) {
  const { version, partnershipIds, organizationIds, personIds, ...fields } = body;
  return updateRecord(db, actor, activityRecord, id, version, async (tx, before) => {
    if (fields.organizationId !== undefined && fields.organizationId !== before.row.organizationId) {
      authorize(actor, policy.create(actor, [fields.organizationId]));
    }
    const current = linksOf(before.links);
    await checkLinks(tx, actor, body, current);
    if (!partnershipIds && !organizationIds && !personIds) return fields;
    const links = {
      partnershipIds: partnershipIds ?? current.partnershipIds,
      organizationIds: organizationIds ?? current.organizationIds,
      personIds: personIds ?? current.personIds,
    };
    return { ...fields, links };
  });
}

/** The date of the latest activity, in the logs given (every log: undefined), of each of the given ties. */
export function lastActivityOfTies(
  db: DbOrTx,
  partnershipIds: readonly number[],
  readableLogs: readonly number[] | undefined,
) {
  return repo.lastActivityPerTie(db, partnershipIds, readableLogs);
}

/** The latest ten activities in, or concerning, an organisation, from the logs given (every log: undefined). */
export function recentActivityOf(db: DbOrTx, organizationId: number, readableLogs: number[] | undefined) {
  return repo.listActivities(db, { organizationId, limit: 10, readableLogs });
}
