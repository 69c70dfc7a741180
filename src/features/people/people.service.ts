import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { eraseFromHistory } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { findLiveOrganizationIds, mayWriteForOrganizations } from '../organizations/organizations.service.ts';
import {
  changeRecord,
  createRecord,
  findRecordHistory,
  mayRead,
  presentKept,
  type RecordType,
  readRecord,
  updateRecord,
} from '../records/records.service.ts';
import * as repo from './people.repo.ts';
import type { CreatePersonBody, PersonResponse, UpdatePersonBody } from './people.schema.ts';

/** The personal fields of a person record: what erasure removes, from the record and from its history. */
const PERSONAL_FIELDS = ['name', 'notes', 'contactPoints'] as const;

type Posts = Awaited<ReturnType<typeof repo.findPosts>>;
type Contacts = Awaited<ReturnType<typeof repo.findContactPoints>>;

/** A person as the service loads them: the record, the posts they hold and their contact points. */
interface LoadedPerson {
  row: repo.PersonRow;
  posts: Posts;
  contacts: Contacts;
}

/** Who stands behind a person's record: the keeper and every organisation the person holds a post in. */
function personStake({ row, posts }: Pick<LoadedPerson, 'row' | 'posts'>): Stake {
  return {
    visibility: row.visibility,
    organizationIds: [...new Set([row.keeperId, ...posts.map((post) => post.organizationId)])],
  };
}

export function presentPerson(actor: Actor | null, loaded: LoadedPerson): PersonResponse {
  const { row, posts, contacts } = loaded;
  const stake = personStake(loaded);
  const response: PersonResponse = {
    id: row.id,
    name: row.name,
    keeperId: row.keeperId,
    visibility: row.visibility,
    posts: posts.map(({ personId: _personId, ...post }) => post),
    erased: row.erasedAt !== null,
    ...presentKept(row),
    canEdit: policy.write(actor, stake),
  };
  if (policy.readInternal(actor, stake)) {
    response.contactPoints = contacts.map(({ kind, value }) => ({ kind, value }));
    response.notes = row.notes;
  }
  return response;
}

export const personRecord: RecordType<LoadedPerson, PersonResponse, CreatePersonBody, repo.PersonChanges> = {
  entity: 'person',
  noun: 'person',
  notFound: (id) => new AppError('PERSON_NOT_FOUND', `No person ${id}`),
  async load(db, id, lock) {
    const row = await repo.findPerson(db, id, lock);
    if (!row) return undefined;
    const posts = await repo.findPosts(db, [id]);
    return { row, posts, contacts: await repo.findContactPoints(db, [id]) };
  },
  insert: repo.insertPerson,
  update: repo.updatePerson,
  stake: personStake,
  audited: ({ row, posts, contacts }) => ({
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
  }),
  present: presentPerson,
  closed: ({ row }) => row.erasedAt !== null,
};

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
    if (mayRead(actor, personRecord, { row, posts: own, contacts: [] })) readable.add(id);
  }
  return readable;
}

export async function listPeople(
  db: DbOrTx,
  actor: Actor | null,
  query: { organizationId?: number; limit: number },
) {
  const rows = await repo.listPeople(db, policy.readScope(actor), query);
  const ids = rows.map((row) => row.id);
  const posts = await repo.findPosts(db, ids);
  const contacts = await repo.findContactPoints(db, ids);
  return {
    items: rows.map((row) =>
      presentPerson(actor, {
        row,
        posts: posts.filter((post) => post.personId === row.id),
        contacts: contacts.filter((contact) => contact.personId === row.id),
      }),
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
  const found = await findLiveOrganizationIds(db, ids);
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
async function authorizePosts(
  db: DbOrTx,
  actor: Actor | null,
  before: readonly PostFields[],
  after: readonly PostFields[],
) {
  authorize(actor, await mayWriteForOrganizations(db, actor, changedPostOrganizations(before, after)));
}

export async function createPerson(db: DbOrTx, actor: Actor | null, body: CreatePersonBody) {
  return createRecord(db, actor, personRecord, async (tx) => {
    authorize(actor, policy.create(actor, [body.keeperId]));
    await authorizePosts(tx, actor, [], body.posts);
    await checkOrganizations(tx, body);
    return body;
  });
}

export async function updatePerson(db: DbOrTx, actor: Actor | null, id: number, body: UpdatePersonBody) {
  const { version, ...changes } = body;
  return updateRecord(db, actor, personRecord, id, version, async (tx, before) => {
    if (changes.keeperId !== undefined && changes.keeperId !== before.row.keeperId) {
      authorize(actor, policy.create(actor, [changes.keeperId]));
    }
    if (changes.posts) await authorizePosts(tx, actor, before.posts, changes.posts);
    await checkOrganizations(tx, changes);
    return changes;
  });
}

/** Everything kept about a person (GDPR art. 15): the record, posts, contact points, activities and history. */
export async function exportPerson(db: DbOrTx, actor: Actor | null, id: number) {
  const loaded = await readRecord(db, actor, personRecord, id);
  authorize(actor, policy.readInternal(actor, personStake(loaded)));
  const activities = await repo.findActivitiesOf(db, id);
  const history = await findRecordHistory(db, 'person', id);
  return {
    exportedAt: new Date().toISOString(),
    person: {
      ...presentPerson(actor, loaded),
      contactPoints: loaded.contacts.map(({ kind, value }) => ({ kind, value })),
      notes: loaded.row.notes,
    },
    activities,
    history: history.items,
  };
}

/**
 * Erases a person's personal data (GDPR art. 17): name, notes and contact points go, from the record and from its
 * history, and the erasure itself is recorded without them. The posts stay, so the history still reads "the
 * mayor of X", without saying who.
 */
export async function erasePerson(db: DbOrTx, actor: Actor | null, id: number, version: number) {
  return changeRecord(db, actor, personRecord, id, {
    action: 'erase',
    version,
    snapshots: false,
    check: ({ row }) => {
      if (row.erasedAt) throw new AppError('CONFLICT', 'The person’s data is already erased');
    },
    apply: async (tx) => {
      await eraseFromHistory(tx, 'person', id, PERSONAL_FIELDS);
      return { name: null, notes: null, erasedAt: new Date(), contactPoints: [] };
    },
  });
}
