import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import { governmentsOf } from '../organizations/governments.ts';
import { GOVERNMENT_KINDS } from '../organizations/organizations.constants.ts';
import type { CampaignStatus, PrefillSource, ResponseStatus } from './campaigns.constants.ts';

export interface ResponseRow {
  id: number;
  campaignId: number;
  organizationId: number;
  status: ResponseStatus;
  submittedAt: Date | null;
  reopenedAt: Date | null;
  appliedAt: Date | null;
  remindedAt: Date | null;
  version: number;
}

/** Timestamps come back as Date from node-postgres and as Date from PGlite; raw rows are normalised here. */
function toResponse(row: Record<string, unknown>): ResponseRow {
  const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
  return {
    id: row.id as number,
    campaignId: row.campaignId as number,
    organizationId: row.organizationId as number,
    status: row.status as ResponseStatus,
    submittedAt: date(row.submittedAt),
    reopenedAt: date(row.reopenedAt),
    appliedAt: date(row.appliedAt),
    remindedAt: date(row.remindedAt),
    version: row.version as number,
  };
}

const responseColumns = sql`r.id, r.campaign_id as "campaignId", r.organization_id as "organizationId", r.status,
  r.submitted_at as "submittedAt", r.reopened_at as "reopenedAt", r.applied_at as "appliedAt",
  r.reminded_at as "remindedAt", r.version`;

/**
 * A member's response to a campaign. `lock`: `update` holds it for a change of its status; `share` keeps its status
 * from changing while an answer is saved, without keeping other answers from being saved beside it.
 */
export async function findResponse(
  db: DbOrTx,
  campaignId: number,
  organizationId: number,
  lock?: 'update' | 'share',
): Promise<ResponseRow | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${responseColumns} from campaign_responses r
        where r.campaign_id = ${campaignId} and r.organization_id = ${organizationId}
        ${lock === 'update' ? sql`for update` : lock === 'share' ? sql`for share` : sql``}`,
  );
  return row && toResponse(row);
}

/**
 * The responses to a campaign, by organisation; not those of an organisation merged into another (kept for the
 * merge's undo: the one it went into answers).
 */
export async function findResponses(db: DbOrTx, campaignId: number): Promise<ResponseRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${responseColumns} from campaign_responses r join organizations o on o.id = r.organization_id
        where r.campaign_id = ${campaignId} and o.merged_into_id is null`,
  );
  return rows.map(toResponse);
}

/** Makes a draft response; answers the existing one when a parallel request made it first. */
export async function insertResponse(db: DbOrTx, campaignId: number, organizationId: number) {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into campaign_responses (campaign_id, organization_id) values (${campaignId}, ${organizationId})
        on conflict (campaign_id, organization_id) do nothing returning id`,
  );
  return row?.id;
}

export async function setResponseStatus(
  db: DbOrTx,
  id: number,
  change:
    | { status: 'submitted'; userId: number }
    | { status: 'draft'; userId: number }
    | { applied: true }
    | { reminded: true },
): Promise<void> {
  const set =
    'status' in change
      ? change.status === 'submitted'
        ? sql`status = 'submitted', submitted_at = now(), submitted_by = ${change.userId}`
        : sql`status = 'draft', submitted_at = null, submitted_by = null, reopened_at = now(), reopened_by = ${change.userId}`
      : 'applied' in change
        ? sql`applied_at = now()`
        : sql`reminded_at = now()`;
  // A reminder is not a change of the response: its version stays, so nobody's submit meets a conflict.
  const bump = 'reminded' in change ? sql`` : sql`, version = version + 1, updated_at = now()`;
  await db.execute(sql`update campaign_responses set ${set} ${bump} where id = ${id}`);
}

export interface AnswerRow {
  questionKey: string;
  value: unknown;
  version: number;
  updatedAt: Date;
  prefilled: PrefillSource | null;
}

export async function findAnswers(db: DbOrTx, responseId: number): Promise<AnswerRow[]> {
  const rows = await queryRows<AnswerRow>(
    db,
    sql`select question_key as "questionKey", value, version, updated_at as "updatedAt", prefilled
        from campaign_answers where response_id = ${responseId}`,
  );
  return rows.map((row) => ({ ...row, updatedAt: new Date(row.updatedAt) }));
}

export async function countAnswers(db: DbOrTx, responseId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from campaign_answers where response_id = ${responseId}`,
  );
  return row?.n ?? 0;
}

/** The answer to one question as it is now. */
export async function findAnswer(db: DbOrTx, responseId: number, questionKey: string) {
  const [row] = await queryRows<{ value: unknown; version: number }>(
    db,
    sql`select value, version from campaign_answers where response_id = ${responseId} and question_key = ${questionKey}`,
  );
  return row;
}

/**
 * What saving an answer needs to know, in one read: the campaign's state, the one question asked (not the whole
 * form), and the member's response, if it has one.
 */
export interface AnswerTarget {
  status: CampaignStatus;
  closesOn: string | null;
  deleted: boolean;
  countryCode: string | null;
  question: unknown;
  responseId: number | null;
  responseStatus: ResponseStatus | null;
}

export async function findAnswerTarget(
  db: DbOrTx,
  campaignId: number,
  organizationId: number,
  questionKey: string,
): Promise<AnswerTarget | undefined> {
  const [row] = await queryRows<AnswerTarget>(
    db,
    sql`select c.status, c.closes_on::text as "closesOn", c.deleted_at is not null as deleted,
               c.country_code as "countryCode",
               jsonb_path_query_first(c.definition, '$.sections[*].questions[*] ? (@.key == $key)',
                                      jsonb_build_object('key', ${questionKey}::text)) as question,
               r.id as "responseId", r.status as "responseStatus"
        from campaigns c
        left join campaign_responses r on r.campaign_id = c.id and r.organization_id = ${organizationId}
        where c.id = ${campaignId}`,
  );
  return row;
}

/**
 * Writes a new version of an answer of a draft: the first (when none is there yet) or the one after
 * `previousVersion`, answering the value it replaced. Nothing is written (undefined) when the answer has moved on
 * or the response is no longer a draft; the response is held FOR SHARE meanwhile, so a submit waits for saves in
 * flight and saves beside one another do not wait.
 */
export async function writeAnswer(
  db: DbOrTx,
  responseId: number,
  questionKey: string,
  value: unknown,
  userId: number,
  previousVersion: number,
): Promise<{ version: number; oldValue: unknown } | undefined> {
  const json = JSON.stringify(value ?? null);
  const draft = sql`exists (select 1 from campaign_responses where id = ${responseId} and status = 'draft' for share)`;
  const [row] = await queryRows<{ version: number; oldValue: unknown }>(
    db,
    previousVersion === 0
      ? sql`insert into campaign_answers (response_id, question_key, value, updated_by)
            select ${responseId}, ${questionKey}, ${json}::jsonb, ${userId} where ${draft}
            on conflict (response_id, question_key) do nothing returning version, null::jsonb as "oldValue"`
      : sql`with old as (
              select value, version from campaign_answers
              where response_id = ${responseId} and question_key = ${questionKey} for update
            )
            update campaign_answers a set value = ${json}::jsonb, version = a.version + 1, updated_by = ${userId},
              updated_at = now(), prefilled = null
            from old
            where a.response_id = ${responseId} and a.question_key = ${questionKey} and old.version = ${previousVersion}
              and ${draft}
            returning a.version, old.value as "oldValue"`,
  );
  return row;
}

/** A pre-filled answer and where it came from. */
export interface PrefilledAnswer {
  value: unknown;
  source: PrefillSource;
}

/** Writes the first answers of a draft (pre-filled), each at version 1 and marked with its source. */
export async function insertAnswers(
  db: DbOrTx,
  responseId: number,
  answers: ReadonlyMap<string, PrefilledAnswer>,
  userId: number | null,
): Promise<void> {
  if (answers.size === 0) return;
  const values = [...answers].map(
    ([key, { value, source }]) =>
      sql`(${responseId}, ${key}, ${JSON.stringify(value)}::jsonb, ${userId}, ${source})`,
  );
  await db.execute(
    sql`insert into campaign_answers (response_id, question_key, value, updated_by, prefilled)
        values ${sql.join(values, sql`, `)} on conflict (response_id, question_key) do nothing`,
  );
}

/** The answers of one member's response to a campaign (any status), by question key. */
export async function findMemberAnswers(db: DbOrTx, campaignId: number, organizationId: number) {
  return queryRows<{ questionKey: string; value: unknown }>(
    db,
    sql`select a.question_key as "questionKey", a.value
        from campaign_responses r join campaign_answers a on a.response_id = r.id
        where r.campaign_id = ${campaignId} and r.organization_id = ${organizationId}`,
  );
}

export interface OrganizationRow {
  id: number;
  name: string;
  placeId: number | null;
  /** The place the organisation speaks for in ties: its place, when it is a government. */
  governs: number | null;
  country: string | null;
}

export async function findOrganizations(db: DbOrTx, ids: readonly number[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  return queryRows<OrganizationRow>(
    db,
    sql`select o.id, o.name, o.place_id as "placeId",
               case when o.kind in (${governmentKinds}) then o.place_id end as governs, p.country
        from organizations o left join places p on p.id = o.place_id
        where o.id in (${idList(ids)}) order by o.name, o.id`,
  );
}

const governmentKinds = sql.join(
  GOVERNMENT_KINDS.map((kind) => sql`${kind}`),
  sql`, `,
);

export interface TieRow {
  partnershipId: number;
  kind: string;
  status: string;
  startedOn: string | null;
  endedOn: string | null;
  version: number;
  partnerPlaceId: number;
  partnerName: string;
  partnerCountry: string;
  ownPlaceId: number | null;
  ownOrganizationId: number | null;
  confirmedAt: Date | null;
  visibility: 'published' | 'internal';
  networkId: number | null;
}

/**
 * A member organisation's live ties with places in a country: those it is a party to itself, and those of the
 * place it is a government of. Each names its partner in that country and the member's own party.
 */
export async function findMemberTies(
  db: DbOrTx,
  organizationId: number,
  countryCode: string,
): Promise<TieRow[]> {
  return queryRows<TieRow>(
    db,
    sql`with me as (
          select o.id, case when o.kind in (${governmentKinds}) and o.deleted_at is null then o.place_id end as place_id
          from organizations o where o.id = ${organizationId}
        )
        select * from (
          select distinct on (p.id) p.id as "partnershipId", p.kind, p.status, p.started_on::text as "startedOn",
                 p.ended_on::text as "endedOn", p.version, partner.id as "partnerPlaceId", partner.name as "partnerName",
                 partner.country as "partnerCountry", own.place_id as "ownPlaceId",
                 own.organization_id as "ownOrganizationId", own.confirmed_at as "confirmedAt",
                 p.visibility, p.network_id as "networkId"
          from me
          join partnership_parties own on own.organization_id = me.id or own.place_id = me.place_id
          join partnerships p on p.id = own.partnership_id and p.deleted_at is null
          join lateral (
            select pl.id, pl.name, pl.country from partnership_parties pp join places pl on pl.id = pp.place_id
            where pp.partnership_id = p.id and pp.id <> own.id and pl.country = ${countryCode}
            order by pl.name, pl.id limit 1
          ) partner on true
          order by p.id, own.organization_id nulls last
        ) ties
        order by "partnerName", kind, "partnershipId"`,
  );
}

/** The live places among these ids, with their name and country. */
export async function findPlaces(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return queryRows<{ id: number; name: string; country: string }>(
    db,
    sql`select id, name, country from places where id in (${idList(ids)}) and merged_into_id is null`,
  );
}

/**
 * Who stands behind each of these ties, to decide who may read it: its visibility (internal once deleted) and the
 * organisations that are parties or governments of party places.
 */
export async function findTieStakes(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return queryRows<{ id: number; visibility: 'published' | 'internal'; organizationIds: number[] }>(
    db,
    sql`select p.id, case when p.deleted_at is null then p.visibility else 'internal' end as visibility,
               array(select pp.organization_id from partnership_parties pp
                     where pp.partnership_id = p.id and pp.organization_id is not null
                     union
                     select gov.id from partnership_parties pp
                     join lateral (${governmentsOf(sql`pp.place_id`)}) gov on true
                     where pp.partnership_id = p.id and pp.place_id is not null) as "organizationIds"
        from partnerships p where p.id in (${idList(ids)})`,
  );
}

/** Writes an answer of a submitted response anew (the ties applying created, named in its rows). */
export async function rewriteAnswer(
  db: DbOrTx,
  responseId: number,
  questionKey: string,
  value: unknown,
  userId: number,
): Promise<void> {
  await db.execute(
    sql`update campaign_answers set value = ${JSON.stringify(value)}::jsonb, version = version + 1,
          updated_by = ${userId}, updated_at = now()
        where response_id = ${responseId} and question_key = ${questionKey}`,
  );
}
