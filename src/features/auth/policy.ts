import { AppError } from '../../core/errors.ts';
import type { Actor } from './actor.ts';

/**
 * Every decision of who may read or write what is made here, from two facts about a record: whether it is
 * published, and which organisations stand behind it (the parties of a tie and the governments of party
 * places, the keeper of a person or organisation, the owner of an activity log). Routes and services ask; they
 * never decide.
 */
export interface Stake {
  visibility: 'published' | 'internal';
  /** The organisations whose members may see the record's internal data and whose editors may change it. */
  organizationIds: readonly number[];
}

/**
 * What an actor may read in a list, for queries that filter in the database: everything (administrators), or
 * published records and the internal ones of these organisations (none for anonymous actors).
 */
export type ReadScope = { all: true } | { all: false; organizationIds: readonly number[] };

function memberOfAny(actor: Actor, organizationIds: readonly number[]): boolean {
  return organizationIds.some((id) => actor.memberships.has(id));
}

function editorOfAny(actor: Actor, organizationIds: readonly number[]): boolean {
  return organizationIds.some((id) => actor.memberships.get(id) === 'editor');
}

export const policy = {
  /** The same rule as `read`, for lists filtered in the database. */
  readScope(actor: Actor | null): ReadScope {
    if (actor?.isAdmin) return { all: true };
    return { all: false, organizationIds: actor ? [...actor.memberships.keys()] : [] };
  },

  /** Published records are public; internal ones are for members of the organisations behind them. */
  read(actor: Actor | null, stake: Stake): boolean {
    if (stake.visibility === 'published') return true;
    return !!actor && (actor.isAdmin || memberOfAny(actor, stake.organizationIds));
  },

  /** Internal notes and personal contact data: members of the organisations behind the record. */
  readInternal(actor: Actor | null, stake: Pick<Stake, 'organizationIds'>): boolean {
    return !!actor && (actor.isAdmin || memberOfAny(actor, stake.organizationIds));
  },

  /** Changing, ending, deleting and restoring a record: editors of the organisations behind it. */
  write(actor: Actor | null, stake: Pick<Stake, 'organizationIds'>): boolean {
    return !!actor && (actor.isAdmin || editorOfAny(actor, stake.organizationIds));
  },

  /** Creating a record kept by, or a tie with a party represented by, one of these organisations. */
  create(actor: Actor | null, organizationIds: readonly number[]): boolean {
    return !!actor && (actor.isAdmin || editorOfAny(actor, organizationIds));
  },

  /**
   * Taking a party out of a tie: an editor of an organisation that speaks for that party. Co-parties may edit a
   * tie, but not push one another out of it.
   */
  removeParty(actor: Actor | null, partyOrganizationIds: readonly number[]): boolean {
    return !!actor && (actor.isAdmin || editorOfAny(actor, partyOrganizationIds));
  },

  /**
   * Taking a host off an event: an editor of that host. Co-hosts run an event together, but not push one another
   * out of it.
   */
  removeHost(actor: Actor | null, hostOrganizationIds: readonly number[]): boolean {
    return !!actor && (actor.isAdmin || editorOfAny(actor, hostOrganizationIds));
  },

  /** Confirming a tie for one party: an editor of an organisation that speaks for that party. */
  confirm(actor: Actor | null, partyOrganizationIds: readonly number[]): boolean {
    return !!actor && (actor.isAdmin || editorOfAny(actor, partyOrganizationIds));
  },

  /**
   * Answering an invitation to an event and naming its delegates: an editor of the invited organisation, or of a
   * government of the invited place (who speaks for a place comes from the registry, not from the invitee).
   */
  answerInvitation(actor: Actor | null, inviteeOrganizationIds: readonly number[]): boolean {
    return !!actor && (actor.isAdmin || editorOfAny(actor, inviteeOrganizationIds));
  },

  /**
   * Deciding who speaks for a place: giving a government organisation a place or a kind, or adding a second
   * government to a place. Tie rights derive from it, so no tenant may change it about itself.
   */
  assignSpeaker(actor: Actor | null): boolean {
    return !!actor?.isAdmin;
  },

  /**
   * Running a network or working group (its members list, working groups and campaigns, reminders and results):
   * editors of its coordinating organisations, which come from the network's records (see networks.roles.ts).
   */
  coordinate(actor: Actor | null, coordinatorOrganizationIds: readonly number[]): boolean {
    return !!actor && (actor.isAdmin || editorOfAny(actor, coordinatorOrganizationIds));
  },

  /**
   * Appointing a network's coordinators: editors of its secretariat or administrators. A coordinator never
   * appoints itself; a secretariat is set by administrators (`administer`).
   */
  appointCoordinators(actor: Actor | null, secretariatOrganizationIds: readonly number[]): boolean {
    return !!actor && (actor.isAdmin || editorOfAny(actor, secretariatOrganizationIds));
  },

  /** What a group keeps for itself (its discussion, its campaigns): members of its members and coordinators. */
  readGroup(actor: Actor | null, groupOrganizationIds: readonly number[]): boolean {
    return !!actor && (actor.isAdmin || memberOfAny(actor, groupOrganizationIds));
  },

  /**
   * Writing in a group's discussion for an organisation: its members, viewers too (a post is its author's own words,
   * not a record the organisation keeps). Administrators are no exception: a post carries the organisation's name.
   */
  speakFor(actor: Actor | null, organizationId: number): boolean {
    return !!actor && actor.memberships.has(organizationId);
  },

  /** Changing a post: its author only, while still a member of the organisation it was written for. */
  editPost(actor: Actor | null, post: { authorId: number | null; organizationId: number }): boolean {
    return !!actor && actor.id === post.authorId && actor.memberships.has(post.organizationId);
  },

  /** Deleting or restoring a post: its author, or, as moderation, an editor of a coordinator of the group. */
  removePost(
    actor: Actor | null,
    post: { authorId: number | null },
    coordinatorOrganizationIds: readonly number[],
  ): boolean {
    return (
      !!actor &&
      (actor.id === post.authorId || actor.isAdmin || editorOfAny(actor, coordinatorOrganizationIds))
    );
  },

  /** Answering a campaign for a member organisation: that member's editors, never another member's. */
  answerFor(actor: Actor | null, memberOrganizationIds: readonly number[]): boolean {
    return !!actor && (actor.isAdmin || editorOfAny(actor, memberOrganizationIds));
  },

  /**
   * The activity logs the actor may read: those of their organisations, or every one (undefined) for
   * administrators. Contact logs are never public, so anonymous actors read none.
   */
  readableLogs(actor: Actor | null): number[] | undefined {
    if (!actor) return [];
    return actor.isAdmin ? undefined : [...actor.memberships.keys()];
  },

  /** Users, memberships, merges and other work on the whole registry. */
  administer(actor: Actor | null): boolean {
    return !!actor?.isAdmin;
  },

  /** Anything a signed-in user does for themself: their password, sessions and API tokens. */
  self(actor: Actor | null): boolean {
    return !!actor;
  },

  /** Creating an API token: in a signed-in session, so that a stolen token cannot make more of itself. */
  createToken(actor: Actor | null): boolean {
    return actor?.via === 'session';
  },
};

/** Throws 401 for anonymous requests and 403 for signed-in ones when `allowed` is false. */
export function authorize(actor: Actor | null, allowed: boolean): asserts actor is Actor {
  if (allowed) return;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to do this');
  throw new AppError('FORBIDDEN', 'You may not do this');
}
