import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy, type Stake } from '../auth/policy.ts';
import { findReadableOrganizations } from '../organizations/organizations.service.ts';
import { findRegions, type RegionRow } from '../places/places.service.ts';
import { createRecord, presentKept, type RecordType, updateRecord } from '../records/records.service.ts';
import * as repo from './support-requests.repo.ts';
import type {
  CreateSupportRequestBody,
  SupportRequestListQuery,
  SupportRequestResponse,
  UpdateSupportRequestBody,
} from './support-requests.schema.ts';

interface LoadedRequest {
  row: repo.SupportRequestRow;
  names: Awaited<ReturnType<typeof repo.findNames>>;
  regions: Map<string, RegionRow>;
}

/** A support request is never public: the organisation whose staff keep it stands behind it. */
function requestStake(row: Pick<repo.SupportRequestRow, 'organizationId'>): Stake {
  return { visibility: 'internal', organizationIds: [row.organizationId] };
}

function presentRequest(actor: Actor | null, { row, names, regions }: LoadedRequest): SupportRequestResponse {
  const place = row.targetPlaceId === null ? undefined : names.places.get(row.targetPlaceId);
  const region = row.targetRegion === null ? undefined : regions.get(row.targetRegion);
  return {
    id: row.id,
    organizationId: row.organizationId,
    organizationName: names.organizations.get(row.organizationId)?.name ?? '',
    company: { id: row.companyId, name: names.organizations.get(row.companyId)?.name ?? '' },
    need: row.need,
    status: row.status,
    targetPlace: place ? { id: place.id, name: place.name, country: place.country ?? '' } : null,
    targetCountry: row.targetCountry,
    targetRegion:
      row.targetRegion === null
        ? null
        : {
            code: row.targetRegion,
            country: row.targetRegion.slice(0, 2),
            place: region ? { id: region.placeId, name: region.name } : null,
          },
    description: row.description,
    answer: row.answer,
    answerPath: row.answerPath as SupportRequestResponse['answerPath'],
    receivedOn: row.receivedOn,
    ...presentKept(row),
    canEdit: !row.deletedAt && policy.write(actor, requestStake(row)),
  };
}

async function loadMany(db: DbOrTx, rows: readonly repo.SupportRequestRow[]): Promise<LoadedRequest[]> {
  const names = await repo.findNames(
    db,
    rows.flatMap((row) => [row.organizationId, row.companyId]),
    rows.flatMap((row) => (row.targetPlaceId === null ? [] : [row.targetPlaceId])),
  );
  const regions = await findRegions(
    db,
    rows.flatMap((row) => (row.targetRegion === null ? [] : [row.targetRegion])),
  );
  return rows.map((row) => ({ row, names, regions }));
}

export const supportRequestRecord: RecordType<
  LoadedRequest,
  SupportRequestResponse,
  repo.SupportRequestInsert,
  repo.SupportRequestChanges
> = {
  entity: 'support_request',
  noun: 'support request',
  notFound: (id) => new AppError('SUPPORT_REQUEST_NOT_FOUND', `No support request ${id}`),
  async load(db, id, lock) {
    const row = await repo.findSupportRequest(db, id, lock);
    return row ? (await loadMany(db, [row]))[0] : undefined;
  },
  insert: repo.insertSupportRequest,
  update: repo.updateSupportRequest,
  stake: ({ row }) => requestStake(row),
  audited: ({ row }) => {
    const { createdAt: _c, updatedAt: _u, id: _id, ...fields } = row;
    return { ...fields, deletedAt: row.deletedAt?.toISOString() ?? null };
  },
  present: presentRequest,
  // Whoever reads the requests reads the deleted ones too.
  deletedReadable: true,
};

/**
 * The company must be an organisation of kind company the user may read, the target a place that is not merged
 * into another; one the user may not read answers as one that does not exist. A request keeps a target.
 */
async function checkRefs(
  db: DbOrTx,
  actor: Actor | null,
  body: { companyId?: number; targetPlaceId?: number | null; targetRegion?: string | null },
  after: { targetPlaceId: number | null; targetCountry: string | null; targetRegion: string | null },
) {
  const details: ErrorDetail[] = [];
  if (body.companyId !== undefined) {
    const readable = await findReadableOrganizations(db, actor, [body.companyId]);
    const names = await repo.findNames(db, [body.companyId], []);
    if (!readable.has(body.companyId))
      details.push({ field: 'body.companyId', message: 'is not a known organisation' });
    else if (names.organizations.get(body.companyId)?.kind !== 'company')
      details.push({ field: 'body.companyId', message: 'is not a company' });
  }
  if (body.targetPlaceId != null) {
    const place = (await repo.findNames(db, [], [body.targetPlaceId])).places.get(body.targetPlaceId);
    if (!place || place.kind === 'merged')
      details.push({ field: 'body.targetPlaceId', message: 'is not a known place' });
  }
  if (body.targetRegion != null && !(await findRegions(db, [body.targetRegion])).has(body.targetRegion))
    details.push({ field: 'body.targetRegion', message: 'is not a region of any place in the registry' });
  if (after.targetPlaceId === null && after.targetCountry === null && after.targetRegion === null)
    details.push({ field: 'body.targetPlaceId', message: 'needs a target place, region or country' });
  if (details.length > 0)
    throw new AppError('VALIDATION_FAILED', `Invalid request: ${details[0]!.field}`, details);
}

/** The requests kept by the user's organisations (every one for administrators), newest first. */
export async function listSupportRequests(db: DbOrTx, actor: Actor | null, query: SupportRequestListQuery) {
  authorize(actor, policy.self(actor));
  const rows = await repo.listSupportRequests(db, { ...query, keepers: policy.readableLogs(actor) });
  return { items: (await loadMany(db, rows)).map((loaded) => presentRequest(actor, loaded)) };
}

export async function createSupportRequest(db: DbOrTx, actor: Actor | null, body: CreateSupportRequestBody) {
  return createRecord(db, actor, supportRequestRecord, async (tx) => {
    authorize(actor, policy.create(actor, [body.organizationId]));
    await checkRefs(tx, actor, body, body);
    return body;
  });
}

export async function updateSupportRequest(
  db: DbOrTx,
  actor: Actor | null,
  id: number,
  body: UpdateSupportRequestBody,
) {
  const { version, ...fields } = body;
  return updateRecord(db, actor, supportRequestRecord, id, version, async (tx, before) => {
    if (fields.organizationId !== undefined && fields.organizationId !== before.row.organizationId)
      authorize(actor, policy.create(actor, [fields.organizationId]));
    await checkRefs(
      tx,
      actor,
      {
        companyId: fields.companyId !== before.row.companyId ? fields.companyId : undefined,
        targetPlaceId: fields.targetPlaceId !== before.row.targetPlaceId ? fields.targetPlaceId : undefined,
        targetRegion: fields.targetRegion !== before.row.targetRegion ? fields.targetRegion : undefined,
      },
      {
        targetPlaceId: fields.targetPlaceId === undefined ? before.row.targetPlaceId : fields.targetPlaceId,
        targetCountry: fields.targetCountry === undefined ? before.row.targetCountry : fields.targetCountry,
        targetRegion: fields.targetRegion === undefined ? before.row.targetRegion : fields.targetRegion,
      },
    );
    return fields;
  });
}
