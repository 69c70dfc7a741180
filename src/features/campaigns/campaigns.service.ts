import { todayKey } from '../../core/clock.ts';
import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assertVersion } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import { type NetworkRoles, networkRoles } from '../networks/networks.roles.ts';
import {
  createRecord,
  type LoadedRecord,
  presentKept,
  type RecordType,
  writeRecord,
} from '../records/records.service.ts';
import * as repo from './campaigns.repo.ts';
import {
  type CampaignDefinition,
  type CampaignListQuery,
  type CampaignQuestion,
  type CampaignResponse,
  type CreateCampaignBody,
  questionsOf,
  type UpdateCampaignBody,
} from './campaigns.schema.ts';

/** A campaign as the service loads it: the record, its target and who coordinates and answers it. */
export interface LoadedCampaign extends LoadedRecord {
  row: repo.CampaignRow;
  network: repo.NetworkRow;
  roles: NetworkRoles;
  /** The target's current members, by name. */
  members: { id: number; name: string }[];
}

export const campaignNotFound = (id: number) => new AppError('CAMPAIGN_NOT_FOUND', `No campaign ${id}`);

/** The definition as stored: it was checked whole when written. */
export const definitionOf = (row: repo.CampaignRow) => row.definition as unknown as CampaignDefinition;

/**
 * Who may see a campaign: the people of the organisations that coordinate its target, and, once it is open, the
 * people of its current members. A deleted campaign only to those who may restore it.
 */
export function mayReadCampaign(actor: Actor | null, loaded: Pick<LoadedCampaign, 'row' | 'roles'>): boolean {
  const { row, roles } = loaded;
  if (row.deletedAt) return policy.coordinate(actor, roles.coordinatorIds);
  if (policy.readGroup(actor, roles.coordinatorIds)) return true;
  return row.status !== 'draft' && policy.readGroup(actor, roles.memberIds);
}

function presentCampaign(actor: Actor | null, loaded: LoadedCampaign): CampaignResponse {
  const { row, network, roles, members } = loaded;
  return {
    id: row.id,
    networkId: row.networkId,
    network: { id: network.id, name: network.name, shortName: network.shortName },
    previousId: row.previousId,
    title: row.title,
    description: Object.keys(row.description).length > 0 ? row.description : null,
    countryCode: row.countryCode,
    definition: definitionOf(row),
    status: row.status,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    resultsSharedAt: row.resultsSharedAt?.toISOString() ?? null,
    canCoordinate: policy.coordinate(actor, roles.coordinatorIds),
    answerableFor: members.filter((member) => actor?.memberships.get(member.id) === 'editor'),
    ...presentKept(row),
    canEdit: policy.coordinate(actor, roles.coordinatorIds),
  };
}

export const campaignRecord: RecordType<
  LoadedCampaign,
  CampaignResponse,
  repo.CampaignInsert,
  repo.CampaignChanges
> = {
  entity: 'campaign',
  noun: 'campaign',
  notFound: campaignNotFound,
  async load(db, id, lock) {
    const row = await repo.findCampaign(db, id, lock);
    if (!row) return undefined;
    const network = await repo.findNetwork(db, row.networkId);
    // A campaign of a deleted network is gone with it.
    if (!network || network.deletedAt) return undefined;
    const roles = await networkRoles(db, row.networkId);
    const members = (await repo.findOrganizationNames(db, roles.memberIds)).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    return { row, network, roles, members };
  },
  insert: repo.insertCampaign,
  update: repo.updateCampaign,
  // The coordinators run a campaign: their people read it, their editors change it (members read it through
  // `mayReadCampaign`).
  stake: ({ roles }) => ({ visibility: 'internal', organizationIds: roles.coordinatorIds }),
  audited: ({ row }) => ({
    networkId: row.networkId,
    previousId: row.previousId,
    title: row.title,
    description: row.description,
    countryCode: row.countryCode,
    definition: row.definition,
    status: row.status,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    resultsSharedAt: row.resultsSharedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    version: row.version,
  }),
  present: presentCampaign,
};

/** A campaign the actor may see; one they may not see answers as one that does not exist. */
export async function readCampaign(db: DbOrTx, actor: Actor | null, id: number, lock = false) {
  const loaded = await campaignRecord.load(db, id, lock);
  if (!loaded || !mayReadCampaign(actor, loaded)) throw campaignNotFound(id);
  return loaded;
}

export async function getCampaign(db: DbOrTx, actor: Actor | null, id: number) {
  return presentCampaign(actor, await readCampaign(db, actor, id));
}

/** The campaigns the actor may see (none for anonymous readers), newest round first. */
export async function listCampaigns(db: DbOrTx, actor: Actor | null, query: CampaignListQuery) {
  if (!actor) return { items: [] };
  const rows = await repo.listCampaigns(db, {
    all: actor.isAdmin,
    organizationIds: [...actor.memberships.keys()],
    networkId: query.networkId,
    status: query.status,
  });
  // For the campaigns the reader's organisation coordinates (and that were opened): how many members submitted.
  const coordinated = rows.filter(
    (row) => row.status !== 'draft' && policy.readGroup(actor, row.coordinatorIds),
  );
  const tallies = await repo.findResponseTallies(
    db,
    coordinated.map((row) => row.id),
  );
  const members = new Map<number, readonly number[]>();
  for (const networkId of new Set(coordinated.map((row) => row.networkId)))
    members.set(networkId, (await networkRoles(db, networkId)).memberIds);
  const progressOf = (row: (typeof rows)[number]) => {
    if (!coordinated.includes(row)) return null;
    const tally = tallies.get(row.id);
    return {
      members: new Set([...(members.get(row.networkId) ?? []), ...(tally?.responded ?? [])]).size,
      submitted: tally?.submitted ?? 0,
    };
  };
  return {
    items: rows.map((row) => ({
      id: row.id,
      networkId: row.networkId,
      networkName: row.networkName,
      title: row.title,
      status: row.status,
      opensOn: row.opensOn,
      closesOn: row.closesOn,
      countryCode: row.countryCode,
      resultsSharedAt: row.resultsSharedAt === null ? null : new Date(row.resultsSharedAt).toISOString(),
      canCoordinate: policy.coordinate(actor, row.coordinatorIds),
      progress: progressOf(row),
      version: row.version,
    })),
  };
}

function invalid(details: ErrorDetail[]): never {
  throw new AppError(
    'VALIDATION_FAILED',
    `Invalid request: ${details.map((d) => d.field).join(', ')}`,
    details,
  );
}

/** What a campaign's definition needs of the campaign: a country for its registry tables. */
function needsOf(definition: CampaignDefinition, countryCode: string | null): ErrorDetail[] {
  if (countryCode) return [];
  return questionsOf(definition)
    .filter((question) => question.type === 'registry_table')
    .map((question) => ({
      field: 'body.countryCode',
      message: `is needed by the registry table ${question.key}: which country's ties does it list?`,
    }));
}

/** The earlier round a campaign may start from: a live campaign of the same target, not the campaign itself. */
async function checkPrevious(db: DbOrTx, previousId: number, networkId: number, ownId?: number) {
  const previous = await repo.findCampaign(db, previousId);
  if (!previous || previous.deletedAt || previous.networkId !== networkId || previous.id === ownId) {
    invalid([
      {
        field: 'body.previousId',
        message: 'is not an earlier campaign of the same network or working group',
      },
    ]);
  }
}

export async function createCampaign(db: DbOrTx, actor: Actor | null, body: CreateCampaignBody) {
  return createRecord(db, actor, campaignRecord, async (tx) => {
    const network = await repo.findNetwork(tx, body.networkId);
    const roles = network && !network.deletedAt ? await networkRoles(tx, network.id) : undefined;
    // An internal network the actor may not read answers as one that does not exist.
    if (
      !network ||
      !roles ||
      !(
        network.visibility === 'published' ||
        policy.readGroup(actor, [...roles.coordinatorIds, ...roles.memberIds])
      )
    ) {
      invalid([{ field: 'body.networkId', message: 'is not a known network or working group' }]);
    }
    authorize(actor, policy.coordinate(actor, roles.coordinatorIds));
    const countryCode = body.countryCode ?? network.countryCode;
    const details = needsOf(body.definition, countryCode);
    if (details.length > 0) invalid(details);
    if (body.previousId !== null) await checkPrevious(tx, body.previousId, network.id);
    return {
      networkId: network.id,
      previousId: body.previousId,
      title: body.title,
      description: body.description ?? {},
      countryCode,
      definition: body.definition,
      opensOn: body.opensOn,
      closesOn: body.closesOn,
      createdBy: actor.id,
    };
  });
}

/** A question without its texts: what answers depend on, which may not change once answers come in. */
function shapeOf(question: CampaignQuestion | object): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          // Stored as jsonb, keys come back in the database's order: compare them sorted.
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .filter(([key]) => !['label', 'help', 'minLabel', 'maxLabel', 'title', 'description'].includes(key))
          .map(([key, inner]) => [key, strip(inner)]),
      );
    }
    return value;
  };
  return JSON.stringify(strip(question));
}

/**
 * Once a campaign is open, members' answers rest on its questions: only texts may change. Every question stays,
 * with its type, options, bounds, fields, condition and whether it is required; none is added.
 */
export function structuralChanges(before: CampaignDefinition, after: CampaignDefinition): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const beforeQuestions = new Map(questionsOf(before).map((question) => [question.key, question]));
  const afterQuestions = new Map(questionsOf(after).map((question) => [question.key, question]));
  for (const [key, question] of beforeQuestions) {
    const changed = afterQuestions.get(key);
    if (!changed)
      details.push({
        field: 'body.definition',
        message: `question ${key} may not be removed once the campaign is open`,
      });
    else if (changed.type !== question.type)
      details.push({
        field: 'body.definition',
        message: `question ${key} may not change its type (${question.type}) once the campaign is open`,
      });
    else if (shapeOf(changed) !== shapeOf(question))
      details.push({
        field: 'body.definition',
        message: `question ${key}: only its texts may change once the campaign is open (not its options, bounds, fields, condition or whether it is required)`,
      });
  }
  for (const key of afterQuestions.keys())
    if (!beforeQuestions.has(key))
      details.push({
        field: 'body.definition',
        message: `question ${key} may not be added once the campaign is open`,
      });
  const sectionKeys = (definition: CampaignDefinition) =>
    JSON.stringify(
      definition.sections.map((section) => [section.key, section.questions.map((question) => question.key)]),
    );
  if (details.length === 0 && sectionKeys(before) !== sectionKeys(after))
    details.push({
      field: 'body.definition',
      message: 'sections and the order of questions may not change once the campaign is open',
    });
  return details;
}

interface CampaignChange {
  action: string;
  version: number;
  check?(before: LoadedCampaign): void;
  apply(tx: DbOrTx, before: LoadedCampaign): Promise<repo.CampaignChanges>;
}

/**
 * Changes a live campaign: for its coordinators' editors (a member who may see it gets 403), against the version
 * they read, in one audited transaction.
 */
async function changeCampaign(db: DbOrTx, actor: Actor | null, id: number, change: CampaignChange) {
  return writeRecord(db, actor, campaignRecord, async (tx) => {
    const before = await readCampaign(tx, actor, id, true);
    if (before.row.deletedAt) throw campaignNotFound(id);
    authorize(actor, policy.coordinate(actor, before.roles.coordinatorIds));
    change.check?.(before);
    await assertVersion(before.row, change.version, () => presentCampaign(actor, before));
    await repo.updateCampaign(tx, id, await change.apply(tx, before));
    return { action: change.action, id, before };
  });
}

function conflict(message: string, details: ErrorDetail[] = []): never {
  throw new AppError('CONFLICT', message, details);
}

/**
 * Changes a campaign. A draft may change anything but its target; once opened, its texts and dates only (see
 * `structuralChanges`), never its previous round or country.
 */
export async function updateCampaign(db: DbOrTx, actor: Actor | null, id: number, body: UpdateCampaignBody) {
  const { version, ...fields } = body;
  return changeCampaign(db, actor, id, {
    action: 'update',
    version,
    check({ row }) {
      if (row.status === 'draft') return;
      const locked = (['previousId', 'countryCode'] as const).filter(
        (field) => fields[field] !== undefined && fields[field] !== row[field],
      );
      const details: ErrorDetail[] = locked.map((field) => ({
        field: `body.${field}`,
        message: 'may not change once the campaign is open',
      }));
      if (fields.definition) details.push(...structuralChanges(definitionOf(row), fields.definition));
      if (details.length > 0)
        conflict(`The campaign is ${row.status}: only its texts and dates may change`, details);
    },
    async apply(tx, { row }) {
      const definition = fields.definition ?? definitionOf(row);
      const countryCode = fields.countryCode === undefined ? row.countryCode : fields.countryCode;
      const details = needsOf(definition, countryCode);
      const opensOn = fields.opensOn === undefined ? row.opensOn : fields.opensOn;
      const closesOn = fields.closesOn === undefined ? row.closesOn : fields.closesOn;
      if (opensOn && closesOn && closesOn < opensOn)
        details.push({ field: 'body.closesOn', message: 'must not be before opensOn' });
      if (details.length > 0) invalid(details);
      if (fields.previousId) await checkPrevious(tx, fields.previousId, row.networkId, row.id);
      const { description, ...rest } = fields;
      return { ...rest, ...(description === undefined ? {} : { description: description ?? {} }) };
    },
  });
}

export type CampaignAction = 'open' | 'close' | 'share_results';

/**
 * Opens a draft or closed campaign for answers (from today, unless it opened earlier), closes an open one, or
 * shares the results of one that has opened with the members.
 */
export async function actOnCampaign(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  action: CampaignAction,
  version: number,
  today = todayKey(),
) {
  return changeCampaign(db, actor, id, {
    action,
    version,
    check({ row }) {
      if (action === 'open') {
        if (row.status === 'open') conflict('The campaign is open already');
        if (row.closesOn && row.closesOn < today)
          conflict('The campaign closed on its closing date; move closesOn first', [
            { field: 'closesOn', message: `${row.closesOn} is past` },
          ]);
      }
      if (action === 'close' && row.status !== 'open') conflict('Only an open campaign can be closed');
      if (action === 'share_results') {
        if (row.status === 'draft') conflict('A draft has no results to share: open the campaign first');
        if (row.resultsSharedAt) conflict('The results are shared already');
      }
    },
    async apply(_tx, { row }) {
      switch (action) {
        case 'open':
          return { status: 'open', opensOn: row.opensOn && row.opensOn <= today ? row.opensOn : today };
        case 'close':
          return { status: 'closed' };
        case 'share_results':
          return { resultsSharedAt: new Date() };
        default: {
          const exhaustive: never = action;
          return exhaustive;
        }
      }
    },
  });
}
