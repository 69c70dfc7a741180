import { todayKey } from '../../core/clock.ts';
import { AppError, type ErrorDetail } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertVersion } from '../audit/history.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize, policy } from '../auth/policy.ts';
import { type NetworkRoles, networkRoles } from '../networks/networks.roles.ts';
import { notify, peopleOf } from '../notifications/notifications.service.ts';
import * as campaignsRepo from './campaigns.repo.ts';
import {
  answerSchemaFor,
  type CampaignDefinition,
  type CampaignQuestion,
  isAnswered,
  questionsOf,
  type RegistryRow,
  type ResponseDetail,
  type ResponseSummary,
  type SaveAnswerBody,
  type SavedAnswer,
  visibleQuestions,
} from './campaigns.schema.ts';
import { campaignNotFound, definitionOf, mayReadCampaign } from './campaigns.service.ts';
import { applyChanges, checkRegistryRows, prefillRows, previewChanges } from './registry-table.ts';
import * as repo from './responses.repo.ts';

/** A campaign as the response routes need it: the record, its form, and who coordinates and answers it. */
export interface CampaignContext {
  row: campaignsRepo.CampaignRow;
  definition: CampaignDefinition;
  roles: NetworkRoles;
}

/** A live campaign of a live network the actor may see, for its responses; any other answers 404. */
export async function loadContext(db: DbOrTx, actor: Actor | null, id: number): Promise<CampaignContext> {
  const row = await campaignsRepo.findCampaign(db, id);
  if (!row || row.deletedAt) throw campaignNotFound(id);
  const network = await campaignsRepo.findNetwork(db, row.networkId);
  if (!network || network.deletedAt) throw campaignNotFound(id);
  const roles = await networkRoles(db, row.networkId);
  if (!mayReadCampaign(actor, { row, roles })) throw campaignNotFound(id);
  return { row, definition: definitionOf(row), roles };
}

const responseNotFound = (campaignId: number, organizationId: number) =>
  new AppError(
    'RESPONSE_NOT_FOUND',
    `No response of organisation ${organizationId} to campaign ${campaignId}`,
  );

/** Whether a campaign takes answers today: open, and not past its closing date. */
export function acceptsAnswers(
  row: Pick<campaignsRepo.CampaignRow, 'status' | 'closesOn'>,
  today = todayKey(),
): boolean {
  return row.status === 'open' && (!row.closesOn || today <= row.closesOn);
}

function assertAccepting(row: Pick<campaignsRepo.CampaignRow, 'status' | 'closesOn'>) {
  if (!acceptsAnswers(row)) {
    throw new AppError(
      'CONFLICT',
      row.status === 'open'
        ? `The campaign closed on ${row.closesOn}`
        : `The campaign is ${row.status}, not open for answers`,
    );
  }
}

/** Whether the actor reads the response as one of the member's own people (rather than as a coordinator). */
const asMember = (actor: Actor | null, organizationId: number) => policy.readGroup(actor, [organizationId]);

// ---------------------------------------------------------------------------------------------------------------
// Drafts

/**
 * A draft's first answers: the member's answers to the previous round, where the question is still asked and the
 * answer still fits it; and each registry table from the member's ties with the campaign's country as they are
 * now, with the ties it added last time that the registry still lacks.
 */
async function prefill(
  db: DbOrTx,
  context: CampaignContext,
  organizationId: number,
): Promise<Map<string, repo.PrefilledAnswer>> {
  const { row, definition } = context;
  const previous = new Map<string, unknown>();
  if (row.previousId !== null) {
    for (const answer of await repo.findMemberAnswers(db, row.previousId, organizationId))
      previous.set(answer.questionKey, answer.value);
  }
  const answers = new Map<string, repo.PrefilledAnswer>();
  let ties: repo.TieRow[] | undefined;
  for (const question of questionsOf(definition)) {
    if (question.type === 'registry_table') {
      if (!row.countryCode) continue;
      ties ??= await repo.findMemberTies(db, organizationId, row.countryCode);
      answers.set(question.key, {
        value: prefillRows(ties, previous.get(question.key)),
        source: 'registry',
      });
      continue;
    }
    const value = previous.get(question.key);
    if (isAnswered(value) && answerSchemaFor(question).safeParse(value).success)
      answers.set(question.key, { value, source: 'previous' });
  }
  return answers;
}

/**
 * The member's response, made as a draft on first open (pre-filled, see `prefill`). A draft made without answers
 * (by a reminder) is pre-filled when first opened.
 */
async function ensureDraft(
  db: DbOrTx,
  actor: Actor,
  context: CampaignContext,
  organizationId: number,
): Promise<repo.ResponseRow> {
  const campaignId = context.row.id;
  return db.transaction(async (tx) => {
    const createdId = await repo.insertResponse(tx, campaignId, organizationId);
    const response = (await repo.findResponse(tx, campaignId, organizationId, 'update'))!;
    const unfilled = response.status === 'draft' && (await repo.countAnswers(tx, response.id)) === 0;
    const answers = unfilled
      ? await prefill(tx, context, organizationId)
      : new Map<string, repo.PrefilledAnswer>();
    await repo.insertAnswers(tx, response.id, answers, actor.id);
    if (createdId !== undefined || answers.size > 0) {
      await recordAudit(tx, actor, {
        action: createdId !== undefined ? 'create' : 'prefill',
        entityType: 'campaign_response',
        entityId: response.id,
        after: { campaignId, organizationId, status: response.status, prefilled: [...answers.keys()] },
      });
    }
    return response;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

async function presentDetail(
  db: DbOrTx,
  actor: Actor | null,
  context: CampaignContext,
  response: repo.ResponseRow,
): Promise<ResponseDetail> {
  const [organization] = await repo.findOrganizations(db, [response.organizationId]);
  const answers = await repo.findAnswers(db, response.id);
  const member = policy.answerFor(actor, [response.organizationId]);
  const open = acceptsAnswers(context.row) && response.status === 'draft';
  const hasTables = questionsOf(context.definition).some((question) => question.type === 'registry_table');
  return {
    id: response.id,
    campaignId: response.campaignId,
    organization: { id: response.organizationId, name: organization?.name ?? '' },
    status: response.status,
    submittedAt: response.submittedAt?.toISOString() ?? null,
    reopenedAt: response.reopenedAt?.toISOString() ?? null,
    appliedAt: response.appliedAt?.toISOString() ?? null,
    remindedAt: response.remindedAt?.toISOString() ?? null,
    version: response.version,
    answers: Object.fromEntries(
      answers.map((answer) => [
        answer.questionKey,
        {
          value: answer.value,
          version: answer.version,
          updatedAt: answer.updatedAt.toISOString(),
          prefilled: answer.prefilled,
        },
      ]),
    ),
    canAnswer: member && open,
    canSubmit: member && open,
    canReopen:
      response.status === 'submitted' &&
      context.row.status === 'open' &&
      policy.coordinate(actor, context.roles.coordinatorIds),
    canApply: member && response.status === 'submitted' && hasTables && context.row.countryCode !== null,
  };
}

function presentSummary(
  organization: { id: number; name: string },
  response?: repo.ResponseRow,
): ResponseSummary {
  return {
    organization: { id: organization.id, name: organization.name },
    status: response?.status ?? 'not_started',
    submittedAt: response?.submittedAt?.toISOString() ?? null,
    reopenedAt: response?.reopenedAt?.toISOString() ?? null,
    remindedAt: response?.remindedAt?.toISOString() ?? null,
    appliedAt: response?.appliedAt?.toISOString() ?? null,
    version: response?.version ?? null,
  };
}

/**
 * Who has answered: for the coordinators, every member of the target (and any earlier member that responded);
 * for a member's people, their own organisations' responses only.
 */
export async function listResponses(db: DbOrTx, actor: Actor | null, campaignId: number) {
  const context = await loadContext(db, actor, campaignId);
  const responses = await repo.findResponses(db, campaignId);
  const coordinator = policy.readGroup(actor, context.roles.coordinatorIds);
  let ids = [
    ...new Set([...context.roles.memberIds, ...responses.map((response) => response.organizationId)]),
  ];
  if (!coordinator) ids = ids.filter((id) => actor?.memberships.has(id));
  const byOrganization = new Map(responses.map((response) => [response.organizationId, response]));
  const organizations = await repo.findOrganizations(db, ids);
  return {
    items: organizations.map((organization) =>
      presentSummary(organization, byOrganization.get(organization.id)),
    ),
  };
}

/**
 * A member's response. Its own people see it as it stands (a draft is made, pre-filled, when one of its editors
 * first opens it while the campaign takes answers: a reader who may not answer changes nothing); the campaign's
 * coordinators see it only once submitted; nobody else sees it.
 */
export async function getResponse(
  db: DbOrTx,
  actor: Actor | null,
  campaignId: number,
  organizationId: number,
) {
  const context = await loadContext(db, actor, campaignId);
  let response = await repo.findResponse(db, campaignId, organizationId);
  if (actor && asMember(actor, organizationId)) {
    const target = context.roles.memberIds.includes(organizationId);
    const needsDraft =
      !response || (response.status === 'draft' && (await repo.countAnswers(db, response.id)) === 0);
    // Only the member's own editor starts it: reading it, even as an administrator, changes nothing.
    const ownEditor = actor.memberships.get(organizationId) === 'editor';
    if (target && needsDraft && acceptsAnswers(context.row) && ownEditor)
      response = await ensureDraft(db, actor, context, organizationId);
    if (!response) throw responseNotFound(campaignId, organizationId);
  } else if (!policy.readGroup(actor, context.roles.coordinatorIds) || response?.status !== 'submitted') {
    throw responseNotFound(campaignId, organizationId);
  }
  return presentDetail(db, actor, context, response);
}

// ---------------------------------------------------------------------------------------------------------------
// Answering

function zodDetails(
  issues: readonly { path: PropertyKey[]; message: string }[],
  prefix: string,
): ErrorDetail[] {
  return issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * Saves one answer of a draft, as the member's editor types: against the answer's version the client last saw
 * (0 for none). A save from an older version answers 409 with the answer as it is, so nothing is overwritten
 * unseen; saves of other answers go on beside it. Kept fast: one read of the campaign's state and the one question,
 * then one transaction that writes the answer (locking it, and holding the response's status still) and its audit
 * event. Who coordinates or belongs to the group is asked only when the answer is refused, to say why.
 */
export async function saveAnswer(
  db: DbOrTx,
  actor: Actor | null,
  campaignId: number,
  organizationId: number,
  questionKey: string,
  body: SaveAnswerBody,
): Promise<SavedAnswer> {
  if (!actor || !policy.answerFor(actor, [organizationId])) {
    await loadContext(db, actor, campaignId);
    authorize(actor, false);
  }
  const target = await repo.findAnswerTarget(db, campaignId, organizationId, questionKey);
  if (!target || target.deleted) throw campaignNotFound(campaignId);
  // Without a response of its own the member may not be one of the campaign's, and a draft campaign is the
  // coordinators' alone: to anyone who may not see the campaign it does not exist.
  const context =
    target.status === 'draft' || target.responseId === null
      ? await loadContext(db, actor, campaignId)
      : undefined;
  const question = target.question as CampaignQuestion | null;
  if (!question) throw new AppError('NOT_FOUND', `Campaign ${campaignId} has no question ${questionKey}`);
  assertAccepting(target);
  const parsed = answerSchemaFor(question).safeParse(body.value);
  if (!parsed.success) {
    const details = zodDetails(parsed.error.issues, 'body.value');
    throw new AppError('VALIDATION_FAILED', `Invalid request: ${details[0]?.field ?? 'body.value'}`, details);
  }
  const value = parsed.data === undefined ? null : parsed.data;
  if (question.type === 'registry_table' && Array.isArray(value)) {
    const details = await checkRegistryRows(
      db,
      organizationId,
      target.countryCode ?? '',
      value as RegistryRow[],
      'body.value',
    );
    if (details.length > 0)
      throw new AppError('VALIDATION_FAILED', `Invalid request: ${details[0]!.field}`, details);
  }
  let responseId = target.responseId;
  if (responseId === null) {
    // A member that has not opened its response yet gets its draft, pre-filled, before the first answer.
    if (!context?.roles.memberIds.includes(organizationId))
      throw responseNotFound(campaignId, organizationId);
    responseId = (await ensureDraft(db, actor, context, organizationId)).id;
  }
  const savedIn = responseId;
  return db.transaction(async (tx) => {
    const written = await repo.writeAnswer(tx, savedIn, questionKey, value, actor.id, body.version);
    if (!written) {
      const response = await repo.findResponse(tx, campaignId, organizationId);
      if (response?.status !== 'draft')
        throw new AppError('CONFLICT', 'The response is submitted: a coordinator may reopen it for changes');
      const now = await repo.findAnswer(tx, savedIn, questionKey);
      throw new AppError(
        'VERSION_CONFLICT',
        `The answer was changed by someone else (version ${now?.version ?? 0}, you had ${body.version})`,
        [{ field: 'body.version', message: 'is stale' }],
        { questionKey, value: now?.value ?? null, version: now?.version ?? 0 },
      );
    }
    await recordAudit(tx, actor, {
      action: 'answer',
      entityType: 'campaign_response',
      entityId: savedIn,
      before: body.version === 0 ? null : { questionKey, value: written.oldValue, version: body.version },
      after: { questionKey, value, version: written.version },
    });
    return { questionKey, value, version: written.version };
  });
}

/** The required questions left unanswered among those shown, and required fields left empty in groups' rows. */
export function missingAnswers(
  definition: CampaignDefinition,
  answers: ReadonlyMap<string, unknown>,
): ErrorDetail[] {
  const shown = visibleQuestions(definition, answers);
  const missing: ErrorDetail[] = [];
  for (const question of questionsOf(definition)) {
    if (!shown.has(question.key)) continue;
    const value = answers.get(question.key);
    if (question.required && !isAnswered(value)) {
      missing.push({ field: `answers.${question.key}`, message: 'is required' });
      continue;
    }
    if (question.type === 'repeatable_group' && Array.isArray(value)) {
      (value as Record<string, unknown>[]).forEach((row, index) => {
        for (const field of question.fields)
          if (field.required && !isAnswered(row?.[field.key]))
            missing.push({ field: `answers.${question.key}.${index}.${field.key}`, message: 'is required' });
      });
    }
  }
  return missing;
}

async function answersOf(db: DbOrTx, responseId: number): Promise<Map<string, unknown>> {
  return new Map(
    (await repo.findAnswers(db, responseId)).map((answer) => [answer.questionKey, answer.value]),
  );
}

/** Submits a draft: for the member's editors, while the campaign takes answers, once every required answer is given. */
export async function submitResponse(
  db: DbOrTx,
  actor: Actor | null,
  campaignId: number,
  organizationId: number,
  version: number,
) {
  const context = await loadContext(db, actor, campaignId);
  authorize(actor, policy.answerFor(actor, [organizationId]));
  assertAccepting(context.row);
  const response = await db.transaction(async (tx) => {
    const before = await repo.findResponse(tx, campaignId, organizationId, 'update');
    if (!before) throw responseNotFound(campaignId, organizationId);
    if (before.status !== 'draft') throw new AppError('CONFLICT', 'The response is submitted already');
    await assertVersion(before, version, () => presentDetail(tx, actor, context, before));
    const missing = missingAnswers(context.definition, await answersOf(tx, before.id));
    if (missing.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Answer the required questions first: ${missing.map((detail) => detail.field.replace(/^answers\./, '')).join(', ')}`,
        missing,
      );
    }
    await repo.setResponseStatus(tx, before.id, { status: 'submitted', userId: actor.id });
    await recordAudit(tx, actor, {
      action: 'submit',
      entityType: 'campaign_response',
      entityId: before.id,
      before: { status: 'draft', version: before.version },
      after: { status: 'submitted', version: before.version + 1 },
    });
    const coordinators = await peopleOf(tx, context.roles.coordinatorIds, { editorsOnly: true });
    const [member] = await repo.findOrganizations(tx, [organizationId]);
    await notify(
      tx,
      coordinators.map((person) => ({
        userId: person.userId,
        kind: 'campaign_submitted',
        data: { campaignId, title: context.row.title, organizationId, organizationName: member?.name ?? '' },
        link: `/workspace/campaigns/${campaignId}`,
        organizationId: person.organizationId,
      })),
    );
    return (await repo.findResponse(tx, campaignId, organizationId))!;
  });
  return presentDetail(db, actor, context, response);
}

/** Reopens a submitted response for changes: for the coordinators' editors, while the campaign is open. */
export async function reopenResponse(
  db: DbOrTx,
  actor: Actor | null,
  campaignId: number,
  organizationId: number,
  version: number,
) {
  const context = await loadContext(db, actor, campaignId);
  authorize(actor, policy.coordinate(actor, context.roles.coordinatorIds));
  const response = await db.transaction(async (tx) => {
    const before = await repo.findResponse(tx, campaignId, organizationId, 'update');
    if (before?.status !== 'submitted') throw responseNotFound(campaignId, organizationId);
    if (context.row.status !== 'open')
      throw new AppError('CONFLICT', 'Open the campaign again before reopening a response');
    await assertVersion(before, version, () => presentDetail(tx, actor, context, before));
    await repo.setResponseStatus(tx, before.id, { status: 'draft', userId: actor.id });
    await recordAudit(tx, actor, {
      action: 'reopen',
      entityType: 'campaign_response',
      entityId: before.id,
      before: { status: 'submitted', version: before.version },
      after: { status: 'draft', version: before.version + 1 },
    });
    const people = await peopleOf(tx, [organizationId], { editorsOnly: true });
    await notify(
      tx,
      people.map((person) => ({
        userId: person.userId,
        kind: 'campaign_reopened',
        data: { campaignId, title: context.row.title, organizationId },
        link: `/workspace/campaigns/${campaignId}`,
        organizationId,
      })),
    );
    return (await repo.findResponse(tx, campaignId, organizationId))!;
  });
  const [organization] = await repo.findOrganizations(db, [organizationId]);
  return presentSummary(organization ?? { id: organizationId, name: '' }, response);
}

// ---------------------------------------------------------------------------------------------------------------
// Applying registry tables to the ties

/**
 * The response and member for applying: the member's people only. A coordinator, or anyone else who may see the
 * campaign, is refused (403): nobody but the member edits the member's ties.
 */
async function applyTarget(
  db: DbOrTx,
  actor: Actor | null,
  campaignId: number,
  organizationId: number,
  write: boolean,
) {
  const context = await loadContext(db, actor, campaignId);
  authorize(actor, write ? policy.answerFor(actor, [organizationId]) : asMember(actor, organizationId));
  const [member] = await repo.findOrganizations(db, [organizationId]);
  if (!member) throw responseNotFound(campaignId, organizationId);
  return { context, member };
}

export async function applyPreview(
  db: DbOrTx,
  actor: Actor | null,
  campaignId: number,
  organizationId: number,
) {
  const { context, member } = await applyTarget(db, actor, campaignId, organizationId, false);
  const response = await repo.findResponse(db, campaignId, organizationId);
  if (!response) throw responseNotFound(campaignId, organizationId);
  const { changes } = await previewChanges(
    db,
    context.definition,
    context.row.countryCode,
    member,
    await answersOf(db, response.id),
  );
  return { responseVersion: response.version, appliedAt: response.appliedAt?.toISOString() ?? null, changes };
}

/**
 * Applies a submitted response's registry tables to the member's ties (see `applyChanges`), against the
 * response's version; all or nothing, in one transaction.
 */
export async function applyResponse(
  db: DbOrTx,
  actor: Actor | null,
  campaignId: number,
  organizationId: number,
  version: number,
  visibility: 'published' | 'internal' = 'internal',
) {
  const { context, member } = await applyTarget(db, actor, campaignId, organizationId, true);
  authorize(actor, policy.answerFor(actor, [organizationId]));
  return db.transaction(async (tx) => {
    const before = await repo.findResponse(tx, campaignId, organizationId, 'update');
    if (!before) throw responseNotFound(campaignId, organizationId);
    if (before.status !== 'submitted')
      throw new AppError('CONFLICT', 'Submit the response before applying it to the ties');
    await assertVersion(before, version, () => presentDetail(tx, actor, context, before));
    const answers = await answersOf(tx, before.id);
    const { changes, ties, at } = await previewChanges(
      tx,
      context.definition,
      context.row.countryCode,
      member,
      answers,
      visibility,
    );
    const { result, createdAt } = await applyChanges(tx, actor, member, changes, ties, answers);
    // Each row that made a tie names it from now on, so that applying again confirms or updates that tie rather
    // than making another.
    const named = new Map<string, RegistryRow[]>();
    for (const { index, partnershipId } of createdAt) {
      const { questionKey, index: rowIndex } = at[index]!;
      const rows = named.get(questionKey) ?? [...(answers.get(questionKey) as RegistryRow[])];
      rows[rowIndex] = { ...rows[rowIndex]!, partnershipId };
      named.set(questionKey, rows);
    }
    for (const [questionKey, rows] of named)
      await repo.rewriteAnswer(tx, before.id, questionKey, rows, actor.id);
    await repo.setResponseStatus(tx, before.id, { applied: true });
    await recordAudit(tx, actor, {
      action: 'apply',
      entityType: 'campaign_response',
      entityId: before.id,
      before: { appliedAt: before.appliedAt?.toISOString() ?? null, version: before.version },
      after: { ...result, version: before.version + 1 },
    });
    const after = (await repo.findResponse(tx, campaignId, organizationId))!;
    return { ...result, appliedAt: after.appliedAt!.toISOString() };
  });
}
