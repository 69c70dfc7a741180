/**
 * A campaign's form as the pages handle it, in pure functions: texts in the reader's language, which questions show
 * given the answers so far (as the server decides it), what counts as answered, the texts still missing a language,
 * and the builder's edits of a definition (new questions of each type, moves, keys).
 */
import type {
  CampaignDefinition,
  CampaignField,
  CampaignQuestion,
  CampaignSection,
  CampaignShowIf,
} from './campaigns-api.ts';

/** The languages every text of a campaign is written in, in the order the builder offers them. */
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Localized = Record<Language, string>;

/** A text in `language`, else in English, else in any language it has. */
export function pick(text: Record<string, string> | null | undefined, language: string): string {
  if (!text) return '';
  return text[language] || text.en || Object.values(text).find((value) => value) || '';
}

/** The campaign language closest to the interface language (English for any other). */
export const campaignLanguage = (language: string): Language =>
  (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : 'en';

export const emptyText = (): Localized => ({ fi: '', sv: '', en: '' });

/** Every question of a definition, in order. */
export const questionsOf = (definition: CampaignDefinition): CampaignQuestion[] =>
  definition.sections.flatMap((section) => section.questions);

/** The types a condition may refer to. */
export const CONDITION_TYPES = ['single_choice', 'multiple_choice', 'yes_no', 'number', 'scale'] as const;

/** The values a condition asks for: oneOf, or equals alone. */
export const conditionValues = (rule: CampaignShowIf): (string | number | boolean)[] =>
  rule.oneOf ?? (rule.equals === undefined ? [] : [rule.equals]);

/** Which questions show given the answers so far; a question whose condition's question is hidden is hidden too. */
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
    const wanted = conditionValues(rule);
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

/** The required questions shown but not answered, and required fields left empty in groups' rows. */
export function missingAnswers(
  definition: CampaignDefinition,
  answers: ReadonlyMap<string, unknown>,
): { questionKey: string; row?: number; fieldKey?: string }[] {
  const shown = visibleQuestions(definition, answers);
  const missing: { questionKey: string; row?: number; fieldKey?: string }[] = [];
  for (const question of questionsOf(definition)) {
    if (!shown.has(question.key)) continue;
    const value = answers.get(question.key);
    if (question.required && !isAnswered(value)) {
      missing.push({ questionKey: question.key });
      continue;
    }
    if (question.type === 'repeatable_group' && Array.isArray(value)) {
      (value as Record<string, unknown>[]).forEach((row, index) => {
        for (const field of question.fields)
          if (field.required && !isAnswered(row?.[field.key]))
            missing.push({ questionKey: question.key, row: index, fieldKey: field.key });
      });
    }
  }
  return missing;
}

// ---------------------------------------------------------------------------------------------------------------
// Languages

/** A text of the campaign that lacks a language: where it is (a field path as the API names it) and which. */
export interface MissingText {
  path: string;
  languages: Language[];
}

const missingIn = (text: Partial<Localized> | null | undefined): Language[] =>
  text ? LANGUAGES.filter((language) => !text[language]?.trim()) : [];

/** Texts whose presence is optional: all three or none (help, descriptions, a scale's end labels). */
const optionalMissing = (text: Partial<Localized> | null | undefined): Language[] => {
  if (!text) return [];
  const missing = missingIn(text);
  return missing.length === LANGUAGES.length ? [] : missing;
};

/**
 * Every text that has not been written in every language yet: titles, labels and options must be written in all
 * three; help, descriptions and end labels in all three or none.
 */
export function missingTexts(draft: {
  title: Localized;
  description: Localized | null;
  definition: CampaignDefinition;
}): MissingText[] {
  const found: MissingText[] = [];
  const add = (path: string, languages: Language[]) => {
    if (languages.length > 0) found.push({ path, languages });
  };
  add('title', missingIn(draft.title));
  add('description', optionalMissing(draft.description));
  const questionTexts = (question: CampaignField | CampaignQuestion, at: string) => {
    add(`${at}.label`, missingIn(question.label));
    add(`${at}.help`, optionalMissing(question.help));
    if ('options' in question)
      question.options.forEach((option, o) => {
        add(`${at}.options.${o}.label`, missingIn(option.label));
      });
    if (question.type === 'scale') {
      add(`${at}.minLabel`, optionalMissing(question.minLabel));
      add(`${at}.maxLabel`, optionalMissing(question.maxLabel));
    }
  };
  draft.definition.sections.forEach((section, s) => {
    const at = `definition.sections.${s}`;
    add(`${at}.title`, missingIn(section.title));
    add(`${at}.description`, optionalMissing(section.description));
    section.questions.forEach((question, q) => {
      const questionAt = `${at}.questions.${q}`;
      questionTexts(question, questionAt);
      if (question.type === 'repeatable_group')
        question.fields.forEach((field, f) => {
          questionTexts(field, `${questionAt}.fields.${f}`);
        });
    });
  });
  return found;
}

/** How many texts lack each language. */
export function missingByLanguage(missing: readonly MissingText[]): Record<Language, number> {
  const counts: Record<Language, number> = { fi: 0, sv: 0, en: 0 };
  for (const text of missing) for (const language of text.languages) counts[language] += 1;
  return counts;
}

/**
 * A definition as the API takes it: optional texts left empty in every language become null, and texts are
 * trimmed. Texts still missing a language are sent as they are, so that the API names them.
 */
export function cleanDefinition(definition: CampaignDefinition): CampaignDefinition {
  const text = (value: Localized): Localized => ({
    fi: value.fi.trim(),
    sv: value.sv.trim(),
    en: value.en.trim(),
  });
  const optional = (value: Localized | null): Localized | null =>
    value && LANGUAGES.some((language) => value[language].trim()) ? text(value) : null;
  const question = <Q extends CampaignField | CampaignQuestion>(item: Q): Q => {
    const out = { ...withoutUid(item), label: text(item.label), help: optional(item.help) };
    if ('options' in out)
      (out as { options: unknown }).options = out.options.map((option) => ({
        ...withoutUid(option),
        label: text(option.label),
      }));
    if (out.type === 'scale')
      Object.assign(out, { minLabel: optional(out.minLabel), maxLabel: optional(out.maxLabel) });
    if (out.type === 'repeatable_group')
      Object.assign(out, { fields: out.fields.map((field) => question(field)) });
    return out as Q;
  };
  return {
    sections: definition.sections.map((section) => ({
      ...withoutUid(section),
      title: text(section.title),
      description: optional(section.description),
      questions: section.questions.map((item) => question(item)),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Ids the builder gives the parts of a form while it edits them, so that a part keeps its place on the page (and
// what is typed in it) while keys are edited and parts move; they are left out of what is saved.

let lastUid = 0;

/** The part with an id of its own (kept when it has one). */
export function tagged<T extends object>(item: T): T {
  if ('uid' in item) return item;
  lastUid += 1;
  return { ...item, uid: `u${lastUid}` };
}

/** A part's id given by the builder ('' for a part without one). */
export const uidOf = (item: object): string => (item as { uid?: string }).uid ?? '';

function withoutUid<T extends object>(item: T): T {
  if (!('uid' in item)) return item;
  const { uid: _uid, ...rest } = item as T & { uid: string };
  return rest as T;
}

/** A definition whose every section, question, field and option has an id of its own. */
export function withUids(definition: CampaignDefinition): CampaignDefinition {
  return {
    sections: definition.sections.map((section) =>
      tagged({ ...section, questions: section.questions.map((question) => tagQuestion(question)) }),
    ),
  };
}

/** A question (or field) and its options and fields, each with an id of its own. */
export function tagQuestion<Q extends CampaignField | CampaignQuestion>(question: Q): Q {
  const out = tagged(question) as Q;
  const copy = { ...out };
  if ('options' in copy) Object.assign(copy, { options: copy.options.map((option) => tagged(option)) });
  if (copy.type === 'repeatable_group')
    Object.assign(copy, { fields: copy.fields.map((field) => tagQuestion(field)) });
  return copy;
}

// ---------------------------------------------------------------------------------------------------------------
// The builder's edits

export type QuestionType = CampaignQuestion['type'];
export type FieldType = CampaignField['type'];

/** The types a repeatable group's fields may have. */
export const FIELD_TYPES: readonly FieldType[] = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'number',
  'scale',
  'date',
  'yes_no',
];

/** A key like `base`, `base_2`, … that none of `taken` has (keys: lower-case letters, digits, underscores). */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const root =
    base
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+|_+$/g, '')
      .slice(0, 40) || 'q';
  if (!used.has(root)) return root;
  for (let index = 2; ; index += 1) if (!used.has(`${root}_${index}`)) return `${root}_${index}`;
}

/** Every key a definition uses for its sections and questions. */
export const keysOf = (definition: CampaignDefinition): string[] => [
  ...definition.sections.map((section) => section.key),
  ...questionsOf(definition).map((question) => question.key),
];

/** Two options to start a choice with, labelled by the caller's words in each language. */
const startOptions = (words: { option: (n: number) => Localized }) => [
  { key: 'option_1', label: words.option(1) },
  { key: 'option_2', label: words.option(2) },
];

/** The words a new question starts with, in each language (the builder fills them from its texts). */
export interface StarterWords {
  option: (n: number) => Localized;
}

/** A new field of a type, with the given key and its texts to be written. */
export function newField(type: FieldType, key: string, words: StarterWords): CampaignField {
  const base = { key, label: emptyText(), help: null, required: false };
  switch (type) {
    case 'single_choice':
    case 'multiple_choice':
      return { ...base, type, options: startOptions(words) };
    case 'number':
      return { ...base, type, min: null, max: null, integer: false };
    case 'scale':
      return { ...base, type, min: 1, max: 5, step: 1, minLabel: null, maxLabel: null };
    case 'short_text':
    case 'long_text':
    case 'date':
    case 'yes_no':
      return { ...base, type };
    default: {
      const exhaustive: never = type;
      return exhaustive;
    }
  }
}

/** A new question of a type, with the given key. */
export function newQuestion(type: QuestionType, key: string, words: StarterWords): CampaignQuestion {
  if (type === 'repeatable_group')
    return {
      key,
      type,
      label: emptyText(),
      help: null,
      required: false,
      showIf: null,
      maxRows: 50,
      fields: [newField('short_text', 'field_1', words)],
    };
  if (type === 'registry_table')
    return { key, type, label: emptyText(), help: null, required: false, showIf: null };
  return { ...newField(type, key, words), showIf: null } as CampaignQuestion;
}

/**
 * A question given another type: its key, texts, requirement and condition kept, and what both types have (the
 * options of a choice, the bounds of a number) carried over.
 */
export function changeType(
  question: CampaignQuestion,
  type: QuestionType,
  words: StarterWords,
): CampaignQuestion {
  const fresh = newQuestion(type, question.key, words);
  const kept = {
    ...fresh,
    label: question.label,
    help: question.help,
    required: question.required,
    showIf: question.showIf,
  } as CampaignQuestion;
  if ('options' in kept && 'options' in question) Object.assign(kept, { options: question.options });
  return kept;
}

/** The list with the item at `from` moved to `to`. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}

/** The questions a condition of question `key` may refer to: earlier ones of a type a condition compares with. */
export function conditionTargets(definition: CampaignDefinition, key: string): CampaignQuestion[] {
  const earlier: CampaignQuestion[] = [];
  for (const question of questionsOf(definition)) {
    if (question.key === key) break;
    if ((CONDITION_TYPES as readonly string[]).includes(question.type)) earlier.push(question);
  }
  return earlier;
}

/** Whether a definition's conditions still hold together: those that refer to a question no longer earlier go. */
export function dropBrokenConditions(definition: CampaignDefinition): CampaignDefinition {
  const earlier = new Map<string, CampaignQuestion>();
  const sections = definition.sections.map(
    (section): CampaignSection => ({
      ...section,
      questions: section.questions.map((question) => {
        let kept = question;
        const rule = question.showIf;
        if (rule) {
          const target = earlier.get(rule.questionKey);
          const fits =
            target &&
            (CONDITION_TYPES as readonly string[]).includes(target.type) &&
            conditionValues(rule).every((value) =>
              'options' in target
                ? target.options.some((option) => option.key === value)
                : target.type === 'yes_no'
                  ? typeof value === 'boolean'
                  : typeof value === 'number',
            );
          if (!fits) kept = { ...question, showIf: null };
        }
        earlier.set(kept.key, kept);
        return kept;
      }),
    }),
  );
  return { sections };
}

/** The first words of a blank campaign, in each language: a section and a question to rewrite. */
export const BLANK_WORDS = {
  title: { fi: 'Uusi kysely', sv: 'Ny enkät', en: 'New survey' },
  section: { fi: 'Osio 1', sv: 'Avsnitt 1', en: 'Section 1' },
  question: { fi: 'Kysymys 1', sv: 'Fråga 1', en: 'Question 1' },
  option: (n: number): Localized => ({ fi: `Vaihtoehto ${n}`, sv: `Alternativ ${n}`, en: `Option ${n}` }),
};

/** A blank campaign's form: one section with one short question, to rewrite. */
export function blankDefinition(): CampaignDefinition {
  return {
    sections: [
      {
        key: 'section_1',
        title: { ...BLANK_WORDS.section },
        description: null,
        questions: [
          {
            key: 'question_1',
            type: 'short_text',
            label: { ...BLANK_WORDS.question },
            help: null,
            required: false,
            showIf: null,
          },
        ],
      },
    ],
  };
}

/** Codes that Intl names but that are no country (the EU, the UN, pseudo-regions). */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
let allCountryCodes: string[] | undefined;

/** Every ISO 3166-1 alpha-2 code the browser names a country for, found once. */
export function countryCodes(): string[] {
  if (allCountryCodes) return allCountryCodes;
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const codes: string[] = [];
  for (let first = 65; first <= 90; first += 1)
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      if (NOT_COUNTRIES.has(code)) continue;
      try {
        if (names.of(code)) codes.push(code);
      } catch {
        // not a region code
      }
    }
  allCountryCodes = codes;
  return codes;
}
