import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit, scrubHistory } from '../audit/audit.repo.ts';
import { assertVersion, presentHistory } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { findOrganizations } from '../organizations/organizations.repo.ts';
import { organizationStake } from '../organizations/organizations.service.ts';
import * as repo from './people.repo.ts';
import type { CreatePersonBody, PersonResponse, UpdatePersonBody } from './people.schema.ts';

const notFound = (id: number) => new AppError('PERSON_NOT_FOUND', `No person ${id}`);

/** The personal fields of a person record: what erasure removes, from the record and from its history. */
const PERSONAL_FIELDS = ['name', 'notes', 'contactPoints'] as const;

type Posts = Awaited<ReturnType<typeof repo.findPosts>>;
type Contacts = Awaited<ReturnType<typeof repo.findContactPoints>>;

/** Who stands behind a person's record: the keeper and every organisation the person holds a post in. */
function personStake(row: repo.PersonRow, posts: Posts): Stake {
  return {
    visibility: row.visibility,
    organizationIds: [...new Set([row.keeperId, ...posts.map((post) => post.organizationId)])],
  };
}

function audited(row: repo.PersonRow, posts: Posts, contacts: Contacts) {
  return {
    name: row.name,
    notes: row.notes,
    keeperId: row.keeperId,
    visibility: row.visibility,
    posts: posts.map(({ organizationId, role, title, startedOn, endedOn }) => ({
      organizationId,
      role,
      title,
      startedOn,
      endedOn,
    })),
    contactPoints: contacts.map(({ kind, value }) => ({ kind, value })),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    version: row.version,
  };
}

function present(actor: Actor | null, row: repo.PersonRow, posts: Posts, contacts: Contacts): PersonResponse {
  const stake = personStake(row, posts);
  const response: PersonResponse = {
    id: row.id,
    name: row.name,
    keeperId: row.keeperId,
    visibility: row.visibility,
    posts: posts.map(({ personId: _personId, ...post }) => post),
    erased: row.erasedAt !== null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    canEdit: policy.write(actor, stake),
  };
  if (policy.readInternal(actor, stake)) {
    response.contactPoints = contacts.map(({ kind, value }) => ({ kind, value }));
    response.notes = row.notes;
  }
  return response;
}

/** Whether the actor may read a person's record: deleted ones only for those who may restore them. */
function mayRead(actor: Actor | null, row: repo.PersonRow, stake: Stake): boolean {
  return policy.read(actor, stake) && (!row.deletedAt || policy.write(actor, stake));
}

async function load(db: DbOrTx, actor: Actor | null, id: number, lock = false) {
  const row = await repo.findPerson(db, id, lock);
  if (!row) throw notFound(id);
  const posts = await repo.findPosts(db, [id]);
  const contacts = await repo.findContactPoints(db, [id]);
  const stake = personStake(row, posts);
  if (!mayRead(actor, row, stake)) throw notFound(id);
  return { row, posts, contacts, stake };
}

/** The people among `ids` whose records the actor may read, decided as `getPerson` decides. */
export async function findReadablePeople(
  db: DbOrTx,
  actor: Actor | null,
  ids: readonly number[],
): Promise<Set<number>> {
  const posts = await repo.findPosts(db, ids);
  const readable = new Set<number>();
  for (const id of ids) {
    const row = await repo.findPerson(db, id);
    if (!row) continue;
    const own = posts.filter((post) => post.personId === id);
    if (mayRead(actor, row, personStake(row, own))) readable.add(id);
  }
  return readable;
}

export async function getPerson(db: DbOrTx, actor: Actor | null, id: number) {
  const { row, posts, contacts } = await load(db, actor, id);
  return present(actor, row, posts, contacts);
}

export async function listPeople(
  db: DbOrTx,
  actor: Actor | null,
  query: { organizationId?: number; limit: number },
) {
  const rows = await repo.listPeople(db, actor, query);
  const ids = rows.map((row) => row.id);
  const posts = await repo.findPosts(db, ids);
  const contacts = await repo.findContactPoints(db, ids);
  return {
    items: rows.map((row) =>
      present(
        actor,
        row,
        posts.filter((post) => post.personId === row.id),
        contacts.filter((contact) => contact.personId === row.id),
      ),
    ),
  };
}

async function checkOrganizations(
  db: DbOrTx,
  body: { keeperId?: number; posts?: { organizationId: number }[] },
) {
  const ids = [
    ...new Set([
      ...(body.keeperId ? [body.keeperId] : []),
      ...(body.posts ?? []).map((p) => p.organizationId),
    ]),
  ];
  const found = new Set(
    (await findOrganizations(db, ids)).filter((row) => !row.deletedAt).map((row) => row.id),
  );
  const details: ErrorDetail[] = [];
  if (body.keeperId && !found.has(body.keeperId)) {
    details.push({ field: 'body.keeperId', message: 'is not a known organisation' });
  }
  for (const [index, post] of (body.posts ?? []).entries()) {
    if (!found.has(post.organizationId)) {
      details.push({ field: `body.posts.${index}.organizationId`, message: 'is not a known organisation' });
    }
  }
  if (details.length > 0)
    throw new AppError('VALIDATION_FAILED', 'Invalid request: unknown organisations', details);
}

type PostFields = Pick<Posts[number], 'organizationId' | 'role' | 'title' | 'startedOn' | 'endedOn'>;

const postKey = (post: PostFields) =>
  JSON.stringify([post.organizationId, post.role, post.title, post.startedOn, post.endedOn]);

/**
 * The organisations in which a new list of posts adds, changes or removes a post. The list replaces the old one,
 * so a post counts as unchanged when the new list holds one with the same fields.
 */
function changedPostOrganizations(before: readonly PostFields[], after: readonly PostFields[]): number[] {
  const unmatched = new Map<string, PostFields[]>();
  for (const post of before) unmatched.set(postKey(post), [...(unmatched.get(postKey(post)) ?? []), post]);
  const changed = new Set<number>();
  for (const post of after) {
    const same = unmatched.get(postKey(post));
    if (same?.length) same.pop();
    else changed.add(post.organizationId);
  }
  for (const removed of unmatched.values()) for (const post of removed) changed.add(post.organizationId);
  return [...changed];
}

/**
 * A post is its organisation's word about the person, so writing one takes an editor of that organisation (or of
 * the organisation that keeps its record). An unknown organisation answers as one the actor may not write for,
 * so the answer does not tell which organisations exist.
 */
async function authorizePosts(db: DbOrTx, actor: Actor | null, organizationIds: readonly number[]) {
  if (organizationIds.length === 0) return;
  const rows = new Map((await findOrganizations(db, organizationIds)).map((row) => [row.id, row]));
  for (const id of organizationIds) {
    const row = rows.get(id);
    authorize(actor, row ? policy.write(actor, organizationStake(row)) : policy.create(actor, [id]));
  }
}

export async function createPerson(db: DbOrTx, actor: Actor | null, body: CreatePersonBody) {
  authorize(actor, policy.create(actor, [body.keeperId]));
  return db.transaction(async (tx) => {
    await authorizePosts(tx, actor, changedPostOrganizations([], body.posts));
    await checkOrganizations(tx, body);
    const { posts, contactPoints, ...fields } = body;
    const row = await repo.insertPerson(tx, fields);
    await repo.replacePosts(tx, row.id, posts);
    await repo.replaceContactPoints(tx, row.id, contactPoints);
    const savedPosts = await repo.findPosts(tx, [row.id]);
    const savedContacts = await repo.findContactPoints(tx, [row.id]);
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'person',
      entityId: row.id,
      after: audited(row, savedPosts, savedContacts),
    });
    return present(actor, row, savedPosts, savedContacts);
  });
}

export async function updatePerson(db: DbOrTx, actor: Actor | null, id: number, body: UpdatePersonBody) {
  return db.transaction(async (tx) => {
    const before = await load(tx, actor, id, true);
    if (before.row.deletedAt || before.row.erasedAt) throw notFound(id);
    authorize(actor, policy.write(actor, before.stake));
    await assertVersion(before.row, body.version, () =>
      present(actor, before.row, before.posts, before.contacts),
    );
    const { version: _version, posts, contactPoints, ...fields } = body;
    if (fields.keeperId !== undefined && fields.keeperId !== before.row.keeperId) {
      authorize(actor, policy.create(actor, [fields.keeperId]));
    }
    if (posts) await authorizePosts(tx, actor, changedPostOrganizations(before.posts, posts));
    await checkOrganizations(tx, body);
    const row = await repo.updatePersonRow(tx, id, fields);
    if (posts) await repo.replacePosts(tx, id, posts);
    if (contactPoints) await repo.replaceContactPoints(tx, id, contactPoints);
    const savedPosts = await repo.findPosts(tx, [id]);
    const savedContacts = await repo.findContactPoints(tx, [id]);
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'person',
      entityId: id,
      before: audited(before.row, before.posts, before.contacts),
      after: audited(row, savedPosts, savedContacts),
    });
    return present(actor, row, savedPosts, savedContacts);
  });
}

export async function setPersonDeleted(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  version: number,
  deleted: boolean,
) {
  return db.transaction(async (tx) => {
    const before = await load(tx, actor, id, true);
    authorize(actor, policy.write(actor, before.stake));
    if ((before.row.deletedAt !== null) === deleted) {
      throw new AppError('CONFLICT', deleted ? 'The person is already deleted' : 'The person is not deleted');
    }
    await assertVersion(before.row, version, () => present(actor, before.row, before.posts, before.contacts));
    const row = await repo.updatePersonRow(tx, id, { deletedAt: deleted ? new Date() : null });
    await recordAudit(tx, actor, {
      action: deleted ? 'delete' : 'restore',
      entityType: 'person',
      entityId: id,
      before: audited(before.row, before.posts, before.contacts),
      after: audited(row, before.posts, before.contacts),
    });
    return present(actor, row, before.posts, before.contacts);
  });
}

/** Everything kept about a person (GDPR art. 15): the record, posts, contact points, activities and history. */
export async function exportPerson(db: DbOrTx, actor: Actor | null, id: number) {
  const { row, posts, contacts, stake } = await load(db, actor, id);
  authorize(actor, policy.readInternal(actor, stake));
  const activities = await repo.findActivitiesOf(db, id);
  const history = await presentHistory(db, 'person', id);
  return {
    exportedAt: new Date().toISOString(),
    person: {
      ...present(actor, row, posts, contacts),
      contactPoints: contacts.map(({ kind, value }) => ({ kind, value })),
      notes: row.notes,
    },
    activities,
    history: history.items,
  };
}

/**
 * Erases a person's personal data (GDPR art. 17): name, notes and contact points go, from the record and from its
 * history. The posts stay, so the history still reads "the mayor of X", without saying who.
 */
export async function erasePerson(db: DbOrTx, actor: Actor | null, id: number, version: number) {
  return db.transaction(async (tx) => {
    const before = await load(tx, actor, id, true);
    authorize(actor, policy.write(actor, before.stake));
    if (before.row.erasedAt) throw new AppError('CONFLICT', 'The person’s data is already erased');
    await assertVersion(before.row, version, () => present(actor, before.row, before.posts, before.contacts));
    await repo.replaceContactPoints(tx, id, []);
    const row = await repo.updatePersonRow(tx, id, { name: null, notes: null, erasedAt: new Date() });
    await scrubHistory(tx, 'person', id, PERSONAL_FIELDS);
    await recordAudit(tx, actor, { action: 'erase', entityType: 'person', entityId: id });
    return present(actor, row, before.posts, []);
  });
}

/** The history holds personal data, so it is for members of the person's organisations only. */
export async function personHistory(db: DbOrTx, actor: Actor | null, id: number) {
  const { stake } = await load(db, actor, id);
  authorize(actor, policy.readInternal(actor, stake));
  return presentHistory(db, 'person', id);
}
