import { todayKey } from '../../core/clock.ts';
import { AppError, type ErrorDetail, pgErrorCode } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assertVersion } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { findGovernmentsOf } from '../organizations/organizations.service.ts';
import { findTieProvenance } from '../places/places.service.ts';
import {
  assertWritable,
  createRecord,
  presentKept,
  type RecordType,
  readRecord,
  updateRecord,
  writeRecord,
} from '../records/records.service.ts';
import { bumpRegistryRevision, findPartnerPlaceIds, recountPartners } from '../registry/registry.service.ts';
import { SINGLE_TIE_KINDS } from './partnerships.constants.ts';
import { computeTieDates } from './partnerships.dates.ts';
import {
  type CreatePartnershipBody,
  type PartnershipRecord,
  type PartyInput,
  partyKeyFor,
  type UpdatePartnershipBody,
} from './partnerships.schema.ts';
import { findTieSides, type TieSides } from './partnerships.sides.ts';
import * as repo from './partnerships.write.repo.ts';

const notFound = (id: number) => new AppError('PARTNERSHIP_NOT_FOUND', `No partnership ${id}`);

interface PartyRef {
  placeId: number | null;
  organizationId: number | null;
}

type TieParties = Awaited<ReturnType<typeof repo.findTieParties>>;

/**
 * A tie as the service loads it: the record, its parties, the organisations that speak for each party and so
 * stand behind the tie, its sources and its documents.
 */
export interface LoadedTie {
  row: repo.PartnershipRow;
  parties: TieParties;
  speakers: number[][];
  stake: Stake;
  sources: Awaited<ReturnType<typeof findTieProvenance>>;
  /** Which party's own list reports the tie in each source. */
  sides: TieSides;
  documents: Awaited<ReturnType<typeof repo.findDocuments>>;
}

/** For each party, the organisations that speak for it: the organisation itself, or the place's governments. */
async function speakersOf(db: DbOrTx, parties: readonly PartyRef[]): Promise<number[][]> {
  const placeIds = parties.flatMap((party) => (party.placeId ? [party.placeId] : []));
  const governments = await findGovernmentsOf(db, placeIds);
  return parties.map((party) =>
    party.organizationId
      ? [party.organizationId]
      : governments
          .filter((government) => government.placeId === party.placeId)
          .map((government) => government.id),
  );
}

function toRef(party: PartyInput): PartyRef {
  return 'placeId' in party
    ? { placeId: party.placeId, organizationId: null }
    : { placeId: null, organizationId: party.organizationId };
}

function sameParty(a: PartyRef, b: PartyRef): boolean {
  return a.placeId === b.placeId && a.organizationId === b.organizationId;
}

/**
 * The parties as written: a party keeps the confirmation it had, and the parties the actor speaks for are
 * confirmed at once; the others wait for their own editors.
 */
function confirmedParties(
  actor: Actor,
  refs: readonly PartyRef[],
  speakers: readonly number[][],
  kept: TieParties = [],
): repo.PartyWrite[] {
  const now = new Date();
  return refs.map((ref, index) => {
    const earlier = kept.find((party) => sameParty(party, ref));
    if (earlier?.confirmedAt) return { ...ref, confirmedAt: earlier.confirmedAt, confirmedBy: null };
    const confirms = (speakers[index] ?? []).some((id) => actor.memberships.get(id) === 'editor');
    return { ...ref, confirmedAt: confirms ? now : null, confirmedBy: confirms ? actor.id : null };
  });
}

/** What kind of tie it is, where it stands and its dates: as the API and the history both show them. */
function tieTerms(row: repo.PartnershipRow) {
  const { kind, status, signedOn, startedOn, endedOn, endReason, renewalOn } = row;
  return { kind, status, signedOn, startedOn, endedOn, endReason, renewalOn };
}

export function presentPartnership(actor: Actor | null, loaded: LoadedTie): PartnershipRecord {
  const { row, parties, speakers, stake } = loaded;
  const record: PartnershipRecord = {
    id: row.id,
    ...tieTerms(row),
    themes: row.themes as PartnershipRecord['themes'],
    descriptions: Object.fromEntries(
      Object.entries(row.descriptions).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ),
    visibility: row.visibility,
    networkId: row.networkId,
    parties: parties.map((party, index) => ({
      placeId: party.placeId,
      organizationId: party.organizationId,
      name: party.placeName ?? party.organizationName ?? '',
      country: party.placeCountry ?? party.organizationPlaceCountry ?? null,
      confirmedAt: party.confirmedAt?.toISOString() ?? null,
      canConfirm: party.confirmedAt === null && policy.confirm(actor, speakers[index] ?? []),
    })),
    sources: loaded.sources.map(({ key, name, records }) => ({ key, name, records })),
    sides: loaded.sides,
    documents: loaded.documents.map((document) => ({
      id: document.id,
      fileName: document.fileName,
      mediaType: document.mediaType,
      size: document.size,
      createdAt: document.createdAt.toISOString(),
      url: `/api/partnerships/${row.id}/documents/${document.id}`,
    })),
    computed: computeTieDates(row, todayKey()),
    ...presentKept(row),
    canEdit: policy.write(actor, stake),
  };
  if (policy.readInternal(actor, stake)) record.notes = row.notes;
  return record;
}

/** What the public sees of a tie: its partners lists, the network and the statistics show these and no more. */
function publicView(row: repo.PartnershipRow | undefined): string | null {
  return row?.isPublic ? JSON.stringify([row.kind, row.status, row.startedOn, row.partyKey]) : null;
}

/**
 * Recounts the parties' partners and marks the registry changed. When the public sees a change (`shown`), the
 * tie-derived models and the partners lists of the parties drop; when a partner count changed too, so do the
 * partners lists of the parties' partners, which show that count.
 */
async function afterTieWrite(db: DbOrTx, placeIds: Iterable<number | null>, shown: boolean) {
  const parties = [...new Set([...placeIds].filter((id): id is number => id !== null))];
  const recounted = await recountPartners(db, parties);
  if (!shown && recounted === 0) return bumpRegistryRevision(db, {});
  const partners = recounted > 0 ? await findPartnerPlaceIds(db, parties) : [];
  return bumpRegistryRevision(db, { ties: true, partnersOf: [...parties, ...partners] });
}

/** Maps the race where two requests create the same tie at once to the same answer as a visible duplicate. */
function duplicateRace(error: unknown): never {
  if (pgErrorCode(error) === '23505') {
    throw new AppError('PARTNERSHIP_EXISTS', 'A tie of this kind between these parties exists', [
      { field: 'body.parties', message: 'another tie has these parties' },
    ]);
  }
  throw error;
}

export const partnershipRecord: RecordType<LoadedTie, PartnershipRecord, repo.TieInsert, repo.TieChanges> = {
  entity: 'partnership',
  noun: 'tie',
  notFound,
  async load(db, id, lock) {
    // One query at a time: `db` may be a transaction, whose one connection cannot run queries side by side.
    const row = await repo.findPartnershipRow(db, id, lock);
    if (!row) return undefined;
    const parties = await repo.findTieParties(db, id);
    const speakers = await speakersOf(db, parties);
    const stake: Stake = { visibility: row.visibility, organizationIds: [...new Set(speakers.flat())] };
    const sources = await findTieProvenance(db, [id]);
    const sides = (await findTieSides(db, [id])).get(id)!;
    return { row, parties, speakers, stake, sources, sides, documents: await repo.findDocuments(db, id) };
  },
  insert: repo.insertPartnership,
  update: repo.updatePartnership,
  stake: ({ stake }) => stake,
  audited: ({ row, parties }) => ({
    ...tieTerms(row),
    themes: row.themes,
    descriptions: row.descriptions,
    notes: row.notes,
    visibility: row.visibility,
    networkId: row.networkId,
    parties: parties.map((party) => ({
      placeId: party.placeId,
      organizationId: party.organizationId,
      confirmed: party.confirmedAt !== null,
    })),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    version: row.version,
  }),
  present: presentPartnership,
  afterWrite: (db, before, after) =>
    afterTieWrite(
      db,
      [...(before?.parties ?? []), ...after.parties].map((party) => party.placeId),
      publicView(before?.row) !== publicView(after.row),
    ),
  writeError: duplicateRace,
  restoring: (db, _actor, { row }) => refuseDuplicate(db, row.kind, row.partyKey, row.id),
};

/** A tie the actor may read (deleted ones only for those who may restore them), with its stake. */
export async function getPartnership(db: DbOrTx, actor: Actor | null, id: number, lock = false) {
  return readRecord(db, actor, partnershipRecord, id, lock);
}

/** Checks that a tie is not deleted and that the actor may change it: not found, or 401 or 403, when not. */
export function assertWritablePartnership(actor: Actor | null, tie: LoadedTie): asserts actor is Actor {
  assertWritable(actor, partnershipRecord, tie);
}

async function checkParties(db: DbOrTx, parties: readonly PartyRef[]) {
  const placeIds = parties.flatMap((party) => (party.placeId ? [party.placeId] : []));
  const orgIds = parties.flatMap((party) => (party.organizationId ? [party.organizationId] : []));
  const foundPlaces = await repo.findExistingPlaces(db, placeIds);
  const foundOrgs = await repo.findLiveOrganizations(db, orgIds);
  const known = new Set([...foundPlaces.map((row) => `p${row.id}`), ...foundOrgs.map((row) => `o${row.id}`)]);
  const details: ErrorDetail[] = parties.flatMap((party, index) =>
    known.has(party.placeId ? `p${party.placeId}` : `o${party.organizationId}`)
      ? []
      : [
          {
            field: `body.parties.${index}`,
            message: party.placeId ? 'is not a known place' : 'is not a known organisation',
          },
        ],
  );
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid request: body.parties', details);
}

/** A tie names its network only as a network membership, and only a live network the actor may read. */
async function checkNetwork(
  db: DbOrTx,
  actor: Actor,
  tie: { kind: repo.PartnershipRow['kind']; networkId: number | null },
  named = true,
) {
  if (tie.networkId === null) return;
  if (tie.kind !== 'network_membership') {
    throw new AppError('VALIDATION_FAILED', 'Invalid request: body.networkId', [
      { field: 'body.networkId', message: 'needs kind network_membership' },
    ]);
  }
  if (named && !(await repo.findReadableNetwork(db, tie.networkId, policy.readScope(actor)))) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request: body.networkId', [
      { field: 'body.networkId', message: 'is not a known network' },
    ]);
  }
}

async function refuseDuplicate(
  db: DbOrTx,
  kind: repo.PartnershipRow['kind'],
  partyKey: string,
  ownId?: number,
) {
  if (!(SINGLE_TIE_KINDS as readonly string[]).includes(kind)) return;
  const existing = await repo.findTieByParties(db, kind, partyKey);
  if (!existing || existing.id === ownId) return;
  throw new AppError(
    'PARTNERSHIP_EXISTS',
    existing.deletedAt
      ? `A deleted tie of this kind between these parties exists (${existing.id}); restore it instead`
      : `A tie of this kind between these parties exists (${existing.id}); edit or confirm it instead`,
    [{ field: 'body.parties', message: `partnership ${existing.id} has these parties` }],
  );
}

/**
 * Creates a tie. The actor must speak for at least one party (or be an administrator); the parties they speak
 * for are confirmed at once, the others wait for their own editors.
 */
export async function createPartnership(
  db: DbOrTx,
  actor: Actor | null,
  body: Omit<CreatePartnershipBody, 'networkId'> & { networkId?: number | null },
) {
  const { parties, ...fields } = body;
  return createRecord(db, actor, partnershipRecord, async (tx) => {
    const refs = parties.map(toRef);
    const speakers = await speakersOf(tx, refs);
    authorize(actor, policy.create(actor, speakers.flat()));
    const partyKey = partyKeyFor(parties);
    await checkParties(tx, refs);
    await checkNetwork(tx, actor, { kind: body.kind, networkId: body.networkId ?? null });
    await refuseDuplicate(tx, body.kind, partyKey);
    return { ...fields, partyKey, createdBy: actor.id, parties: confirmedParties(actor, refs, speakers) };
  });
}

/** Changes a tie, with optimistic concurrency: a stale version answers 409 with the current record. */
export async function updatePartnership(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  body: UpdatePartnershipBody,
) {
  const { version, parties: newParties, ...fields } = body;
  return updateRecord(db, actor, partnershipRecord, id, version, async (tx, loaded) => {
    const { row: before } = loaded;
    const merged = { ...before, ...fields };
    // The rules between fields hold for the record as it will be, not only for the fields sent.
    if (merged.endedOn && merged.status !== 'ended') {
      throw new AppError('VALIDATION_FAILED', 'Invalid request: body.status', [
        { field: 'body.status', message: 'must be ended while the tie has an end date' },
      ]);
    }
    if (merged.endedOn && merged.startedOn && merged.endedOn < merged.startedOn) {
      throw new AppError('VALIDATION_FAILED', 'Invalid request: body.endedOn', [
        { field: 'body.endedOn', message: 'must not be before startedOn' },
      ]);
    }
    let partyKey = before.partyKey;
    let parties: repo.PartyWrite[] | undefined;
    if (newParties) {
      const refs = newParties.map(toRef);
      const removed = loaded.parties
        .map((party, index) => ({ party, speakers: loaded.speakers[index] ?? [] }))
        .filter(({ party }) => !refs.some((ref) => sameParty(party, ref)));
      authorize(
        actor,
        removed.every(({ speakers }) => policy.removeParty(actor, speakers)),
      );
      await checkParties(tx, refs);
      const speakers = await speakersOf(tx, refs);
      // After the change the actor must still speak for a party, or they could take a tie away from its owners.
      authorize(actor, policy.create(actor, speakers.flat()));
      partyKey = partyKeyFor(newParties);
      parties = confirmedParties(actor, refs, speakers, loaded.parties);
    }
    // The tie as it will be names a network only as a network membership; a network newly named is checked.
    if (fields.networkId !== undefined || fields.kind !== undefined) {
      const named = fields.networkId !== undefined && fields.networkId !== before.networkId;
      await checkNetwork(tx, actor!, { kind: merged.kind, networkId: merged.networkId }, named);
    }
    if (partyKey !== before.partyKey || (fields.kind && fields.kind !== before.kind)) {
      await refuseDuplicate(tx, merged.kind, partyKey, id);
    }
    return { ...fields, partyKey, parties };
  });
}

/** Confirms a tie for one party, or for every party the actor speaks for. */
export async function confirmPartnership(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  body: { version: number; party?: PartyInput },
) {
  return writeRecord(db, actor, partnershipRecord, async (tx) => {
    const before = await getPartnership(tx, actor, id, true);
    const { row, parties, speakers } = before;
    if (row.deletedAt) throw notFound(id);
    const wanted = body.party ? toRef(body.party) : undefined;
    const targets = parties
      .map((party, index) => ({ party, speakers: speakers[index] ?? [] }))
      .filter(({ party }) => party.confirmedAt === null && (!wanted || sameParty(party, wanted)));
    if (wanted && !parties.some((party) => sameParty(party, wanted))) {
      throw new AppError('VALIDATION_FAILED', 'Invalid request: body.party', [
        { field: 'body.party', message: 'is not a party of this tie' },
      ]);
    }
    if (targets.length === 0) throw new AppError('CONFLICT', 'The tie is already confirmed for that party');
    const allowed = targets.filter((target) => policy.confirm(actor, target.speakers));
    authorize(actor, allowed.length > 0 && (!wanted || allowed.length === targets.length));
    await assertVersion(row, body.version, () => presentPartnership(actor, before));
    for (const { party } of allowed) await repo.confirmParty(tx, id, party, actor.id);
    await repo.updatePartnership(tx, id, {});
    return { action: 'confirm', id, before };
  });
}

/** The tie of a kind between exactly these parties (by party key), deleted or not; for loaders of sample data. */
export function findTieOfParties(db: DbOrTx, kind: repo.PartnershipRow['kind'], partyKey: string) {
  return repo.findTieByParties(db, kind, partyKey);
}
