import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { findReadableOrganizations } from '../organizations/organizations.service.ts';
import { findReadablePeople } from '../people/people.service.ts';
import { createRecord, presentKept, type RecordType, updateRecord } from '../records/records.service.ts';
import * as repo from './outcomes.repo.ts';
import type {
  CreateOutcomeBody,
  OutcomeListQuery,
  OutcomeResponse,
  UpdateOutcomeBody,
} from './outcomes.schema.ts';

/** An outcome as the service loads it: the record, what it links to and who stands behind each, its quotes. */
export interface LoadedOutcome {
  row: repo.OutcomeRow;
  links: repo.LinkRow[];
  stakes: Awaited<ReturnType<typeof repo.findLinkStakes>>;
  testimonials: repo.TestimonialRow[];
  organizationName: string;
}

/** The organisation that records an outcome stands behind it: published for anyone, else for its members. */
export function outcomeStake(row: Pick<repo.OutcomeRow, 'visibility' | 'organizationId'>): Stake {
  return { visibility: row.visibility, organizationIds: [row.organizationId] };
}

function linksOf(links: readonly repo.LinkRow[]): repo.OutcomeLinks {
  const of = (key: 'partnershipId' | 'eventId' | 'supportRequestId' | 'organizationId') =>
    links.flatMap((link) => (link[key] === null ? [] : [link[key]!])).sort((a, b) => a - b);
  return {
    partnershipIds: of('partnershipId'),
    eventIds: of('eventId'),
    supportRequestIds: of('supportRequestId'),
    organizationIds: of('organizationId'),
  };
}

/**
 * The outcome as the reader may see it: what it links to only where the reader may read that record (an internal
 * tie, event or organisation of others stays unnamed), the consent notes only for the recording organisation's
 * people. An internal outcome, its value and its quotes never reach a reader outside it: `read` decides first.
 */
export function presentOutcome(actor: Actor | null, loaded: LoadedOutcome): OutcomeResponse {
  const { row, stakes } = loaded;
  const links = linksOf(loaded.links);
  const readable = (map: Map<number, repo.LinkStake>) => (id: number) => {
    const stake = map.get(id);
    return stake !== undefined && policy.read(actor, stake);
  };
  const insider = policy.readInternal(actor, outcomeStake(row));
  return {
    id: row.id,
    kind: row.kind,
    achievedOn: row.achievedOn,
    title: row.title,
    description: row.description,
    value: row.value !== null && row.currency !== null ? { amount: row.value, currency: row.currency } : null,
    evidenceUrl: row.evidenceUrl,
    organizationId: row.organizationId,
    organizationName: loaded.organizationName,
    visibility: row.visibility,
    partnershipIds: links.partnershipIds.filter(readable(stakes.ties)),
    eventIds: links.eventIds.filter(readable(stakes.events)),
    supportRequestIds: links.supportRequestIds.filter(readable(stakes.requests)),
    organizations: links.organizationIds
      .filter(readable(stakes.organizations))
      .map((id) => ({ id, name: stakes.organizations.get(id)?.name ?? '' })),
    testimonials: loaded.testimonials.map((quote) => ({
      person: { id: quote.personId, name: quote.personName },
      quote: quote.quote,
      consentOn: quote.consentOn,
      consentNote: insider ? quote.consentNote : null,
    })),
    ...presentKept(row),
    canEdit: !row.deletedAt && policy.write(actor, outcomeStake(row)),
  };
}

async function loadMany(db: DbOrTx, rows: readonly repo.OutcomeRow[]): Promise<LoadedOutcome[]> {
  const ids = rows.map((row) => row.id);
  // One query at a time: `db` may be a transaction's single connection.
  const links = await repo.findLinks(db, ids);
  const testimonials = await repo.findTestimonials(db, ids);
  const names = await repo.findOrganizationNames(
    db,
    rows.map((row) => row.organizationId),
  );
  const stakes = await repo.findLinkStakes(db, links);
  return rows.map((row) => ({
    row,
    links: links.filter((link) => link.outcomeId === row.id),
    stakes,
    testimonials: testimonials.filter((quote) => quote.outcomeId === row.id),
    organizationName: names.get(row.organizationId) ?? '',
  }));
}

export const outcomeRecord: RecordType<
  LoadedOutcome,
  OutcomeResponse,
  repo.OutcomeInsert,
  repo.OutcomeChanges
> = {
  entity: 'outcome',
  noun: 'outcome',
  notFound: (id) => new AppError('OUTCOME_NOT_FOUND', `No outcome ${id}`),
  async load(db, id, lock) {
    const row = await repo.findOutcome(db, id, lock);
    return row ? (await loadMany(db, [row]))[0] : undefined;
  },
  insert: repo.insertOutcome,
  update: repo.updateOutcome,
  stake: ({ row }) => outcomeStake(row),
  audited: ({ row, links, testimonials }) => {
    const { createdAt: _c, updatedAt: _u, id: _id, ...fields } = row;
    return {
      ...fields,
      deletedAt: row.deletedAt?.toISOString() ?? null,
      ...linksOf(links),
      testimonials: testimonials.map(({ outcomeId: _o, personName: _n, ...quote }) => quote),
    };
  },
  present: presentOutcome,
};

type LinkBody = Partial<repo.OutcomeLinks> & {
  organizationId?: number;
  testimonials?: { personId: number }[];
};

/**
 * Every link must point at a record the actor may read, answered as one that does not exist otherwise (so links
 * cannot probe for internal records); a support request only one of the actor's own organisations keeps. Links the
 * outcome has already were shown to the actor with it and stay without a check.
 */
async function checkLinks(db: DbOrTx, actor: Actor | null, body: LinkBody, current?: LoadedOutcome) {
  const had = current ? linksOf(current.links) : undefined;
  const added = (list: number[] | undefined, linked: number[] | undefined) =>
    (list ?? []).filter((id) => !(linked ?? []).includes(id));
  const ties = added(body.partnershipIds, had?.partnershipIds);
  const events = added(body.eventIds, had?.eventIds);
  const requests = added(body.supportRequestIds, had?.supportRequestIds);
  const organizations = added(body.organizationIds, had?.organizationIds);
  const stakes = await repo.findLinkStakes(db, [
    ...ties.map((partnershipId) => linkRow({ partnershipId })),
    ...events.map((eventId) => linkRow({ eventId })),
    ...requests.map((supportRequestId) => linkRow({ supportRequestId })),
  ]);
  const readableOrgs = await findReadableOrganizations(db, actor, [
    ...organizations,
    ...(body.organizationId !== undefined ? [body.organizationId] : []),
  ]);
  const people = [
    ...new Set(
      (body.testimonials ?? [])
        .map((quote) => quote.personId)
        .filter((id) => !current?.testimonials.some((quote) => quote.personId === id)),
    ),
  ];
  const readablePeople = await findReadablePeople(db, actor, people);
  const details: ErrorDetail[] = [];
  const check = (field: string, list: number[] | undefined, fresh: number[], ok: (id: number) => boolean) => {
    for (const [index, id] of (list ?? []).entries())
      if (fresh.includes(id) && !ok(id))
        details.push({ field: `body.${field}.${index}`, message: `${id} does not exist` });
  };
  const readableIn = (map: Map<number, repo.LinkStake>) => (id: number) => {
    const stake = map.get(id);
    return stake !== undefined && policy.read(actor, stake);
  };
  if (body.organizationId !== undefined && !readableOrgs.has(body.organizationId))
    details.push({ field: 'body.organizationId', message: 'is not a known organisation' });
  check('partnershipIds', body.partnershipIds, ties, readableIn(stakes.ties));
  check('eventIds', body.eventIds, events, readableIn(stakes.events));
  check('supportRequestIds', body.supportRequestIds, requests, readableIn(stakes.requests));
  check('organizationIds', body.organizationIds, organizations, (id) => readableOrgs.has(id));
  for (const [index, quote] of (body.testimonials ?? []).entries())
    if (people.includes(quote.personId) && !readablePeople.has(quote.personId))
      details.push({
        field: `body.testimonials.${index}.personId`,
        message: `${quote.personId} does not exist`,
      });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid request: unknown links', details);
}

const linkRow = (target: Partial<repo.LinkRow>): repo.LinkRow => ({
  id: 0,
  outcomeId: 0,
  partnershipId: null,
  eventId: null,
  supportRequestId: null,
  organizationId: null,
  ...target,
});

/** The columns of an outcome's value. */
function valueColumns(value: CreateOutcomeBody['value'] | undefined) {
  if (value === undefined) return {};
  return value === null ? { value: null, currency: null } : { value: value.amount, currency: value.currency };
}

/** Outcomes the reader may read, newest first, with their values summed per currency (never converted). */
export async function listOutcomes(db: DbOrTx, actor: Actor | null, query: OutcomeListQuery) {
  const rows = (await repo.listOutcomes(db, query)).filter((row) => policy.read(actor, outcomeStake(row)));
  const shown = rows.slice(0, query.limit);
  const items = (await loadMany(db, shown)).map((loaded) => presentOutcome(actor, loaded));
  const totals = new Map<string, { cents: bigint; count: number }>();
  for (const row of rows) {
    if (row.value === null || row.currency === null) continue;
    const total = totals.get(row.currency) ?? { cents: 0n, count: 0 };
    const [whole, fraction = ''] = row.value.split('.');
    total.cents += BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
    total.count += 1;
    totals.set(row.currency, total);
  }
  return {
    items,
    totals: [...totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, { cents, count }]) => ({
        currency,
        amount: `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`,
        count,
      })),
  };
}

export async function createOutcome(db: DbOrTx, actor: Actor | null, body: CreateOutcomeBody) {
  return createRecord(db, actor, outcomeRecord, async (tx) => {
    authorize(actor, policy.create(actor, [body.organizationId]));
    await checkLinks(tx, actor, body);
    const { value, ...fields } = body;
    return { ...fields, ...valueColumns(value) } as repo.OutcomeInsert;
  });
}

export async function updateOutcome(db: DbOrTx, actor: Actor | null, id: number, body: UpdateOutcomeBody) {
  const {
    version,
    partnershipIds,
    eventIds,
    supportRequestIds,
    organizationIds,
    testimonials,
    value,
    ...fields
  } = body;
  return updateRecord(db, actor, outcomeRecord, id, version, async (tx, before) => {
    if (fields.organizationId !== undefined && fields.organizationId !== before.row.organizationId)
      authorize(actor, policy.create(actor, [fields.organizationId]));
    await checkLinks(tx, actor, body, before);
    const current = linksOf(before.links);
    const linksChanged = partnershipIds || eventIds || supportRequestIds || organizationIds;
    return {
      ...fields,
      ...valueColumns(value),
      ...(linksChanged
        ? {
            links: {
              partnershipIds: partnershipIds ?? current.partnershipIds,
              eventIds: eventIds ?? current.eventIds,
              supportRequestIds: supportRequestIds ?? current.supportRequestIds,
              organizationIds: organizationIds ?? current.organizationIds,
            },
          }
        : {}),
      ...(testimonials ? { testimonials } : {}),
    };
  });
}
