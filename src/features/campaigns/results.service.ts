import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import * as campaignsRepo from './campaigns.repo.ts';
import {
  type CampaignDefinition,
  type CampaignQuestion,
  type CampaignResults,
  isAnswered,
  type QuestionResult,
  questionsOf,
  type RegistryRow,
  visibleQuestions,
} from './campaigns.schema.ts';
import { definitionOf } from './campaigns.service.ts';
import * as repo from './responses.repo.ts';
import { type CampaignContext, loadContext } from './responses.service.ts';

/** A submitted response as the results read it: the member, its place, and its answers to the questions shown. */
export interface SubmittedResponse {
  organizationId: number;
  name: string;
  submittedAt: string;
  place: { id: number; name: string; lat: number; lng: number } | null;
  answers: Map<string, unknown>;
}

interface SubmittedRow {
  organizationId: number;
  name: string;
  submittedAt: Date | string;
  placeId: number | null;
  placeName: string | null;
  lat: number | null;
  lng: number | null;
  answers: string | null;
}

/**
 * The submitted responses to a campaign, by member name, each with its answers in one object (one row per member
 * rather than one per answer). Answers to questions hidden by their condition are left out, and so are the responses
 * of an organisation merged into another (kept for the merge's undo; the one it went into answers).
 */
export async function findSubmitted(
  db: DbOrTx,
  campaignId: number,
  definition: CampaignDefinition,
  onlyKeys?: readonly string[],
): Promise<SubmittedResponse[]> {
  const only =
    onlyKeys === undefined
      ? sql``
      : sql`and a.question_key in (${sql.join(
          ['', ...onlyKeys].map((key) => sql`${key}`),
          sql`, `,
        )})`;
  // Each member's answers come as one JSON text (json_object_agg: no jsonb built only to be printed), parsed here:
  // far cheaper than a row, or a jsonb value, per answer.
  const rows = await queryRows<SubmittedRow>(
    db,
    sql`select r.organization_id as "organizationId", o.name, r.submitted_at as "submittedAt",
               pl.id as "placeId", pl.name as "placeName", pl.lat, pl.lng,
               (select json_object_agg(a.question_key, a.value) from campaign_answers a
                where a.response_id = r.id ${only})::text as answers
        from campaign_responses r
        join organizations o on o.id = r.organization_id
        left join places pl on pl.id = o.place_id
        where r.campaign_id = ${campaignId} and r.status = 'submitted' and o.merged_into_id is null
        order by o.name, o.id`,
  );
  return rows.map((row) => {
    const all = new Map(
      Object.entries(row.answers === null ? {} : (JSON.parse(row.answers) as Record<string, unknown>)),
    );
    const shown = visibleQuestions(definition, all);
    return {
      organizationId: row.organizationId,
      name: row.name,
      submittedAt: new Date(row.submittedAt).toISOString(),
      place:
        row.placeId !== null && row.lat !== null && row.lng !== null
          ? { id: row.placeId, name: row.placeName ?? '', lat: row.lat, lng: row.lng }
          : null,
      answers: new Map([...all].filter(([key, value]) => shown.has(key) && isAnswered(value))),
    };
  });
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Count, sum, smallest, largest, mean and median of some numbers. */
export function summarise(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  // A figure too large to be a number (answers saved before they were bounded) is no figure.
  const finite = (value: number | null | undefined) =>
    value === null || value === undefined || !Number.isFinite(value) ? null : value;
  return {
    count: sorted.length,
    sum: finite(sum),
    min: finite(sorted[0]),
    max: finite(sorted.at(-1)),
    mean: sorted.length > 0 ? finite(sum / sorted.length) : null,
    median: finite(median(sorted)),
  };
}

/** How many answered each option (choices), yes and no, or each point of a scale; null for other types. */
function countsOf(question: CampaignQuestion, values: readonly unknown[]): Record<string, number> | null {
  let counts: Record<string, number>;
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      counts = Object.fromEntries(question.options.map((option) => [option.key, 0]));
      break;
    case 'yes_no':
      counts = { yes: 0, no: 0 };
      break;
    case 'scale':
      counts = {};
      for (let point = question.min; point <= question.max; point += question.step) counts[String(point)] = 0;
      break;
    default:
      return null;
  }
  for (const value of values) {
    const keys = Array.isArray(value)
      ? value
      : [typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)];
    for (const key of keys) if (String(key) in counts) counts[String(key)]! += 1;
  }
  return counts;
}

const numeric = (question: CampaignQuestion) => question.type === 'number' || question.type === 'scale';
const textual = (question: CampaignQuestion) =>
  question.type === 'short_text' || question.type === 'long_text' || question.type === 'date';
const tabular = (question: CampaignQuestion) =>
  question.type === 'repeatable_group' || question.type === 'registry_table';

/** One question's figures over the submitted responses. */
function resultOf(question: CampaignQuestion, responses: readonly SubmittedResponse[]): QuestionResult {
  const given = responses.flatMap((response) =>
    response.answers.has(question.key) ? [{ response, value: response.answers.get(question.key) }] : [],
  );
  const values = given.map(({ value }) => value);
  return {
    key: question.key,
    type: question.type,
    label: question.label,
    answered: given.length,
    counts: countsOf(question, values),
    summary: numeric(question)
      ? summarise(values.filter((value): value is number => typeof value === 'number'))
      : null,
    texts: textual(question)
      ? given.map(({ response, value }) => ({
          organizationId: response.organizationId,
          name: response.name,
          value: String(value),
        }))
      : null,
    rows: tabular(question)
      ? given.flatMap(({ response, value }) =>
          (value as Record<string, unknown>[]).map((row) => ({
            organizationId: response.organizationId,
            name: response.name,
            row,
          })),
        )
      : null,
    previous: null,
  };
}

/** What a reader may see of the results: coordinators always, members once the results are shared. */
function assertMayReadResults(actor: Actor | null, context: CampaignContext) {
  if (policy.readGroup(actor, context.roles.coordinatorIds)) return;
  if (context.row.resultsSharedAt === null) {
    authorize(actor, false);
  }
}

/**
 * Registry-table rows as a reader of the results may see them: a row about a tie the reader may not read (an
 * internal tie of another member) is left out, and each row names its partner as the registry does.
 */
export async function presentRegistryRows(
  db: DbOrTx,
  actor: Actor | null,
  definition: CampaignDefinition,
  responses: readonly SubmittedResponse[],
): Promise<void> {
  const tables = questionsOf(definition).filter((question) => question.type === 'registry_table');
  if (tables.length === 0) return;
  const rowsOf = (response: SubmittedResponse, key: string) => {
    const value = response.answers.get(key);
    return Array.isArray(value) ? (value as RegistryRow[]) : [];
  };
  const all = responses.flatMap((response) => tables.flatMap((table) => rowsOf(response, table.key)));
  const tieIds = [...new Set(all.flatMap((row) => (row.partnershipId === null ? [] : [row.partnershipId])))];
  const stakes = new Map((await repo.findTieStakes(db, tieIds)).map((stake) => [stake.id, stake]));
  const places = new Map(
    (await repo.findPlaces(db, [...new Set(all.map((row) => row.partnerPlaceId))])).map((place) => [
      place.id,
      place.name,
    ]),
  );
  const readable = (row: RegistryRow) => {
    if (row.partnershipId === null) return true;
    const stake = stakes.get(row.partnershipId);
    return stake !== undefined && policy.read(actor, stake);
  };
  for (const response of responses) {
    for (const table of tables) {
      if (!response.answers.has(table.key)) continue;
      const shown = rowsOf(response, table.key)
        .filter(readable)
        .map((row) => ({ ...row, partnerName: places.get(row.partnerPlaceId) ?? row.partnerName }));
      if (shown.length > 0) response.answers.set(table.key, shown);
      else response.answers.delete(table.key);
    }
  }
}

/**
 * The results computed from the database, for a context the reader may read results of; the previous round's
 * figures only when the reader coordinates or that round's results were shared.
 */
export async function computeResults(db: DbOrTx, actor: Actor | null, context: CampaignContext) {
  const { row, definition, roles } = context;
  const responses = await findSubmitted(db, row.id, definition);
  await presentRegistryRows(db, actor, definition, responses);
  const submitted = new Set(responses.map((response) => response.organizationId));
  const all = await repo.findResponses(db, row.id);
  const statusOf = new Map(all.map((response) => [response.organizationId, response.status]));
  const missingIds = roles.memberIds.filter((id) => !submitted.has(id));
  const missing = (await repo.findOrganizations(db, missingIds)).map((organization) => ({
    id: organization.id,
    name: organization.name,
    status: statusOf.get(organization.id) ?? ('not_started' as const),
  }));
  const questions = questionsOf(definition).map((question) => resultOf(question, responses));
  if (row.previousId !== null) {
    const previousRow = await campaignsRepo.findCampaign(db, row.previousId);
    const mayCompare = policy.readGroup(actor, roles.coordinatorIds) || previousRow?.resultsSharedAt != null;
    if (previousRow && !previousRow.deletedAt && mayCompare) {
      const previousDefinition = definitionOf(previousRow);
      const previousQuestions = new Map(
        questionsOf(previousDefinition).map((question) => [question.key, question]),
      );
      // Only what the comparison needs: the figures of counted and summed questions, and what conditions read.
      const compared = questions
        .filter((result) => result.counts !== null || result.summary !== null)
        .map((result) => result.key);
      const conditions = questionsOf(previousDefinition).flatMap((question) =>
        question.showIf ? [question.showIf.questionKey] : [],
      );
      const previousResponses = await findSubmitted(db, previousRow.id, previousDefinition, [
        ...compared,
        ...conditions,
      ]);
      const comparedKeys = new Set(compared);
      for (const result of questions) {
        if (!comparedKeys.has(result.key)) continue;
        const earlier = previousQuestions.get(result.key);
        if (!earlier || earlier.type !== result.type) continue;
        const figures = resultOf(earlier, previousResponses);
        result.previous = {
          answered: figures.answered,
          counts: figures.counts,
          summary: figures.summary && {
            count: figures.summary.count,
            sum: figures.summary.sum,
            mean: figures.summary.mean,
          },
        };
      }
    }
  }
  const members = new Set([...roles.memberIds, ...submitted]).size;
  const results: CampaignResults = {
    campaignId: row.id,
    previousId: row.previousId,
    members,
    submitted: responses.length,
    responseRate: members === 0 ? 0 : responses.length / members,
    missing,
    questions,
    rows: responses.map((response) => ({
      organization: { id: response.organizationId, name: response.name },
      place: response.place,
      submittedAt: response.submittedAt,
      answers: Object.fromEntries(response.answers),
    })),
  };
  return { results, responses };
}

/**
 * A campaign's results: the response rate and who is missing, each question's figures (with the previous round's
 * beside them), and a row per member that submitted, with its place for a map. For the coordinators; for the
 * members once the coordinators have shared them.
 */
export async function getResults(db: DbOrTx, actor: Actor | null, campaignId: number) {
  const context = await loadContext(db, actor, campaignId);
  assertMayReadResults(actor, context);
  return (await computeResults(db, actor, context)).results;
}

/** The context and submitted responses for an export, under the same rule as the results. */
export async function exportSource(db: DbOrTx, actor: Actor | null, campaignId: number) {
  const context = await loadContext(db, actor, campaignId);
  assertMayReadResults(actor, context);
  const responses = await findSubmitted(db, campaignId, context.definition);
  await presentRegistryRows(db, actor, context.definition, responses);
  return { context, responses };
}

export function refuseSheet(key: string): never {
  throw new AppError('VALIDATION_FAILED', 'Invalid request: query.sheet', [
    { field: 'query.sheet', message: `${key} is not a repeatable group or registry table of this campaign` },
  ]);
}
