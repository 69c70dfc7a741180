import * as z from 'zod';
import {
  countryCodeSchema,
  dateSchema,
  idBodySchema,
  idQuerySchema,
  idSchema,
  textSchema,
  visibilitySchema,
} from '../../core/schemas.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.constants.ts';
import { keptRecordFields, updateBodySchema } from '../records/records.schema.ts';
import {
  APPLY_PROBLEMS,
  CAMPAIGN_STATUSES,
  PREFILL_SOURCES,
  QUESTION_TYPES,
  RESPONSE_STATUSES,
} from './campaigns.constants.ts';

/** The languages every text of a campaign is written in. */
export const CAMPAIGN_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type CampaignLanguage = (typeof CAMPAIGN_LANGUAGES)[number];

/** A text in Finnish, Swedish and English, each required. */
export const localizedTextSchema = (max: number) =>
  z
    .strictObject({ fi: textSchema(max), sv: textSchema(max), en: textSchema(max) })
    .describe('The text in Finnish, Swedish and English: { "fi": "…", "sv": "…", "en": "…" }');
export type LocalizedText = Record<CampaignLanguage, string>;

/** A question's or option's key: stable across edits and rounds, what answers refer to. */
export const questionKeySchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,63}$/,
    'must be 1–64 lower-case letters, digits or underscores, starting with a letter',
  );

/** A value a condition compares with: an option's key, yes (true) or no (false), a number. */
const conditionValueSchema = z.union([z.string().max(64), z.number(), z.boolean()]);

export const showIfSchema = z
  .strictObject({
    questionKey: questionKeySchema.describe(
      'An earlier question of type single_choice, multiple_choice, yes_no, number or scale',
    ),
    equals: conditionValueSchema
      .optional()
      .describe('Shown when the answer is this (for multiple choice: includes it)'),
    oneOf: z
      .array(conditionValueSchema)
      .min(1)
      .max(50)
      .optional()
      .describe('Shown when the answer is any of these (for multiple choice: includes any of them)'),
  })
  .refine((rule) => (rule.equals === undefined) !== (rule.oneOf === undefined), {
    message: 'must have either equals or oneOf',
  })
  .describe('Show the question only when an earlier answer says so');
export type ShowIf = z.infer<typeof showIfSchema>;

export const optionSchema = z.strictObject({
  key: questionKeySchema.describe("The option's stable key: what the answer stores"),
  label: localizedTextSchema(300),
});

const questionBase = {
  key: questionKeySchema.describe('Unique within the campaign (and within a group, among its fields)'),
  label: localizedTextSchema(500).describe('The question'),
  help: localizedTextSchema(2000).nullable().default(null).describe('Help shown under the question'),
  required: z
    .boolean()
    .default(false)
    .describe('Must be answered (when shown) before the response is submitted'),
};

const optionsSchema = z
  .array(optionSchema)
  .min(2, 'must have at least 2 options')
  .max(50, 'must have at most 50 options');

const boundSchema = z.number().finite().min(-1e12).max(1e12);

const simpleQuestionShapes = {
  short_text: z.strictObject({ ...questionBase, type: z.literal('short_text') }),
  long_text: z.strictObject({ ...questionBase, type: z.literal('long_text') }),
  single_choice: z.strictObject({
    ...questionBase,
    type: z.literal('single_choice'),
    options: optionsSchema,
  }),
  multiple_choice: z.strictObject({
    ...questionBase,
    type: z.literal('multiple_choice'),
    options: optionsSchema,
  }),
  number: z.strictObject({
    ...questionBase,
    type: z.literal('number'),
    min: boundSchema.nullable().default(null).describe('The smallest answer allowed'),
    max: boundSchema.nullable().default(null).describe('The largest answer allowed'),
    integer: z.boolean().default(false).describe('Whole numbers only'),
  }),
  scale: z.strictObject({
    ...questionBase,
    type: z.literal('scale'),
    min: z.number().int().min(-100).max(100).describe('The lowest point'),
    max: z.number().int().min(-100).max(100).describe('The highest point'),
    step: z.number().int().min(1).max(100).default(1),
    minLabel: localizedTextSchema(100).nullable().default(null).describe('What the lowest point means'),
    maxLabel: localizedTextSchema(100).nullable().default(null).describe('What the highest point means'),
  }),
  date: z.strictObject({ ...questionBase, type: z.literal('date') }),
  yes_no: z.strictObject({ ...questionBase, type: z.literal('yes_no') }),
};

/** A field of a repeatable group: any simple question, without a condition of its own. */
export const fieldSchema = z.discriminatedUnion('type', [
  simpleQuestionShapes.short_text,
  simpleQuestionShapes.long_text,
  simpleQuestionShapes.single_choice,
  simpleQuestionShapes.multiple_choice,
  simpleQuestionShapes.number,
  simpleQuestionShapes.scale,
  simpleQuestionShapes.date,
  simpleQuestionShapes.yes_no,
]);
export type CampaignField = z.infer<typeof fieldSchema>;

const withShowIf = { showIf: showIfSchema.nullable().default(null) };

export const questionSchema = z.discriminatedUnion('type', [
  simpleQuestionShapes.short_text.extend(withShowIf),
  simpleQuestionShapes.long_text.extend(withShowIf),
  simpleQuestionShapes.single_choice.extend(withShowIf),
  simpleQuestionShapes.multiple_choice.extend(withShowIf),
  simpleQuestionShapes.number.extend(withShowIf),
  simpleQuestionShapes.scale.extend(withShowIf),
  simpleQuestionShapes.date.extend(withShowIf),
  simpleQuestionShapes.yes_no.extend(withShowIf),
  z.strictObject({
    ...questionBase,
    ...withShowIf,
    type: z.literal('repeatable_group'),
    fields: z.array(fieldSchema).min(1, 'must have at least one field').max(30),
    maxRows: z.number().int().min(1).max(200).default(50).describe('How many rows a member may add'),
  }),
  z
    .strictObject({ ...questionBase, ...withShowIf, type: z.literal('registry_table') })
    .describe(
      "The member's ties with the campaign's country, pre-filled from the registry, to confirm or correct",
    ),
]);
export type CampaignQuestion = z.infer<typeof questionSchema>;

export const sectionSchema = z.strictObject({
  key: questionKeySchema.describe("The section's stable key"),
  title: localizedTextSchema(300),
  description: localizedTextSchema(2000).nullable().default(null),
  questions: z.array(questionSchema).max(200),
});
export type CampaignSection = z.infer<typeof sectionSchema>;

/** The types a condition may refer to, and so compare an answer with. */
export const CONDITION_TYPES = ['single_choice', 'multiple_choice', 'yes_no', 'number', 'scale'] as const;

type Issue = { path: (string | number)[]; message: string };

/** Checks a condition's values against the question it refers to. */
function conditionIssues(target: CampaignQuestion, rule: ShowIf): string | null {
  const values = rule.oneOf ?? (rule.equals === undefined ? [] : [rule.equals]);
  switch (target.type) {
    case 'single_choice':
    case 'multiple_choice': {
      const keys = new Set(target.options.map((option) => option.key));
      const wrong = values.filter((value) => typeof value !== 'string' || !keys.has(value));
      return wrong.length > 0 ? `must name options of ${target.key}: ${wrong.join(', ')} is not one` : null;
    }
    case 'yes_no':
      return values.every((value) => typeof value === 'boolean') ? null : 'must be true (yes) or false (no)';
    case 'number':
    case 'scale':
      return values.every((value) => typeof value === 'number') ? null : 'must be numbers';
    default:
      return `may refer only to a question of type ${CONDITION_TYPES.join(', ')}`;
  }
}

/** Every rule a definition must keep beyond its shape: unique keys, conditions on earlier questions only. */
function definitionIssues(definition: { sections: CampaignSection[] }): Issue[] {
  const issues: Issue[] = [];
  const sectionKeys = new Set<string>();
  const earlier = new Map<string, CampaignQuestion>();
  const seen = new Set<string>();
  definition.sections.forEach((section, s) => {
    if (sectionKeys.has(section.key))
      issues.push({ path: ['sections', s, 'key'], message: `section key ${section.key} is used twice` });
    sectionKeys.add(section.key);
    section.questions.forEach((question, q) => {
      const at = ['sections', s, 'questions', q];
      if (seen.has(question.key))
        issues.push({ path: [...at, 'key'], message: `question key ${question.key} is used twice` });
      if (question.showIf) {
        const target = earlier.get(question.showIf.questionKey);
        if (!target) {
          issues.push({
            path: [...at, 'showIf', 'questionKey'],
            message:
              seen.has(question.showIf.questionKey) || question.showIf.questionKey === question.key
                ? `must refer to a question before this one; ${question.showIf.questionKey} is not earlier`
                : `must refer to an earlier question; there is no ${question.showIf.questionKey} before it`,
          });
        } else {
          const problem = conditionIssues(target, question.showIf);
          if (problem) issues.push({ path: [...at, 'showIf'], message: problem });
        }
      }
      if ('options' in question) optionKeyIssues(question.options, [...at, 'options'], issues);
      if (question.type === 'number' || question.type === 'scale') boundIssues(question, at, issues);
      if (question.type === 'repeatable_group') {
        const fieldKeys = new Set<string>();
        question.fields.forEach((field, f) => {
          const fieldAt = [...at, 'fields', f];
          if (fieldKeys.has(field.key))
            issues.push({
              path: [...fieldAt, 'key'],
              message: `field key ${field.key} is used twice in this group`,
            });
          fieldKeys.add(field.key);
          if ('options' in field) optionKeyIssues(field.options, [...fieldAt, 'options'], issues);
          if (field.type === 'number' || field.type === 'scale') boundIssues(field, fieldAt, issues);
        });
      }
      seen.add(question.key);
      earlier.set(question.key, question);
    });
  });
  if (seen.size === 0) issues.push({ path: ['sections'], message: 'must have at least one question' });
  return issues;
}

function optionKeyIssues(options: { key: string }[], at: (string | number)[], issues: Issue[]) {
  const keys = new Set<string>();
  options.forEach((option, o) => {
    if (keys.has(option.key))
      issues.push({ path: [...at, o, 'key'], message: `option key ${option.key} is used twice` });
    keys.add(option.key);
  });
}

function boundIssues(
  question: { min: number | null; max: number | null; step?: number },
  at: (string | number)[],
  issues: Issue[],
) {
  if (question.min !== null && question.max !== null && question.min >= question.max) {
    issues.push({ path: [...at, 'max'], message: 'must be greater than min' });
  } else if (question.step !== undefined && question.min !== null && question.max !== null) {
    if ((question.max - question.min) % question.step !== 0)
      issues.push({ path: [...at, 'step'], message: 'must divide max − min' });
  }
}

/**
 * A campaign's form: sections of questions. Checked whole: keys unique (questions across the campaign, options
 * within a question, fields within a group), a condition refers to an earlier question and to its options, every
 * text in fi, sv and en.
 */
export const definitionSchema = z
  .strictObject({ sections: z.array(sectionSchema).min(1, 'must have at least one section').max(50) })
  .superRefine((definition, ctx) => {
    for (const issue of definitionIssues(definition))
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .describe('The form: sections of questions');
export type CampaignDefinitionInput = z.input<typeof definitionSchema>;
export type CampaignDefinition = z.infer<typeof definitionSchema>;

/** Every question of a definition in order, with its section. */
export function questionsOf(definition: CampaignDefinition): CampaignQuestion[] {
  return definition.sections.flatMap((section) => section.questions);
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

/** Text the database stores as it is: no NUL character, no half of a surrogate pair. */
const wellFormed = (text: string) => !text.includes('\u0000') && !/[\uD800-\uDFFF]/u.test(text);

/** A row of a registry table: an existing tie (partnershipId) confirmed or corrected, or a new one (null). */
export const registryRowSchema = z.strictObject({
  partnershipId: idBodySchema
    .nullable()
    .describe('The tie this row is about; null for a tie the member adds'),
  partnerPlaceId: idBodySchema.describe("The partner place in the campaign's country"),
  partnerName: z
    .string()
    .max(300)
    .refine(wellFormed, 'must not contain NUL characters or lone surrogates')
    .nullable()
    .default(null)
    .describe('The partner place’s name, as shown (not used when applying)'),
  kind: z.enum(PARTNERSHIP_KINDS),
  status: z.enum(PARTNERSHIP_STATUSES),
  startedOn: dateSchema.nullable(),
  endedOn: dateSchema.nullable(),
  confirmed: z.boolean().describe('The member confirms the row as it stands'),
});
export type RegistryRow = z.infer<typeof registryRowSchema>;

const MAX_SHORT_TEXT = 500;
/** The largest size of a number answer with no bounds of its own, as the bounds of a number question. */
const MAX_NUMBER = 1e12;
const MAX_LONG_TEXT = 10_000;

function simpleAnswerSchema(question: CampaignField): z.ZodType {
  switch (question.type) {
    case 'short_text':
      return textSchema(MAX_SHORT_TEXT).refine(wellFormed, 'must not contain lone surrogates');
    case 'long_text':
      return textSchema(MAX_LONG_TEXT).refine(wellFormed, 'must not contain lone surrogates');
    case 'single_choice': {
      const keys = question.options.map((option) => option.key);
      return z.string().refine((value) => keys.includes(value), `must be one of ${keys.join(', ')}`);
    }
    case 'multiple_choice': {
      const keys = question.options.map((option) => option.key);
      return z
        .array(z.string().refine((value) => keys.includes(value), `must be one of ${keys.join(', ')}`))
        .max(keys.length)
        .refine((list) => new Set(list).size === list.length, 'names an option twice');
    }
    case 'number': {
      let schema = z.number().finite();
      if (question.integer) schema = schema.int('must be a whole number');
      const min = question.min ?? -MAX_NUMBER;
      const max = question.max ?? MAX_NUMBER;
      schema = schema.min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
      return schema;
    }
    case 'scale':
      return z
        .number()
        .int('must be a whole number')
        .min(question.min, `must be at least ${question.min}`)
        .max(question.max, `must be at most ${question.max}`)
        .refine(
          (value) => (value - question.min) % question.step === 0,
          `must be a step of ${question.step} from ${question.min}`,
        );
    case 'date':
      return dateSchema;
    case 'yes_no':
      return z.boolean();
    default: {
      const exhaustive: never = question;
      return exhaustive;
    }
  }
}

/**
 * The schema of an answer to a question; null clears it. A group's rows are objects of field key → answer (a field
 * left out or null is unanswered); a registry table's rows are ties to confirm, correct or add.
 */
export function answerSchemaFor(question: CampaignQuestion): z.ZodType {
  switch (question.type) {
    case 'repeatable_group': {
      const shape: Record<string, z.ZodType> = {};
      for (const field of question.fields) shape[field.key] = simpleAnswerSchema(field).nullable().optional();
      return z
        .array(z.strictObject(shape))
        .max(question.maxRows, `must have at most ${question.maxRows} rows`)
        .nullable();
    }
    case 'registry_table':
      return z
        .array(registryRowSchema)
        .max(500)
        .refine((rows) => {
          const ids = rows.flatMap((row) => (row.partnershipId === null ? [] : [row.partnershipId]));
          return new Set(ids).size === ids.length;
        }, 'names a tie twice')
        .nullable();
    default:
      return simpleAnswerSchema(question).nullable();
  }
}

/** Whether a question is shown, given the answers so far (a question under a hidden one is hidden too). */
export function visibleQuestions(
  definition: CampaignDefinition,
  answers: ReadonlyMap<string, unknown>,
): Set<string> {
  const visible = new Set<string>();
  for (const question of questionsOf(definition)) {
    const rule = question.showIf;
    if (!rule) {
      visible.add(question.key);
      continue;
    }
    if (!visible.has(rule.questionKey)) continue;
    const answer = answers.get(rule.questionKey);
    const wanted = rule.oneOf ?? (rule.equals === undefined ? [] : [rule.equals]);
    const holds = Array.isArray(answer)
      ? answer.some((value) => wanted.includes(value))
      : answer !== null && answer !== undefined && wanted.includes(answer as string | number | boolean);
    if (holds) visible.add(question.key);
  }
  return visible;
}

/** Whether an answer counts as given: not null, not an empty text or list. */
export function isAnswered(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

export const campaignParamsSchema = z.strictObject({ id: idSchema.describe('Campaign id') });
export const responseParamsSchema = z.strictObject({
  id: idSchema.describe('Campaign id'),
  organizationId: idSchema.describe('The member organisation that answers'),
});
export const answerParamsSchema = responseParamsSchema.extend({
  questionKey: questionKeySchema.describe("The question's key"),
});

export const templateQuerySchema = z.strictObject({
  countryCode: countryCodeSchema
    .default('CN')
    .describe('The country the template asks about (ISO 3166-1 alpha-2)'),
});

const campaignFields = {
  networkId: idBodySchema.describe('The network or working group whose members answer'),
  previousId: idBodySchema
    .nullable()
    .describe("The earlier round of the same target: members' drafts start from their answers to it"),
  title: localizedTextSchema(300),
  description: localizedTextSchema(5000).nullable().describe('What the campaign is for'),
  countryCode: countryCodeSchema.nullable().describe('The country its registry tables ask about'),
  definition: definitionSchema,
  opensOn: dateSchema.nullable().describe('The first day for answers'),
  closesOn: dateSchema.nullable().describe('The last day for answers; not before opensOn'),
};

const datesInOrder = (body: { opensOn?: string | null; closesOn?: string | null }) =>
  !body.opensOn || !body.closesOn || body.opensOn <= body.closesOn;

export const createCampaignBodySchema = z
  .strictObject({
    ...campaignFields,
    previousId: campaignFields.previousId.default(null),
    description: campaignFields.description.default(null),
    countryCode: campaignFields.countryCode.default(null),
    opensOn: campaignFields.opensOn.default(null),
    closesOn: campaignFields.closesOn.default(null),
  })
  .refine(datesInOrder, { message: 'must not be before opensOn', path: ['closesOn'] });
export type CreateCampaignBody = z.infer<typeof createCampaignBodySchema>;

const { networkId: _target, ...editableFields } = campaignFields;
/**
 * A change to a campaign. While it is a draft anything may change but its target; once opened only texts and
 * dates may, and its questions keep their keys, types and options.
 */
export const updateCampaignBodySchema = updateBodySchema(editableFields).refine(datesInOrder, {
  message: 'must not be before opensOn',
  path: ['closesOn'],
});
export type UpdateCampaignBody = z.infer<typeof updateCampaignBodySchema>;

export const campaignListQuerySchema = z.strictObject({
  networkId: idQuerySchema.optional().describe('Only the campaigns of this network or working group'),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
});
export type CampaignListQuery = z.infer<typeof campaignListQuerySchema>;

/** The body of open, close and share-results: the campaign's version as read. */
export const campaignActionBodySchema = z.strictObject({
  version: z.number().int().min(1).describe("The campaign's version, as read; a stale one answers 409"),
});

export const saveAnswerBodySchema = z.strictObject({
  value: z.unknown().describe("The answer, in the question type's shape; null clears it"),
  version: z
    .number()
    .int()
    .min(0)
    .describe(
      "The answer's version you last saw, 0 for none; a stale one answers 409 with the current answer",
    ),
});
export type SaveAnswerBody = z.infer<typeof saveAnswerBodySchema>;

/** The body of submit, reopen and apply: the response's version, as read. */
export const responseActionBodySchema = z.strictObject({
  version: z.number().int().min(1).describe("The response's version, as read; a stale one answers 409"),
});

/** The body of apply: the response's version, and the visibility of the ties it creates. */
export const applyBodySchema = responseActionBodySchema.extend({
  visibility: visibilitySchema
    .default('internal')
    .describe('The visibility of the ties applying creates: internal (the default) or published'),
});

export const resultsQuerySchema = z.strictObject({
  lang: z.enum(CAMPAIGN_LANGUAGES).default('en').describe('The language of headers and choice labels'),
  sheet: questionKeySchema
    .optional()
    .describe('CSV only: the rows of this repeatable group or registry table instead of the main table'),
});

// ---------------------------------------------------------------------------------------------------------------
// Answers

const localizedResponse = z.record(z.string(), z.string());

export const campaignSchema = z.object({
  id: z.number().int(),
  networkId: z.number().int(),
  network: z.object({ id: z.number().int(), name: localizedResponse, shortName: z.string().nullable() }),
  previousId: z.number().int().nullable(),
  title: localizedResponse,
  description: localizedResponse.nullable(),
  countryCode: z.string().nullable(),
  definition: z.object({ sections: z.array(z.unknown()) }).describe('The form (see definitionSchema)'),
  status: z.enum(CAMPAIGN_STATUSES),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
  resultsSharedAt: z.string().nullable(),
  canCoordinate: z.boolean().describe("The reader coordinates the campaign's target"),
  answerableFor: z
    .array(z.object({ id: z.number().int(), name: z.string() }))
    .describe('The member organisations the reader answers for (as an editor)'),
  ...keptRecordFields,
});
export type CampaignResponse = Omit<z.infer<typeof campaignSchema>, 'definition'> & {
  definition: CampaignDefinition;
};

export const campaignListItemSchema = z.object({
  id: z.number().int(),
  networkId: z.number().int(),
  networkName: localizedResponse,
  title: localizedResponse,
  status: z.enum(CAMPAIGN_STATUSES),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
  countryCode: z.string().nullable(),
  resultsSharedAt: z.string().nullable(),
  canCoordinate: z.boolean(),
  progress: z
    .object({ members: z.number().int(), submitted: z.number().int() })
    .nullable()
    .describe(
      "How many of the target's members submitted; for the coordinators' people once it opened, else null",
    ),
  version: z.number().int(),
});
export const campaignListResponseSchema = z.object({ items: z.array(campaignListItemSchema) });
export type CampaignListItem = z.infer<typeof campaignListItemSchema>;

export const templateSchema = z.object({
  key: z.string(),
  countryCode: z.string(),
  title: localizedResponse,
  description: localizedResponse,
  definition: z.object({ sections: z.array(z.unknown()) }),
});
export const templateListResponseSchema = z.object({ items: z.array(templateSchema) });
export type CampaignTemplate = Omit<z.infer<typeof templateSchema>, 'definition'> & {
  definition: CampaignDefinition;
};

export const memberStatusSchema = z.enum(['not_started', ...RESPONSE_STATUSES]);

export const responseSummarySchema = z.object({
  organization: z.object({ id: z.number().int(), name: z.string() }),
  status: memberStatusSchema.describe('not_started until someone opens the response'),
  submittedAt: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  version: z
    .number()
    .int()
    .nullable()
    .describe("The response's version, for reopening it; null before it is started"),
});
export const responseListResponseSchema = z.object({ items: z.array(responseSummarySchema) });
export type ResponseSummary = z.infer<typeof responseSummarySchema>;

export const answerSchema = z.object({
  value: z.unknown(),
  version: z.number().int(),
  updatedAt: z.string(),
  prefilled: z
    .enum(PREFILL_SOURCES)
    .nullable()
    .describe(
      'Where a pre-filled answer came from (the registry, or the previous round), until the member saves it; ' +
        'null once saved',
    ),
});
export type AnswerResponse = z.infer<typeof answerSchema>;

export const responseSchema = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  organization: z.object({ id: z.number().int(), name: z.string() }),
  status: z.enum(RESPONSE_STATUSES),
  submittedAt: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  version: z.number().int(),
  answers: z.record(z.string(), answerSchema).describe('Question key → answer, for the questions answered'),
  canAnswer: z
    .boolean()
    .describe('The reader may change answers now (an editor of the member, open campaign, draft)'),
  canSubmit: z.boolean(),
  canReopen: z.boolean(),
  canApply: z
    .boolean()
    .describe('The reader may apply the registry tables to the ties (an editor of the member)'),
});
export type ResponseDetail = z.infer<typeof responseSchema>;

export const savedAnswerSchema = z.object({
  questionKey: z.string(),
  value: z.unknown(),
  version: z.number().int(),
});
export type SavedAnswer = z.infer<typeof savedAnswerSchema>;

const tieStateSchema = z.object({
  status: z.enum(PARTNERSHIP_STATUSES),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
});

export const applyChangeSchema = z.object({
  questionKey: z.string(),
  change: z.enum(['create', 'update', 'confirm', 'unchanged']),
  partnershipId: z.number().int().nullable(),
  partner: z.object({ id: z.number().int(), name: z.string(), countryCode: z.string() }),
  kind: z.enum(PARTNERSHIP_KINDS),
  before: tieStateSchema.nullable().describe('The tie as the registry has it; null for a new one'),
  after: tieStateSchema,
  problem: z
    .object({ code: z.enum(APPLY_PROBLEMS), message: z.string() })
    .nullable()
    .describe(
      'Why this row cannot be applied (it is then left out): a code to translate, and the reason in English',
    ),
  visibility: z
    .enum(['published', 'internal'])
    .describe(
      "The tie's visibility: as the registry has it, or for a new tie the one applying gives it (internal unless published is asked for)",
    ),
});
export const applyPreviewSchema = z.object({
  responseVersion: z.number().int(),
  appliedAt: z.string().nullable(),
  changes: z.array(applyChangeSchema),
});
export type ApplyPreview = z.infer<typeof applyPreviewSchema>;

export const applyResultSchema = z.object({
  created: z.array(z.number().int()).describe('The ties made'),
  updated: z.array(z.number().int()).describe('The ties changed'),
  confirmed: z.array(z.number().int()).describe("The ties confirmed for the member's party"),
  appliedAt: z.string(),
});

export const remindersResultSchema = z.object({
  members: z.array(z.object({ id: z.number().int(), name: z.string() })).describe('The members reminded'),
  notified: z.number().int().describe('People notified in the app'),
  emailed: z.number().int().describe('E-mails sent (0 when no SMTP is configured)'),
});

const questionResultSchema = z.object({
  key: z.string(),
  type: z.enum(QUESTION_TYPES),
  label: localizedResponse,
  answered: z.number().int(),
  counts: z
    .record(z.string(), z.number().int())
    .nullable()
    .describe('Choices, yes/no (yes, no) and scale points: how many answered each'),
  summary: z
    .object({
      count: z.number().int(),
      sum: z.number().nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      mean: z.number().nullable(),
      median: z.number().nullable(),
    })
    .nullable()
    .describe('Numbers and scales'),
  texts: z
    .array(z.object({ organizationId: z.number().int(), name: z.string(), value: z.string() }))
    .nullable()
    .describe('Free text and dates, by member'),
  rows: z
    .array(
      z.object({
        organizationId: z.number().int(),
        name: z.string(),
        row: z.record(z.string(), z.unknown()),
      }),
    )
    .nullable()
    .describe('Repeatable groups and registry tables: every row, by member'),
  previous: z
    .object({
      answered: z.number().int(),
      counts: z.record(z.string(), z.number().int()).nullable(),
      summary: z
        .object({ count: z.number().int(), sum: z.number().nullable(), mean: z.number().nullable() })
        .nullable(),
    })
    .nullable()
    .describe("The previous round's figures for the same question key, when there is one"),
});

export const resultsSchema = z.object({
  campaignId: z.number().int(),
  previousId: z.number().int().nullable(),
  members: z.number().int().describe('Target members'),
  submitted: z.number().int(),
  responseRate: z.number().describe('submitted / members, 0–1'),
  missing: z.array(z.object({ id: z.number().int(), name: z.string(), status: memberStatusSchema })),
  questions: z.array(questionResultSchema),
  rows: z
    .array(
      z.object({
        organization: z.object({ id: z.number().int(), name: z.string() }),
        place: z
          .object({ id: z.number().int(), name: z.string(), lat: z.number(), lng: z.number() })
          .nullable()
          .describe("The member's place and its coordinates, for a map"),
        submittedAt: z.string(),
        answers: z.record(z.string(), z.unknown()),
      }),
    )
    .describe('One row per member that submitted'),
});
export type CampaignResults = z.infer<typeof resultsSchema>;
export type QuestionResult = z.infer<typeof questionResultSchema>;
