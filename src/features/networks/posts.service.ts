import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assertVersion } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { eventRecord } from '../events/events.service.ts';
import { notify, peopleOf } from '../notifications/notifications.service.ts';
import { organizationRecord } from '../organizations/organizations.service.ts';
import { partnershipRecord } from '../partnerships/partnerships.write.service.ts';
import {
  type LoadedRecord,
  mayRead,
  presentKept,
  type RecordType,
  readRecord,
  writeRecord,
} from '../records/records.service.ts';
import { groupHistory } from './group-history.ts';
import { type NetworkRoles, networkRoles } from './networks.roles.ts';
import type { PostLink } from './networks.tables.ts';
import { POST_MENTION_KIND } from './posts.constants.ts';
import * as repo from './posts.repo.ts';
import type {
  CreatePostBody,
  DiscussionQuery,
  DiscussionResponse,
  PostResponse,
  UpdatePostBody,
} from './posts.schema.ts';

type Language = DiscussionQuery['lang'];

/** Names in several languages; '' holds the name to fall back on. */
type Labels = Record<string, string>;

/** A record a post links to, as far as presenting the link needs: its name, and who may read it. */
interface LinkTarget {
  labels: Labels;
  readable(actor: Actor | null): boolean;
}

/**
 * A post as the service loads it: the record, the group's roles (who stands behind the discussion), and the names
 * and link targets its presentation needs.
 */
export interface LoadedPost extends LoadedRecord {
  row: repo.PostRow;
  roles: NetworkRoles;
  authorName: string | null;
  organizationName: string;
  mentionNames: ReadonlyMap<number, string>;
  targets: ReadonlyMap<string, LinkTarget>;
  editedAt: Date | null;
}

const linkKey = (link: PostLink) => `${link.type}:${link.id}`;

/** The organisations of a group: its members and its coordinators. */
const groupOf = (roles: NetworkRoles) => [...new Set([...roles.memberIds, ...roles.coordinatorIds])];

/** A discussion is the group's own: its members and coordinators read it, nobody else. */
const postStake = (roles: NetworkRoles): Stake => ({
  visibility: 'internal',
  organizationIds: groupOf(roles),
});

const notFound = (id: number) => new AppError('POST_NOT_FOUND', `No post ${id}`);
const networkNotFound = (id: number) => new AppError('NETWORK_NOT_FOUND', `No network ${id}`);

/** A name in the language asked for, else English, else the name to fall back on, else any. */
function pick(labels: Labels, lang: string): string | null {
  return labels[lang] ?? labels.en ?? labels[''] ?? Object.values(labels)[0] ?? null;
}

/** The records these links point at, with their names and who may read them; links to nothing are left out. */
async function loadTargets(db: DbOrTx, links: readonly PostLink[]): Promise<Map<string, LinkTarget>> {
  const targets = new Map<string, LinkTarget>();
  const unique = [...new Map(links.map((link) => [linkKey(link), link])).values()];
  const ofType = (type: PostLink['type']) =>
    unique.filter((link) => link.type === type).map((link) => link.id);
  const tieIds = ofType('partnership');
  // One query at a time: `db` may be a transaction, whose one connection cannot run queries side by side.
  const ties = [];
  for (const id of tieIds) {
    const tie = await partnershipRecord.load(db, id, false);
    if (tie) ties.push(tie);
  }
  const partyPlaces = ties.flatMap((tie) =>
    tie.parties.flatMap((party) => (party.placeId ? [party.placeId] : [])),
  );
  const placeNames = await repo.findPlaceNames(db, [...ofType('place'), ...partyPlaces]);
  for (const id of ofType('place')) {
    const labels = placeNames.get(id);
    if (labels) targets.set(`place:${id}`, { labels, readable: () => true });
  }
  for (const tie of ties) {
    // A tie is named by its parties, each in the reader's language where the place has a name in it.
    const labels: Labels = {};
    for (const lang of ['', 'fi', 'sv', 'en']) {
      labels[lang] = tie.parties
        .map((party) =>
          party.placeId
            ? (pick(placeNames.get(party.placeId) ?? {}, lang) ?? party.placeName ?? '')
            : (party.organizationName ?? ''),
        )
        .join(' – ');
    }
    targets.set(`partnership:${tie.row.id}`, {
      labels,
      readable: (actor) => mayRead(actor, partnershipRecord, tie),
    });
  }
  for (const id of ofType('event')) {
    const event = await eventRecord.load(db, id, false);
    if (event)
      targets.set(`event:${id}`, {
        labels: event.row.title,
        readable: (actor) => mayRead(actor, eventRecord, event),
      });
  }
  for (const id of ofType('organization')) {
    const organization = await organizationRecord.load(db, id, false);
    if (organization && !organization.row.mergedIntoId)
      targets.set(`organization:${id}`, {
        labels: { '': organization.row.name },
        readable: (actor) => mayRead(actor, organizationRecord, organization),
      });
  }
  return targets;
}

/** Posts of one group with what presenting them needs, loaded together. */
async function loadPosts(
  db: DbOrTx,
  rows: readonly repo.PostRow[],
  roles: NetworkRoles,
): Promise<LoadedPost[]> {
  const authors = await repo.findUserNames(
    db,
    rows.flatMap((row) => (row.authorId ? [row.authorId] : [])),
  );
  const organizations = await repo.findOrganizationNames(db, [
    ...rows.map((row) => row.organizationId),
    ...rows.flatMap((row) => row.mentions),
  ]);
  const targets = await loadTargets(
    db,
    rows.flatMap((row) => (row.deletedAt ? [] : row.links)),
  );
  const edits = await repo.findEditTimes(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    row,
    roles,
    authorName: row.authorId ? (authors.get(row.authorId) ?? null) : null,
    organizationName: organizations.get(row.organizationId) ?? '',
    mentionNames: organizations,
    targets,
    editedAt: edits.get(row.id) ?? null,
  }));
}

/**
 * A post as the API shows it to the reader. A deleted post keeps its place in the thread, its author and its
 * replies, but not its words: its text, mentions and links are left out (its history keeps them). A link shows
 * its record's name only to a reader who may read that record.
 */
export function presentPost(actor: Actor | null, loaded: LoadedPost, lang: Language = 'en'): PostResponse {
  const { row } = loaded;
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    networkId: row.networkId,
    parentId: row.parentId,
    author: { id: row.authorId, name: loaded.authorName },
    organization: { id: row.organizationId, name: loaded.organizationName },
    body: deleted ? null : row.body,
    mentions: deleted ? [] : row.mentions.map((id) => ({ id, name: loaded.mentionNames.get(id) ?? '' })),
    links: deleted
      ? []
      : row.links.map((link) => {
          const target = loaded.targets.get(linkKey(link));
          return {
            type: link.type,
            id: link.id,
            label: target?.readable(actor) ? pick(target.labels, lang) : null,
          };
        }),
    editedAt: loaded.editedAt?.toISOString() ?? null,
    ...presentKept(row),
    canEdit: !deleted && policy.editPost(actor, row),
    canDelete: policy.removePost(actor, row, loaded.roles.coordinatorIds),
  };
}

/**
 * Posts as kept records: versioned, audited, soft-deleted and restorable. The lifecycle answers the loaded post
 * itself; the service presents it to the reader, since a link's label depends on what the reader may read.
 */
export const postRecord: RecordType<LoadedPost, LoadedPost, repo.PostInsert, repo.PostChanges> = {
  entity: 'network_post',
  noun: 'post',
  notFound,
  async load(db, id, lock) {
    const row = await repo.findPost(db, id, lock);
    if (!row) return undefined;
    return (await loadPosts(db, [row], await networkRoles(db, row.networkId)))[0];
  },
  insert: repo.insertPost,
  update: repo.updatePost,
  stake: ({ roles }) => postStake(roles),
  audited: ({ row }) => ({
    networkId: row.networkId,
    parentId: row.parentId,
    organizationId: row.organizationId,
    body: row.body,
    mentions: row.mentions,
    links: row.links,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    version: row.version,
  }),
  present: (_actor, loaded) => loaded,
  // The group reads its deleted posts too: they stay in their threads, marked deleted.
  deletedReadable: true,
};

/**
 * The discussion of a network or working group, for its members and coordinators. Anonymous readers are asked to
 * sign in; a missing or deleted network, or an internal one the reader is not part of, answers as missing; others
 * are refused.
 */
async function openDiscussion(db: DbOrTx, actor: Actor | null, networkId: number) {
  authorize(actor, policy.self(actor));
  const network = await repo.findNetwork(db, networkId);
  if (!network || network.deletedAt) throw networkNotFound(networkId);
  const roles = await networkRoles(db, networkId);
  if (!policy.readGroup(actor, groupOf(roles))) {
    if (network.visibility !== 'published') throw networkNotFound(networkId);
    throw new AppError('FORBIDDEN', "Only the group's members and coordinators take part in its discussion");
  }
  return { network, roles };
}

/** A post of this discussion the actor may read; one of another discussion answers as missing. */
async function readPost(db: DbOrTx, actor: Actor | null, networkId: number, postId: number, lock = false) {
  const loaded = await readRecord(db, actor, postRecord, postId, lock);
  if (loaded.row.networkId !== networkId) throw notFound(postId);
  return loaded;
}

/** The discussion's threads, newest activity first, each with its replies; and who may say what in it. */
export async function getDiscussion(
  db: DbOrTx,
  actor: Actor | null,
  networkId: number,
  query: DiscussionQuery,
): Promise<DiscussionResponse> {
  const { network, roles } = await openDiscussion(db, actor, networkId);
  const { rows, total } = await repo.listThreads(db, networkId, query);
  const replies = await repo.findReplies(
    db,
    rows.map((row) => row.id),
  );
  const loaded = await loadPosts(db, [...rows, ...replies], roles);
  const byId = new Map(loaded.map((post) => [post.row.id, post]));
  const group = groupOf(roles);
  const names = await repo.findOrganizationNames(db, group);
  const participants = group
    .map((id) => ({
      id,
      name: names.get(id) ?? '',
      member: roles.memberIds.includes(id),
      coordinator: roles.coordinatorIds.includes(id),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, query.lang));
  return {
    network: { id: network.id, kind: network.kind, name: pick(network.name, query.lang) ?? '' },
    participants,
    postAs: participants
      .filter((participant) => policy.speakFor(actor, participant.id))
      .map(({ id, name }) => ({ id, name })),
    canModerate: policy.coordinate(actor, roles.coordinatorIds),
    threads: rows.map((row) => ({
      ...presentPost(actor, byId.get(row.id)!, query.lang),
      lastActivityAt: row.lastActivityAt.toISOString(),
      replies: replies
        .filter((reply) => reply.parentId === row.id)
        .map((reply) => presentPost(actor, byId.get(reply.id)!, query.lang)),
    })),
    total,
  };
}

/**
 * Checks what a post says about others: it mentions only organisations of the group, and links only to records
 * that exist and that the author may read (one they may not read answers as one that does not exist). Links the
 * post already has were checked when they were added, and stay.
 */
async function checkReferences(
  db: DbOrTx,
  actor: Actor,
  roles: NetworkRoles,
  body: { mentions?: number[]; links?: PostLink[] },
  kept: readonly PostLink[] = [],
) {
  const details: ErrorDetail[] = [];
  const group = groupOf(roles);
  for (const [index, id] of (body.mentions ?? []).entries()) {
    if (!group.includes(id))
      details.push({ field: `body.mentions.${index}`, message: 'is not an organisation of the group' });
  }
  const keptKeys = new Set(kept.map(linkKey));
  const added = (body.links ?? []).filter((link) => !keptKeys.has(linkKey(link)));
  const targets = await loadTargets(db, added);
  for (const [index, link] of (body.links ?? []).entries()) {
    if (keptKeys.has(linkKey(link))) continue;
    if (!targets.get(linkKey(link))?.readable(actor))
      details.push({ field: `body.links.${index}`, message: `${link.type} ${link.id} does not exist` });
  }
  if (details.length > 0)
    throw new AppError('VALIDATION_FAILED', 'Invalid request: unknown references', details);
}

/**
 * Tells the people of the organisations a post newly mentions, in the post's transaction; the author is not told
 * of their own post, and someone in two mentioned organisations is told once.
 */
async function notifyMentions(
  db: DbOrTx,
  actor: Actor,
  post: { id: number; networkId: number; organizationId: number; body: string },
  mentioned: readonly number[],
  network: { name: Labels },
) {
  if (mentioned.length === 0) return;
  const people = await peopleOf(db, mentioned);
  const [organizationName] = (await repo.findOrganizationNames(db, [post.organizationId])).values();
  const told = new Set<number>([actor.id]);
  const notices = [];
  for (const person of people) {
    if (told.has(person.userId)) continue;
    told.add(person.userId);
    notices.push({
      userId: person.userId,
      kind: POST_MENTION_KIND,
      organizationId: person.organizationId,
      link: `/workspace/networks/${post.networkId}/discussion#post-${post.id}`,
      data: {
        networkId: post.networkId,
        postId: post.id,
        networkName: network.name,
        authorName: actor.name,
        organizationName: organizationName ?? '',
        excerpt: post.body.length > 140 ? `${post.body.slice(0, 139)}…` : post.body,
      },
    });
  }
  await notify(db, notices);
}

/** Posts in a discussion, or replies to a post of it, for an organisation of the group the author is a member of. */
export async function createPost(db: DbOrTx, actor: Actor | null, networkId: number, body: CreatePostBody) {
  const written = await writeRecord(db, actor, postRecord, async (tx) => {
    const { network, roles } = await openDiscussion(tx, actor, networkId);
    authorize(actor, policy.speakFor(actor, body.organizationId));
    if (!groupOf(roles).includes(body.organizationId)) {
      throw new AppError('VALIDATION_FAILED', 'Invalid request: body.organizationId', [
        { field: 'body.organizationId', message: 'is not a member or coordinator of the group' },
      ]);
    }
    if (body.parentId !== undefined) {
      const parent = await repo.findPost(tx, body.parentId);
      const problem =
        !parent || parent.networkId !== networkId
          ? 'is not a post of this discussion'
          : parent.parentId !== null
            ? 'is a reply: answer the post it replies to'
            : parent.deletedAt
              ? 'is deleted'
              : null;
      if (problem)
        throw new AppError('VALIDATION_FAILED', 'Invalid request: body.parentId', [
          { field: 'body.parentId', message: problem },
        ]);
    }
    await checkReferences(tx, actor, roles, body);
    const id = await postRecord.insert(tx, {
      networkId,
      parentId: body.parentId ?? null,
      authorId: actor.id,
      organizationId: body.organizationId,
      body: body.body,
      mentions: body.mentions,
      links: body.links,
    });
    await notifyMentions(tx, actor, { id, networkId, ...body }, body.mentions, network);
    return { action: 'create', id };
  });
  return presentPost(actor, written);
}

/** Changes a post's text, mentions or links: its author only, on the version they read. */
export async function updatePost(
  db: DbOrTx,
  actor: Actor | null,
  networkId: number,
  postId: number,
  body: UpdatePostBody,
) {
  const { version, ...changes } = body;
  const written = await writeRecord(db, actor, postRecord, async (tx) => {
    const { network, roles } = await openDiscussion(tx, actor, networkId);
    const before = await readPost(tx, actor, networkId, postId, true);
    if (before.row.deletedAt) throw notFound(postId);
    authorize(actor, policy.editPost(actor, before.row));
    await assertVersion(before.row, version, () => presentPost(actor, before));
    await checkReferences(tx, actor, roles, changes, before.row.links);
    await postRecord.update(tx, postId, changes);
    const mentioned = (changes.mentions ?? []).filter((id) => !before.row.mentions.includes(id));
    await notifyMentions(
      tx,
      actor,
      { ...before.row, body: changes.body ?? before.row.body },
      mentioned,
      network,
    );
    return { action: 'update', id: postId, before };
  });
  // Its history gains this edit only after the post is read back.
  return presentPost(actor, { ...written, editedAt: written.row.updatedAt });
}

/**
 * Deletes or restores a post: its author, or an editor of a coordinator as moderation. A deleted post stays in its
 * thread, marked deleted, with its replies; its history keeps what it said.
 */
export async function setPostDeleted(
  db: DbOrTx,
  actor: Actor | null,
  networkId: number,
  postId: number,
  version: number,
  deleted: boolean,
) {
  const written = await writeRecord(db, actor, postRecord, async (tx) => {
    const { roles } = await openDiscussion(tx, actor, networkId);
    const before = await readPost(tx, actor, networkId, postId, true);
    authorize(actor, policy.removePost(actor, before.row, roles.coordinatorIds));
    if ((before.row.deletedAt !== null) === deleted)
      throw new AppError('CONFLICT', deleted ? 'The post is already deleted' : 'The post is not deleted');
    await assertVersion(before.row, version, () => presentPost(actor, before));
    await postRecord.update(tx, postId, { deletedAt: deleted ? new Date() : null });
    return { action: deleted ? 'delete' : 'restore', id: postId, before };
  });
  return presentPost(actor, written);
}

/**
 * A post's history, oldest first: every version of its text, and its deletions and restorations, with who made
 * each by name.
 */
export async function postHistory(db: DbOrTx, actor: Actor | null, networkId: number, postId: number) {
  await openDiscussion(db, actor, networkId);
  await readPost(db, actor, networkId, postId);
  return groupHistory(db, 'network_post', postId);
}
