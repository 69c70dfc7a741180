import type { ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { SINGLE_TIE_KINDS } from '../partnerships/partnerships.constants.ts';
import {
  confirmPartnership,
  createPartnership,
  updatePartnership,
} from '../partnerships/partnerships.write.service.ts';
import type { ApplyProblem } from './campaigns.constants.ts';
import type { ApplyPreview, CampaignDefinition, RegistryRow } from './campaigns.schema.ts';
import { questionsOf } from './campaigns.schema.ts';
import * as repo from './responses.repo.ts';

/**
 * Registry tables: "your ties with <country>" filled in from the registry for each member, and what the member
 * confirms, corrects or adds there applied back to the ties as the member's own edits.
 */

/** The member's current ties with the country as rows to confirm; none is confirmed until the member says so. */
export function rowsOfTies(ties: readonly repo.TieRow[]): RegistryRow[] {
  return ties.map((tie) => ({
    partnershipId: tie.partnershipId,
    partnerPlaceId: tie.partnerPlaceId,
    partnerName: tie.partnerName,
    kind: tie.kind as RegistryRow['kind'],
    status: tie.status as RegistryRow['status'],
    startedOn: tie.startedOn,
    endedOn: tie.endedOn,
    confirmed: false,
  }));
}

/**
 * A registry table's first rows: the member's ties as the registry has them now, then the ties it added in the
 * previous round that the registry still lacks (none of the same kind with the same partner).
 */
export function prefillRows(ties: readonly repo.TieRow[], previous: unknown): RegistryRow[] {
  const rows = rowsOfTies(ties);
  if (!Array.isArray(previous)) return rows;
  for (const row of previous as RegistryRow[]) {
    if (row?.partnershipId !== null || typeof row.partnerPlaceId !== 'number') continue;
    if (rows.some((known) => known.partnerPlaceId === row.partnerPlaceId && known.kind === row.kind))
      continue;
    rows.push({ ...row, confirmed: false });
  }
  return rows;
}

/**
 * What the registry must hold for the rows of an answer: each tie named is one of the member's ties with the
 * country, and each partner a place in it.
 */
export async function checkRegistryRows(
  db: DbOrTx,
  organizationId: number,
  countryCode: string,
  rows: readonly RegistryRow[],
  field: string,
): Promise<ErrorDetail[]> {
  const ties = new Map(
    (await repo.findMemberTies(db, organizationId, countryCode)).map((tie) => [tie.partnershipId, tie]),
  );
  const places = new Map(
    (await repo.findPlaces(db, [...new Set(rows.map((row) => row.partnerPlaceId))])).map((place) => [
      place.id,
      place,
    ]),
  );
  const details: ErrorDetail[] = [];
  rows.forEach((row, index) => {
    const at = `${field}.${index}`;
    if (row.partnershipId !== null) {
      const tie = ties.get(row.partnershipId);
      if (!tie)
        details.push({
          field: `${at}.partnershipId`,
          message: `is not one of the member's ties with ${countryCode}`,
        });
      else if (tie.partnerPlaceId !== row.partnerPlaceId)
        details.push({
          field: `${at}.partnerPlaceId`,
          message: `is not the partner of tie ${row.partnershipId}`,
        });
    }
    const place = places.get(row.partnerPlaceId);
    if (!place) details.push({ field: `${at}.partnerPlaceId`, message: 'is not a known place' });
    else if (place.country !== countryCode)
      details.push({ field: `${at}.partnerPlaceId`, message: `is not a place in ${countryCode}` });
    if (row.endedOn && row.status !== 'ended')
      details.push({ field: `${at}.status`, message: 'must be ended when the tie has an end date' });
    if (row.endedOn && row.startedOn && row.endedOn < row.startedOn)
      details.push({ field: `${at}.endedOn`, message: 'must not be before startedOn' });
  });
  return details;
}

type Change = ApplyPreview['changes'][number];

/** Why a row cannot be applied: a code the interface translates, and the reason in English. */
const refusal = (code: ApplyProblem, message: string) => ({ code, message });

/** What applying a response's registry tables would do to the member's ties, row by row. */
export async function previewChanges(
  db: DbOrTx,
  definition: CampaignDefinition,
  countryCode: string | null,
  member: repo.OrganizationRow,
  answers: ReadonlyMap<string, unknown>,
  visibility: Change['visibility'] = 'internal',
): Promise<{
  changes: Change[];
  ties: Map<number, repo.TieRow>;
  at: { questionKey: string; index: number }[];
}> {
  const tables = questionsOf(definition).filter((question) => question.type === 'registry_table');
  if (tables.length === 0 || !countryCode) return { changes: [], ties: new Map(), at: [] };
  const ties = new Map(
    (await repo.findMemberTies(db, member.id, countryCode)).map((tie) => [tie.partnershipId, tie]),
  );
  const allRows = tables.flatMap((question) => {
    const value = answers.get(question.key);
    return Array.isArray(value)
      ? (value as RegistryRow[]).map((row, index) => ({ questionKey: question.key, row, index }))
      : [];
  });
  const places = new Map(
    (await repo.findPlaces(db, [...new Set(allRows.map(({ row }) => row.partnerPlaceId))])).map((place) => [
      place.id,
      place,
    ]),
  );
  const changes: Change[] = [];
  const at = allRows.map(({ questionKey, index }) => ({ questionKey, index }));
  const creating = new Set<string>();
  const single = (kind: string) => (SINGLE_TIE_KINDS as readonly string[]).includes(kind);
  for (const { questionKey, row } of allRows) {
    const place = places.get(row.partnerPlaceId);
    const partner = {
      id: row.partnerPlaceId,
      name: place?.name ?? row.partnerName ?? '',
      countryCode: place?.country ?? '',
    };
    const after = { status: row.status, startedOn: row.startedOn, endedOn: row.endedOn };
    let problem: Change['problem'] = null;
    if (!place || place.country !== countryCode)
      problem = refusal('not_in_country', `The partner is not a place in ${countryCode}`);
    else if (row.endedOn && row.status !== 'ended')
      problem = refusal('needs_ended', 'A tie with an end date must have the status ended');
    else if (row.endedOn && row.startedOn && row.endedOn < row.startedOn)
      problem = refusal('end_before_start', 'The end is before the start');
    if (row.partnershipId === null) {
      const key = `${row.kind}|${row.partnerPlaceId}`;
      const existing = [...ties.values()].find(
        (tie) => tie.kind === row.kind && tie.partnerPlaceId === row.partnerPlaceId,
      );
      if (!problem && existing && single(row.kind))
        problem = refusal(
          'already_in_registry',
          `This tie is in the registry already (${existing.partnershipId}): confirm that row instead`,
        );
      if (!problem && creating.has(key) && single(row.kind))
        problem = refusal('added_twice', 'The same tie is added twice');
      creating.add(key);
      changes.push({
        questionKey,
        change: 'create',
        partnershipId: null,
        partner,
        kind: row.kind,
        before: null,
        after,
        problem,
        visibility,
      });
      continue;
    }
    const tie = ties.get(row.partnershipId);
    if (!tie) {
      changes.push({
        questionKey,
        change: 'unchanged',
        partnershipId: row.partnershipId,
        partner,
        kind: row.kind,
        before: null,
        after,
        problem: refusal('no_longer_a_tie', 'The tie is no longer one of the member’s ties in the registry'),
        visibility: 'internal',
      });
      continue;
    }
    const before = {
      status: tie.status as Change['after']['status'],
      startedOn: tie.startedOn,
      endedOn: tie.endedOn,
    };
    const differs =
      before.status !== after.status ||
      before.startedOn !== after.startedOn ||
      before.endedOn !== after.endedOn ||
      tie.kind !== row.kind;
    const change = differs ? 'update' : row.confirmed && tie.confirmedAt === null ? 'confirm' : 'unchanged';
    // A kind the ties' service would refuse: a network membership names its network, and a tie of a kind
    // held once between two parties cannot become a second one.
    if (!problem && tie.kind !== row.kind) {
      if (tie.networkId !== null)
        problem = refusal(
          'network_membership_kind',
          'A network membership names its network: change its kind in the registry itself',
        );
      else if (
        single(row.kind) &&
        [...ties.values()].some(
          (other) =>
            other.partnershipId !== tie.partnershipId &&
            other.kind === row.kind &&
            other.partnerPlaceId === tie.partnerPlaceId,
        )
      )
        problem = refusal('kind_taken', 'A tie of this kind with this partner is in the registry already');
    }
    changes.push({
      questionKey,
      change,
      partnershipId: tie.partnershipId,
      partner,
      kind: row.kind,
      before,
      after,
      problem,
      visibility: tie.visibility,
    });
  }
  return { changes, ties, at };
}

/**
 * Applies the reviewed changes as the actor's own edits through the ties' service, each audited there: the
 * member's editor updates, confirms and creates its ties (with the visibility of the changes); rows with a
 * problem are left out. `createdAt` answers where each created tie came from, so that its row can name it.
 */
export async function applyChanges(
  db: DbOrTx,
  actor: Actor,
  member: repo.OrganizationRow,
  changes: readonly Change[],
  ties: ReadonlyMap<number, repo.TieRow>,
  answers: ReadonlyMap<string, unknown>,
) {
  const result = { created: [] as number[], updated: [] as number[], confirmed: [] as number[] };
  const createdAt: { index: number; partnershipId: number }[] = [];
  const confirmedRow = (change: Change) => {
    const value = answers.get(change.questionKey);
    return (
      Array.isArray(value) &&
      (value as RegistryRow[]).some((row) => row.partnershipId === change.partnershipId && row.confirmed)
    );
  };
  const ownParty = (tie: repo.TieRow) =>
    tie.ownOrganizationId !== null ? { organizationId: tie.ownOrganizationId } : { placeId: tie.ownPlaceId! };
  for (const [index, change] of changes.entries()) {
    if (change.problem || change.change === 'unchanged') continue;
    if (change.change === 'create') {
      const self = member.governs !== null ? { placeId: member.governs } : { organizationId: member.id };
      const tie = await createPartnership(db, actor, {
        kind: change.kind,
        status: change.after.status,
        parties: [self, { placeId: change.partner.id }],
        signedOn: null,
        startedOn: change.after.startedOn,
        endedOn: change.after.endedOn,
        endReason: null,
        renewalOn: null,
        themes: [],
        descriptions: {},
        notes: null,
        visibility: change.visibility,
      });
      result.created.push(tie.id);
      createdAt.push({ index, partnershipId: tie.id });
      continue;
    }
    const tie = ties.get(change.partnershipId!)!;
    let version = tie.version;
    if (change.change === 'update') {
      const updated = await updatePartnership(db, actor, tie.partnershipId, {
        version,
        kind: change.kind,
        status: change.after.status,
        startedOn: change.after.startedOn,
        endedOn: change.after.endedOn,
      });
      version = updated.version;
      result.updated.push(tie.partnershipId);
    }
    if (tie.confirmedAt === null && confirmedRow(change)) {
      await confirmPartnership(db, actor, tie.partnershipId, { version, party: ownParty(tie) });
      result.confirmed.push(tie.partnershipId);
    }
  }
  return { result, createdAt };
}
