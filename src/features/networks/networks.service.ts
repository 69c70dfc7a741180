import { AppError, type ErrorDetail, pgErrorCode } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { groupBy } from '../../lib/collections.ts';
import { assertVersion } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { findReadableOrganizations, organizationStake } from '../organizations/organizations.service.ts';
import {
  createRecord,
  presentKept,
  type RecordType,
  type Written,
  writeRecord,
} from '../records/records.service.ts';
import { groupHistory } from './group-history.ts';
import * as repo from './networks.repo.ts';
import { type NetworkRoles, networkRoles } from './networks.roles.ts';
import type {
  AddMemberBody,
  CreateNetworkBody,
  NetworkEventsResponse,
  NetworkListQuery,
  NetworkRecord,
  NetworkTiesResponse,
  SetCoordinatorsBody,
  UpdateMemberBody,
  UpdateNetworkBody,
} from './networks.schema.ts';

/** An organisation a network names (secretariat, coordinator, member), with what deciding its readability takes. */
interface NamedOrganization {
  id: number;
  name: string;
  visibility: 'published' | 'internal';
  keeperId: number | null;
}

/** A working group of a network, with who stands behind it, so that the presenter shows only readable ones. */
interface LoadedGroup {
  row: Awaited<ReturnType<typeof repo.findWorkingGroups>>[number];
  roles: NetworkRoles;
}

/**
 * A network or working group as the service loads it: the record; its parent (for a working group) and who runs
 * that; who coordinates it and who is a member (networks.roles.ts); the organisations it names; its members with
 * their places; and, for a network, its working groups.
 */
export interface LoadedNetwork {
  row: repo.NetworkRow;
  parent: repo.NetworkRow | null;
  parentRoles: NetworkRoles | null;
  roles: NetworkRoles;
  /** The secretariat that runs it: its own, or for a working group its network's. */
  secretariat: NamedOrganization | null;
  coordinators: NamedOrganization[];
  members: repo.MemberDetailRow[];
  /** The member organisations' records, to leave out those the reader may not read. */
  memberOrganizations: Map<number, NamedOrganization>;
  workingGroups: LoadedGroup[];
}

const notFound = (id: number) => new AppError('NETWORK_NOT_FOUND', `No network ${id}`);

/** Whether the actor may read a network: a published one, or an internal one of a group they are in; admins all. */
function mayReadLive(
  actor: Actor | null,
  visibility: 'published' | 'internal',
  roles: NetworkRoles,
): boolean {
  return visibility === 'published' || policy.readGroup(actor, [...roles.coordinatorIds, ...roles.memberIds]);
}

/**
 * Who may delete and restore it, and create it: administrators for a network, the coordinators of its network
 * for a working group.
 */
function mayKeep(actor: Actor | null, loaded: Pick<LoadedNetwork, 'row' | 'parentRoles'>): boolean {
  return loaded.row.kind === 'network'
    ? policy.administer(actor)
    : policy.coordinate(actor, loaded.parentRoles?.coordinatorIds ?? []);
}

/**
 * Whether the actor may read the network: a deleted one only if they may restore it; a working group also its
 * network's coordinators, who may delete it.
 */
export function mayReadNetwork(actor: Actor | null, loaded: LoadedNetwork): boolean {
  if (loaded.row.deletedAt) return mayKeep(actor, loaded);
  return (
    mayReadLive(actor, loaded.row.visibility, loaded.roles) ||
    (loaded.row.kind === 'working_group' && mayKeep(actor, loaded))
  );
}

async function loadOrganizations(
  db: DbOrTx,
  ids: readonly number[],
): Promise<Map<number, NamedOrganization>> {
  if (ids.length === 0) return new Map();
  const rows = await repo.findOrganizationStakes(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row]));
}

async function loadNetwork(db: DbOrTx, id: number, lock: boolean): Promise<LoadedNetwork | undefined> {
  // One query at a time: `db` may be a transaction, whose one connection cannot run queries side by side.
  const row = await repo.findNetwork(db, id, lock);
  if (!row) return undefined;
  const parent = row.parentId ? ((await repo.findNetwork(db, row.parentId)) ?? null) : null;
  const parentRoles = parent ? await networkRoles(db, parent.id) : null;
  const roles = await networkRoles(db, id);
  const coordinatorRows = await repo.findCoordinators(db, id);
  const members = await repo.findMembers(db, id);
  const secretariatId = row.secretariatId ?? parent?.secretariatId ?? null;
  const organizations = await loadOrganizations(db, [
    ...(secretariatId ? [secretariatId] : []),
    ...coordinatorRows.map((coordinator) => coordinator.id),
    ...members.flatMap((member) => (member.organizationId ? [member.organizationId] : [])),
  ]);
  const workingGroups: LoadedGroup[] = [];
  if (row.kind === 'network')
    for (const group of await repo.findWorkingGroups(db, id, { all: true }))
      workingGroups.push({ row: group, roles: await networkRoles(db, group.id) });
  return {
    row,
    parent,
    parentRoles,
    roles,
    secretariat: secretariatId ? (organizations.get(secretariatId) ?? null) : null,
    coordinators: coordinatorRows.flatMap((coordinator) => organizations.get(coordinator.id) ?? []),
    members,
    memberOrganizations: organizations,
    workingGroups,
  };
}

/** The network's texts and references, as the API and its history show them. */
function networkFields(row: repo.NetworkRow) {
  const {
    kind,
    parentId,
    name,
    shortName,
    description,
    theme,
    countryCode,
    secretariatId,
    website,
    foundedOn,
  } = row;
  return {
    kind,
    parentId,
    name,
    shortName,
    description,
    theme,
    countryCode,
    secretariatId,
    website,
    foundedOn,
  };
}

const organizationReadable = (actor: Actor | null, organization: NamedOrganization) =>
  policy.read(actor, organizationStake(organization));

export function presentNetwork(actor: Actor | null, loaded: LoadedNetwork): NetworkRecord {
  const { row, roles, parent, parentRoles } = loaded;
  const coordinates = policy.coordinate(actor, roles.coordinatorIds);
  const secretariatIds = loaded.secretariat ? [loaded.secretariat.id] : [];
  const named = (organization: NamedOrganization | null) =>
    organization && organizationReadable(actor, organization)
      ? { id: organization.id, name: organization.name }
      : null;
  return {
    id: row.id,
    ...networkFields(row),
    parent:
      parent && parentRoles && !parent.deletedAt && mayReadLive(actor, parent.visibility, parentRoles)
        ? { id: parent.id, name: parent.name, shortName: parent.shortName }
        : null,
    secretariat: named(loaded.secretariat),
    coordinators: loaded.coordinators.flatMap((organization) => named(organization) ?? []),
    members: loaded.members.flatMap((member) => {
      if (member.organizationId) {
        const organization = loaded.memberOrganizations.get(member.organizationId);
        if (!organization || !organizationReadable(actor, organization)) return [];
      }
      return [
        {
          id: member.id,
          type: member.placeId ? ('place' as const) : ('organization' as const),
          placeId: member.placeId,
          organizationId: member.organizationId,
          name: member.name,
          kind: member.kind,
          country: member.country,
          location:
            member.lat !== null && member.lng !== null
              ? { lat: Number(member.lat), lng: Number(member.lng) }
              : null,
          joinedOn: member.joinedOn,
          leftOn: member.leftOn,
          current: member.current,
        },
      ];
    }),
    workingGroups: loaded.workingGroups
      .filter((group) => coordinates || mayReadLive(actor, group.row.visibility, group.roles))
      .map(({ row: group }) => group),
    viewer: actor
      ? {
          coordinates,
          canAppointCoordinators: policy.appointCoordinators(actor, secretariatIds),
          canCreateWorkingGroup: row.kind === 'network' && !row.deletedAt && coordinates,
          canSetSecretariat: policy.administer(actor),
          canDelete: mayKeep(actor, loaded),
          memberOrganizationIds: roles.memberIds
            .filter((id) => actor.memberships.has(id))
            .sort((a, b) => a - b),
        }
      : null,
    visibility: row.visibility,
    ...presentKept(row),
    canEdit: !row.deletedAt && coordinates,
  };
}

/**
 * The lifecycle's view of a network. Its stake names the coordinators: the lifecycle's generic checks then allow
 * no more than coordinating does. Reads go through `readNetwork`, which lets members read an internal network too.
 */
export const networkRecord: RecordType<
  LoadedNetwork,
  NetworkRecord,
  repo.NetworkInsert,
  repo.NetworkChanges
> = {
  entity: 'network',
  noun: 'network',
  notFound,
  load: loadNetwork,
  insert: repo.insertNetwork,
  update: repo.updateNetwork,
  stake: ({ row, roles }): Stake => ({ visibility: row.visibility, organizationIds: roles.coordinatorIds }),
  audited: ({ row, coordinators, members }) => ({
    ...networkFields(row),
    visibility: row.visibility,
    coordinatorIds: coordinators.map((coordinator) => coordinator.id).sort((a, b) => a - b),
    members: members.map(({ id, placeId, organizationId, joinedOn, leftOn }) => ({
      id,
      placeId,
      organizationId,
      joinedOn,
      leftOn,
    })),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    version: row.version,
  }),
  present: presentNetwork,
  writeError: (error) => {
    // Two coordinators adding the same member at once: the second meets the unique key.
    if (pgErrorCode(error) === '23505')
      throw new AppError('CONFLICT', 'It is a member already', [
        { field: 'body', message: 'is a member already' },
      ]);
    throw error;
  },
};

/** A network the actor may read (a deleted one only if they may restore it); 404 otherwise. */
export async function readNetwork(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  lock = false,
): Promise<LoadedNetwork> {
  const loaded = await loadNetwork(db, id, lock);
  if (!loaded || !mayReadNetwork(actor, loaded)) throw notFound(id);
  return loaded;
}

/** A network or working group as the API answers it. */
export async function getNetwork(db: DbOrTx, actor: Actor | null, id: number): Promise<NetworkRecord> {
  return presentNetwork(actor, await readNetwork(db, actor, id));
}

/** Its history, for its members, its coordinators and administrators. */
export async function networkHistory(db: DbOrTx, actor: Actor | null, id: number) {
  const loaded = await readNetwork(db, actor, id);
  authorize(actor, policy.readGroup(actor, [...loaded.roles.coordinatorIds, ...loaded.roles.memberIds]));
  return groupHistory(db, 'network', id);
}

/** Networks and working groups the actor may read, filtered. */
export async function listNetworks(db: DbOrTx, actor: Actor | null, query: NetworkListQuery) {
  const { organizationId, ...filter } = query;
  if (
    organizationId !== undefined &&
    !(await findReadableOrganizations(db, actor, [organizationId])).has(organizationId)
  )
    throw new AppError('ORGANIZATION_NOT_FOUND', `No organisation ${organizationId}`);
  const rows = await repo.listNetworks(db, { ...filter, organizationId, scope: policy.readScope(actor) });
  return {
    items: rows.map(({ coordinates, member, ...row }) => ({
      ...row,
      ...(organizationId !== undefined ? { relation: { coordinates: !!coordinates, member: !!member } } : {}),
    })),
  };
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `Invalid request: ${field}`, [{ field, message }]);
}

/** The secretariat must be a live organisation. */
async function checkSecretariat(db: DbOrTx, secretariatId: number | null | undefined) {
  if (!secretariatId) return;
  const [organization] = await repo.findOrganizationStakes(db, [secretariatId], { live: true });
  if (!organization) throw invalid('body.secretariatId', 'is not a known organisation');
}

/**
 * Creates a network (administrators) or a working group of a network (its coordinators). Only administrators name
 * a secretariat.
 */
export async function createNetwork(db: DbOrTx, actor: Actor | null, body: CreateNetworkBody) {
  return createRecord(db, actor, networkRecord, async (tx) => {
    if (body.kind === 'network') authorize(actor, policy.administer(actor));
    else {
      const parent = await loadNetwork(tx, body.parentId!, false);
      if (!parent || parent.row.deletedAt || !mayReadNetwork(actor, parent))
        throw invalid('body.parentId', 'is not a known network');
      authorize(actor, policy.coordinate(actor, parent.roles.coordinatorIds));
      if (parent.row.kind !== 'network')
        throw invalid('body.parentId', 'is a working group: working groups belong to a network');
    }
    if (body.secretariatId !== null) authorize(actor, policy.administer(actor));
    await checkSecretariat(tx, body.secretariatId);
    return body;
  });
}

/** What a change to a network takes: who may make it, a state it must be in, the version read, and the write. */
interface NetworkChange {
  action: string;
  /** Whether the change is for a live network only (not a deleted one). */
  live?: boolean;
  allowed(before: LoadedNetwork): boolean;
  check?(before: LoadedNetwork): void;
  version?: number;
  apply(tx: DbOrTx, before: LoadedNetwork): Promise<void>;
}

/**
 * Changes a network in one transaction: locks and reads it (not found unless readable), checks the actor's right,
 * its state and the version read, writes, and records the audit event with the network before and after.
 */
function changeNetwork(db: DbOrTx, actor: Actor | null, id: number, change: NetworkChange) {
  return writeRecord(db, actor, networkRecord, async (tx): Promise<Written<LoadedNetwork>> => {
    const before = await readNetwork(tx, actor, id, true);
    if ((change.live ?? true) && before.row.deletedAt) throw notFound(id);
    authorize(actor, change.allowed(before));
    change.check?.(before);
    if (change.version !== undefined)
      await assertVersion(before.row, change.version, () => presentNetwork(actor, before));
    await change.apply(tx, before);
    return { action: change.action, id, before };
  });
}

const coordinates = (actor: Actor | null) => (loaded: LoadedNetwork) =>
  policy.coordinate(actor, loaded.roles.coordinatorIds);

/** Changes a network's texts and settings (its coordinators); its secretariat only administrators. */
export async function updateNetwork(db: DbOrTx, actor: Actor | null, id: number, body: UpdateNetworkBody) {
  const { version, ...fields } = body;
  return changeNetwork(db, actor, id, {
    action: 'update',
    version,
    allowed: (before) =>
      coordinates(actor)(before) &&
      (fields.secretariatId === undefined ||
        fields.secretariatId === before.row.secretariatId ||
        policy.administer(actor)),
    apply: async (tx) => {
      await checkSecretariat(tx, fields.secretariatId);
      await repo.updateNetwork(tx, id, fields);
    },
  });
}

/**
 * Deletes or restores a network (administrators) or a working group (its network's coordinators). A network with
 * live working groups is not deleted; a working group of a deleted network is not restored.
 */
export async function setNetworkDeleted(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  version: number,
  deleted: boolean,
) {
  return changeNetwork(db, actor, id, {
    action: deleted ? 'delete' : 'restore',
    live: false,
    version,
    allowed: (before) => mayKeep(actor, before),
    check: (before) => {
      if ((before.row.deletedAt !== null) === deleted)
        throw new AppError(
          'CONFLICT',
          deleted ? 'The network is already deleted' : 'The network is not deleted',
        );
      if (deleted && before.workingGroups.length > 0)
        throw new AppError('NETWORK_HAS_WORKING_GROUPS', 'The network has working groups: delete them first');
      if (!deleted && before.parent?.deletedAt)
        throw new AppError(
          'NETWORK_PARENT_DELETED',
          'The working group’s network is deleted: restore it first',
        );
    },
    apply: async (tx) => {
      // Its members answer its campaigns: a running one would lose its target.
      if (deleted && (await repo.hasUnclosedCampaigns(tx, id)))
        throw new AppError(
          'NETWORK_HAS_OPEN_CAMPAIGNS',
          'The network has campaigns that are not closed: close or delete them first',
        );
      await repo.updateNetwork(tx, id, { deletedAt: deleted ? new Date() : null });
    },
  });
}

/**
 * Checks who a new member is: a live place, or a live organisation the actor may read; for a working group, a
 * current member of its network (a member organisation, or the government of a member place, counts).
 */
async function checkNewMember(db: DbOrTx, actor: Actor, before: LoadedNetwork, body: AddMemberBody) {
  if (body.placeId !== undefined) {
    if (!(await repo.findLivePlace(db, body.placeId))) throw invalid('body.placeId', 'is not a known place');
  } else {
    const id = body.organizationId!;
    const [live] = await repo.findOrganizationStakes(db, [id], { live: true });
    if (!live || !organizationReadable(actor, live))
      throw invalid('body.organizationId', 'is not a known organisation');
  }
  if (before.parent) {
    const field = body.placeId !== undefined ? 'body.placeId' : 'body.organizationId';
    // A place is a member itself; an organisation is one itself or as the government of a member place.
    const inParent =
      body.placeId !== undefined
        ? await repo.findMembershipOf(db, before.parent.id, { placeId: body.placeId })
        : undefined;
    const isMember =
      body.placeId !== undefined
        ? !!inParent && (inParent.leftOn === null || inParent.leftOn >= today())
        : !!before.parentRoles?.memberIds.includes(body.organizationId!);
    if (!isMember)
      throw new AppError(
        'VALIDATION_FAILED',
        'A working group’s members must be current members of its network: add it to the network first',
        [{ field, message: 'is not a current member of the working group’s network' }],
      );
  }
  const existing = await repo.findMembershipOf(db, before.row.id, body);
  if (existing)
    throw new AppError(
      'CONFLICT',
      `It is a member already (membership ${existing.id}): change its dates instead`,
      [
        {
          field: body.placeId !== undefined ? 'body.placeId' : 'body.organizationId',
          message: 'is a member already',
        },
      ],
    );
}

/** Today's date in the database's terms (YYYY-MM-DD, UTC). */
const today = () => new Date().toISOString().slice(0, 10);

/** Adds a member to a network or working group: for its coordinators; never by a member about itself. */
export async function addMember(db: DbOrTx, actor: Actor | null, id: number, body: AddMemberBody) {
  return changeNetwork(db, actor, id, {
    action: 'add_member',
    allowed: coordinates(actor),
    apply: async (tx, before) => {
      await checkNewMember(tx, actor!, before, body);
      await repo.insertMember(tx, {
        networkId: id,
        placeId: body.placeId ?? null,
        organizationId: body.organizationId ?? null,
        joinedOn: body.joinedOn,
        leftOn: body.leftOn,
        addedBy: actor!.id,
      });
    },
  });
}

/** A member of this network, else 404. */
async function memberOf(db: DbOrTx, networkId: number, memberId: number) {
  const member = await repo.findMember(db, networkId, memberId);
  if (!member)
    throw new AppError('NETWORK_MEMBER_NOT_FOUND', `No member ${memberId} in network ${networkId}`);
  return member;
}

/** Refuses to end a membership of a network while the member is in one of its working groups. */
async function refuseWhileInGroups(db: DbOrTx, before: LoadedNetwork, member: repo.MemberRow) {
  if (before.row.kind !== 'network') return;
  const groups = await repo.findGroupsHolding(db, before.row.id, member);
  if (groups.length > 0)
    throw new AppError(
      'CONFLICT',
      `It is a member of ${groups.length === 1 ? 'a working group' : `${groups.length} working groups`} of the ` +
        'network: take it out of them first',
      groups.map((group) => ({ field: 'workingGroups', message: `working group ${group.id}` })),
    );
}

/** Changes the dates of a membership: for the coordinators. */
export async function updateMember(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  memberId: number,
  body: UpdateMemberBody,
) {
  return changeNetwork(db, actor, id, {
    action: 'update_member',
    allowed: coordinates(actor),
    apply: async (tx, before) => {
      const member = await memberOf(tx, id, memberId);
      const joinedOn = body.joinedOn === undefined ? member.joinedOn : body.joinedOn;
      const leftOn = body.leftOn === undefined ? member.leftOn : body.leftOn;
      const details: ErrorDetail[] = [];
      if (joinedOn && leftOn && leftOn < joinedOn)
        details.push({ field: 'body.leftOn', message: 'must not be before joinedOn' });
      if (details.length > 0)
        throw new AppError('VALIDATION_FAILED', 'Invalid request: body.leftOn', details);
      if (leftOn !== null && leftOn < today()) await refuseWhileInGroups(tx, before, member);
      await repo.updateMember(tx, memberId, { joinedOn, leftOn });
    },
  });
}

/** Takes a member off the list (its history keeps it): for the coordinators. */
export async function removeMember(db: DbOrTx, actor: Actor | null, id: number, memberId: number) {
  return changeNetwork(db, actor, id, {
    action: 'remove_member',
    allowed: coordinates(actor),
    apply: async (tx, before) => {
      const member = await memberOf(tx, id, memberId);
      await refuseWhileInGroups(tx, before, member);
      await repo.deleteMember(tx, memberId);
    },
  });
}

/**
 * Appoints the organisations that coordinate a network or working group: editors of the secretariat (for a
 * working group, its network's) and administrators; a coordinator never appoints itself.
 */
export async function setCoordinators(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  body: SetCoordinatorsBody,
) {
  return changeNetwork(db, actor, id, {
    action: 'set_coordinators',
    version: body.version,
    allowed: (before) => policy.appointCoordinators(actor, before.secretariat ? [before.secretariat.id] : []),
    apply: async (tx, before) => {
      const current = new Set(before.coordinators.map((coordinator) => coordinator.id));
      const organizations = await repo.findOrganizationStakes(tx, body.organizationIds, { live: true });
      const known = new Map(organizations.map((organization) => [organization.id, organization]));
      const details = body.organizationIds.flatMap((organizationId, index) => {
        const organization = known.get(organizationId);
        // One already appointed stays without a check: it was shown with the network.
        return current.has(organizationId) || (organization && organizationReadable(actor, organization))
          ? []
          : [{ field: `body.organizationIds.${index}`, message: 'is not a known organisation' }];
      });
      if (details.length > 0)
        throw new AppError('VALIDATION_FAILED', 'Invalid request: body.organizationIds', details);
      await repo.replaceCoordinators(tx, id, body.organizationIds, actor!.id);
      await repo.updateNetwork(tx, id, {});
    },
  });
}

/**
 * The ties of the network's current members with places (or organisations based) in a country: all C21 cities'
 * ties with China. Only ties the actor may read; the country is the working group's without one asked.
 */
export async function networkTies(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  country: string | undefined,
): Promise<NetworkTiesResponse> {
  const loaded = await readNetwork(db, actor, id);
  if (loaded.row.deletedAt) throw notFound(id);
  const code = country ?? loaded.row.countryCode;
  if (!code) throw invalid('querystring.country', 'is needed: the network is not about one country');
  const rows = await repo.findMemberTies(db, id, code, policy.readScope(actor));
  return { country: code, items: rows as NetworkTiesResponse['items'] };
}

/** The events the network ran: those its secretariat or coordinators host, that the actor may read. */
export async function networkEvents(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
): Promise<NetworkEventsResponse> {
  const loaded = await readNetwork(db, actor, id);
  if (loaded.row.deletedAt) throw notFound(id);
  const rows = await repo.findHostedEvents(db, loaded.roles.coordinatorIds, policy.readScope(actor));
  const hosts = groupBy(
    await repo.findEventHosts(
      db,
      rows.map((row) => row.id),
    ),
    (host) => host.eventId,
  );
  const venues = new Map(
    (
      await repo.findPlacesById(
        db,
        rows.flatMap((row) => (row.venuePlaceId ? [row.venuePlaceId] : [])),
      )
    ).map((place) => [place.id, place]),
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      title: row.title,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      timeZone: row.timeZone,
      venue: (row.venuePlaceId && venues.get(row.venuePlaceId)) || null,
      hosts: (hosts.get(row.id) ?? []).map(({ id: hostId, name }) => ({ id: hostId, name })),
    })),
  };
}
