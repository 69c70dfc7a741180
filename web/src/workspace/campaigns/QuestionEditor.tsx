import { useState } from 'react';
import { Button } from '../../ui/Button.tsx';
import { Checkbox, CheckboxGroup } from '../../ui/Checkbox.tsx';
import { Disclosure } from '../../ui/Disclosure.tsx';
import { Radio, RadioGroup } from '../../ui/RadioGroup.tsx';
import { Select } from '../../ui/Select.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { WorkspaceT } from '../texts.ts';
import { parseNumber, scalePoints } from './AnswerInputs.tsx';
import {
  changeType,
  conditionTargets,
  conditionValues,
  FIELD_TYPES,
  type FieldType,
  type Language,
  move,
  newField,
  pick,
  type QuestionType,
  type StarterWords,
  tagged,
  tagQuestion,
  uidOf,
  uniqueKey,
} from './campaign-model.ts';
import {
  type CampaignDefinition,
  type CampaignField,
  type CampaignQuestion,
  QUESTION_TYPES,
} from './campaigns-api.ts';
import { fieldId, LocalizedField } from './LocalizedField.tsx';

/** What every editor of a part of the form is given. */
export interface EditorContext {
  t: WorkspaceT;
  /** The language being written. */
  language: Language;
  uiLanguage: string;
  /** Once the campaign is open only texts change: keys, types, options, bounds and conditions stay. */
  locked: boolean;
  /** The API's errors by path (definition.sections.0.questions.1.label.sv …). */
  errors: Record<string, string>;
  words: StarterWords;
}

/** A number setting typed as text (a bound, a step): kept as typed until it is a number, then given. */
function NumberSetting(props: {
  ctx: EditorContext;
  path: string;
  label: string;
  value: number | null;
  nullable?: boolean;
  integer?: boolean;
  onChange: (value: number | null) => void;
}) {
  const { ctx } = props;
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  const [problem, setProblem] = useState<string | null>(null);
  const error = problem ?? ctx.errors[props.path];
  return (
    <TextField
      id={fieldId(props.path)}
      label={props.label}
      value={text}
      inputMode={props.integer ? 'numeric' : 'decimal'}
      isReadOnly={ctx.locked}
      validationBehavior="aria"
      isInvalid={!!error}
      errorMessage={error}
      onChange={(typed) => {
        setText(typed);
        const value = parseNumber(typed);
        if (value === undefined || (value === null && !props.nullable)) {
          setProblem(ctx.t('campaigns.answer.number'));
          return;
        }
        if (value !== null && props.integer && !Number.isInteger(value)) {
          setProblem(ctx.t('campaigns.answer.wholeNumber'));
          return;
        }
        setProblem(null);
        props.onChange(value);
      }}
    />
  );
}

/** A key (of a question, field, option or section): what answers refer to; fixed once the campaign is open. */
function KeySetting(props: {
  ctx: EditorContext;
  path: string;
  value: string;
  onChange: (key: string) => void;
}) {
  const { ctx } = props;
  const error = ctx.errors[`${props.path}.key`];
  return (
    <TextField
      id={fieldId(`${props.path}.key`)}
      label={ctx.t('campaigns.builder.key')}
      description={ctx.t('campaigns.builder.keyHint')}
      value={props.value}
      isReadOnly={ctx.locked}
      validationBehavior="aria"
      isInvalid={!!error}
      errorMessage={error}
      onChange={(typed) => props.onChange(typed.toLowerCase().replace(/[^a-z0-9_]/g, '_'))}
    />
  );
}

/** Move up, move down and remove, named by the item they act on. */
export function ItemButtons(props: {
  t: WorkspaceT;
  name: string;
  index: number;
  count: number;
  locked: boolean;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t, name, index, count } = props;
  if (props.locked) return null;
  return (
    <div className="cp-item-buttons">
      <Button
        size="s"
        variant="quiet"
        isDisabled={index === 0}
        aria-label={t('campaigns.builder.moveUpNamed', { name })}
        onPress={() => props.onMove(index - 1)}
      >
        {t('campaigns.builder.moveUp')}
      </Button>
      <Button
        size="s"
        variant="quiet"
        isDisabled={index === count - 1}
        aria-label={t('campaigns.builder.moveDownNamed', { name })}
        onPress={() => props.onMove(index + 1)}
      >
        {t('campaigns.builder.moveDown')}
      </Button>
      <Button
        size="s"
        variant="quiet"
        aria-label={t('campaigns.builder.removeNamed', { name })}
        onPress={props.onRemove}
      >
        {t('campaigns.builder.remove')}
      </Button>
    </div>
  );
}

type WithOptions = Extract<CampaignField, { options: unknown }>;

/** A choice's options: each a text in every language and a key; added, moved and removed while a draft. */
function OptionsEditor(props: {
  ctx: EditorContext;
  path: string;
  question: WithOptions;
  onChange: (options: WithOptions['options']) => void;
}) {
  const { ctx, path, question } = props;
  const { t } = ctx;
  const options = question.options;
  const set = (index: number, option: WithOptions['options'][number]) =>
    props.onChange(options.map((old, at) => (at === index ? option : old)));
  return (
    <fieldset className="cp-subeditor">
      <legend>{t('campaigns.builder.options')}</legend>
      {ctx.errors[`${path}.options`] && <p className="cb-field-error">{ctx.errors[`${path}.options`]}</p>}
      <ol className="cp-option-list">
        {options.map((option, index) => {
          const at = `${path}.options.${index}`;
          const name = pick(option.label, ctx.language) || option.key;
          return (
            <li key={uidOf(option)} className="cp-option">
              <LocalizedField
                t={t}
                path={`${at}.label`}
                label={t('campaigns.builder.option', { number: index + 1 })}
                text={option.label}
                language={ctx.language}
                uiLanguage={ctx.uiLanguage}
                errors={ctx.errors}
                required
                onChange={(label) => set(index, { ...option, label })}
              />
              <ItemButtons
                t={t}
                name={name}
                index={index}
                count={options.length}
                locked={ctx.locked}
                onMove={(to) => props.onChange(move(options, index, to))}
                onRemove={() => props.onChange(options.filter((_, atIndex) => atIndex !== index))}
              />
            </li>
          );
        })}
      </ol>
      {!ctx.locked && (
        <Button
          size="s"
          onPress={() =>
            props.onChange([
              ...options,
              tagged({
                key: uniqueKey(
                  `option_${options.length + 1}`,
                  options.map((option) => option.key),
                ),
                label: ctx.words.option(options.length + 1),
              }),
            ])
          }
        >
          {t('campaigns.builder.addOption')}
        </Button>
      )}
    </fieldset>
  );
}

/** The texts a question of its type has beyond its own: its options, the ends of its scale. */
function TypeTexts(props: {
  ctx: EditorContext;
  path: string;
  question: CampaignField | CampaignQuestion;
  onChange: (question: CampaignField | CampaignQuestion) => void;
}) {
  const { ctx, path, question } = props;
  const { t } = ctx;
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return (
        <OptionsEditor
          ctx={ctx}
          path={path}
          question={question}
          onChange={(options) => props.onChange({ ...question, options })}
        />
      );
    case 'scale':
      return (
        <div className="cp-settings-row">
          <LocalizedField
            t={t}
            path={`${path}.minLabel`}
            label={t('campaigns.builder.minLabel')}
            text={question.minLabel}
            language={ctx.language}
            uiLanguage={ctx.uiLanguage}
            errors={ctx.errors}
            onChange={(minLabel) => props.onChange({ ...question, minLabel })}
          />
          <LocalizedField
            t={t}
            path={`${path}.maxLabel`}
            label={t('campaigns.builder.maxLabel')}
            text={question.maxLabel}
            language={ctx.language}
            uiLanguage={ctx.uiLanguage}
            errors={ctx.errors}
            onChange={(maxLabel) => props.onChange({ ...question, maxLabel })}
          />
        </div>
      );
    default:
      return null;
  }
}

/** The bounds of a number or a scale. */
function Bounds(props: {
  ctx: EditorContext;
  path: string;
  question: CampaignField | CampaignQuestion;
  onChange: (question: CampaignField | CampaignQuestion) => void;
}) {
  const { ctx, path, question } = props;
  const { t } = ctx;
  if (question.type === 'number')
    return (
      <div className="cp-settings-row">
        <NumberSetting
          ctx={ctx}
          path={`${path}.min`}
          label={t('campaigns.builder.min')}
          value={question.min}
          nullable
          onChange={(min) => props.onChange({ ...question, min })}
        />
        <NumberSetting
          ctx={ctx}
          path={`${path}.max`}
          label={t('campaigns.builder.max')}
          value={question.max}
          nullable
          onChange={(max) => props.onChange({ ...question, max })}
        />
        <Checkbox
          isSelected={question.integer}
          isDisabled={ctx.locked}
          onChange={(integer) => props.onChange({ ...question, integer })}
        >
          {t('campaigns.builder.integer')}
        </Checkbox>
      </div>
    );
  if (question.type === 'scale')
    return (
      <div className="cp-settings-row">
        <NumberSetting
          ctx={ctx}
          path={`${path}.min`}
          label={t('campaigns.builder.scaleMin')}
          value={question.min}
          integer
          onChange={(min) => props.onChange({ ...question, min: min ?? 1 })}
        />
        <NumberSetting
          ctx={ctx}
          path={`${path}.max`}
          label={t('campaigns.builder.scaleMax')}
          value={question.max}
          integer
          onChange={(max) => props.onChange({ ...question, max: max ?? 5 })}
        />
        <NumberSetting
          ctx={ctx}
          path={`${path}.step`}
          label={t('campaigns.builder.step')}
          value={question.step}
          integer
          onChange={(step) => props.onChange({ ...question, step: step ?? 1 })}
        />
      </div>
    );
  return null;
}

/** The type of a question or field, as a list to choose from (fixed once the campaign is open). */
function TypeSelect(props: {
  ctx: EditorContext;
  types: readonly string[];
  value: string;
  name: string;
  onChange: (type: string) => void;
}) {
  const { ctx } = props;
  return (
    <Select
      label={ctx.t('campaigns.builder.type')}
      aria-label={ctx.t('campaigns.builder.typeOf', { name: props.name })}
      options={props.types.map((type) => ({ id: type, label: ctx.t(`campaigns.type.${type}`) }))}
      selectedKey={props.value}
      isDisabled={ctx.locked}
      onSelectionChange={(key) => {
        if (key !== null && key !== props.value) props.onChange(String(key));
      }}
    />
  );
}

/** A question's or field's texts in the language being written: its text, help, options and scale ends. */
function QuestionTexts(props: {
  ctx: EditorContext;
  path: string;
  question: CampaignField | CampaignQuestion;
  onChange: (question: CampaignField | CampaignQuestion) => void;
}) {
  const { ctx, path, question } = props;
  const { t } = ctx;
  return (
    <>
      <LocalizedField
        t={t}
        path={`${path}.label`}
        label={t('campaigns.builder.label')}
        text={question.label}
        language={ctx.language}
        uiLanguage={ctx.uiLanguage}
        errors={ctx.errors}
        required
        onChange={(label) => props.onChange({ ...question, label })}
      />
      <LocalizedField
        t={t}
        path={`${path}.help`}
        label={t('campaigns.builder.help')}
        text={question.help}
        language={ctx.language}
        uiLanguage={ctx.uiLanguage}
        errors={ctx.errors}
        multiline
        onChange={(help) => props.onChange({ ...question, help })}
      />
      <TypeTexts ctx={ctx} path={path} question={question} onChange={props.onChange} />
    </>
  );
}

/** A question's or field's make-up: its type, key, whether it is required, its bounds. */
function Structure(props: {
  ctx: EditorContext;
  path: string;
  question: CampaignField | CampaignQuestion;
  types: readonly string[];
  name: string;
  onChange: (question: CampaignField | CampaignQuestion) => void;
  onType: (type: string) => void;
}) {
  const { ctx, path, question } = props;
  return (
    <>
      <div className="cp-settings-row">
        <TypeSelect
          ctx={ctx}
          types={props.types}
          value={question.type}
          name={props.name}
          onChange={props.onType}
        />
        <KeySetting
          ctx={ctx}
          path={path}
          value={question.key}
          onChange={(key) => props.onChange({ ...question, key })}
        />
      </div>
      <Checkbox
        isSelected={question.required}
        isDisabled={ctx.locked}
        onChange={(required) => props.onChange({ ...question, required })}
      >
        {ctx.t('campaigns.builder.required')}
      </Checkbox>
      <Bounds ctx={ctx} path={path} question={question} onChange={props.onChange} />
    </>
  );
}

/** Whether any of the API's errors is about a part under `path` (its settings then show open). */
const hasErrorUnder = (errors: Record<string, string>, path: string) =>
  Object.keys(errors).some((field) => field === path || field.startsWith(`${path}.`));

type Group = Extract<CampaignQuestion, { type: 'repeatable_group' }>;

/** A repeatable group's fields: each a question of its own kind (no group, no table, no condition). */
function FieldsEditor(props: {
  ctx: EditorContext;
  path: string;
  group: Group;
  onChange: (group: Group) => void;
}) {
  const { ctx, path, group } = props;
  const { t } = ctx;
  const [adding, setAdding] = useState<FieldType>('short_text');
  // Fields added here open with their settings shown.
  const [fresh] = useState(() => new Set<string>());
  const remember = (field: CampaignField) => {
    const made = tagQuestion(field);
    fresh.add(uidOf(made));
    return made;
  };
  const fields = group.fields;
  const setFields = (next: CampaignField[]) => props.onChange({ ...group, fields: next });
  return (
    <fieldset className="cp-subeditor">
      <legend>{t('campaigns.builder.fields')}</legend>
      <NumberSetting
        ctx={ctx}
        path={`${path}.maxRows`}
        label={t('campaigns.builder.maxRows')}
        value={group.maxRows}
        integer
        onChange={(maxRows) => props.onChange({ ...group, maxRows: maxRows ?? 50 })}
      />
      <ol className="cp-field-list">
        {fields.map((field, index) => {
          const at = `${path}.fields.${index}`;
          const name = pick(field.label, ctx.language) || field.key;
          const change = (changed: CampaignField | CampaignQuestion) =>
            setFields(fields.map((old, atIndex) => (atIndex === index ? (changed as CampaignField) : old)));
          return (
            <li key={uidOf(field)} className="cp-field-card">
              <div className="cp-card-header">
                <h4 className="cp-card-title">
                  {t('campaigns.builder.fieldNumber', { number: index + 1, name })}
                </h4>
                <ItemButtons
                  t={t}
                  name={name}
                  index={index}
                  count={fields.length}
                  locked={ctx.locked}
                  onMove={(to) => setFields(move(fields, index, to))}
                  onRemove={() => setFields(fields.filter((_, atIndex) => atIndex !== index))}
                />
              </div>
              <QuestionTexts ctx={ctx} path={at} question={field} onChange={change} />
              <Disclosure
                level={4}
                title={t('campaigns.builder.fieldSettings')}
                defaultExpanded={fresh.has(uidOf(field)) || hasErrorUnder(ctx.errors, at)}
              >
                <div className="cp-structure">
                  <Structure
                    ctx={ctx}
                    path={at}
                    question={field}
                    types={FIELD_TYPES}
                    name={name}
                    onChange={change}
                    onType={(type) => {
                      const made = tagQuestion(newField(type as FieldType, field.key, ctx.words));
                      const kept = {
                        ...made,
                        uid: uidOf(field),
                        label: field.label,
                        help: field.help,
                        required: field.required,
                      };
                      if ('options' in kept && 'options' in field)
                        Object.assign(kept, { options: field.options });
                      change(kept as CampaignField);
                    }}
                  />
                </div>
              </Disclosure>
            </li>
          );
        })}
      </ol>
      {!ctx.locked && (
        <div className="cp-add">
          <Select
            label={t('campaigns.builder.newFieldType')}
            options={FIELD_TYPES.map((type) => ({ id: type, label: t(`campaigns.type.${type}`) }))}
            selectedKey={adding}
            onSelectionChange={(key) => {
              if (key !== null) setAdding(key as FieldType);
            }}
          />
          <Button
            size="s"
            onPress={() =>
              setFields([
                ...fields,
                remember(
                  newField(
                    adding,
                    uniqueKey(
                      `field_${fields.length + 1}`,
                      fields.map((field) => field.key),
                    ),
                    ctx.words,
                  ),
                ),
              ])
            }
          >
            {t('campaigns.builder.addField')}
          </Button>
        </div>
      )}
    </fieldset>
  );
}

/** "Show only when": an earlier question and the answers that show this one. */
function ConditionEditor(props: {
  ctx: EditorContext;
  path: string;
  definition: CampaignDefinition;
  question: CampaignQuestion;
  onChange: (question: CampaignQuestion) => void;
}) {
  const { ctx, path, question } = props;
  const { t } = ctx;
  const targets = conditionTargets(props.definition, question.key);
  const rule = question.showIf;
  const target = rule ? targets.find((candidate) => candidate.key === rule.questionKey) : undefined;
  const values = rule ? conditionValues(rule) : [];
  const setValues = (list: (string | number | boolean)[]) => {
    if (!rule) return;
    props.onChange({
      ...question,
      showIf:
        list.length === 1
          ? { questionKey: rule.questionKey, equals: list[0] }
          : list.length === 0
            ? { questionKey: rule.questionKey, oneOf: undefined, equals: undefined }
            : { questionKey: rule.questionKey, oneOf: list },
    });
  };
  const error = ctx.errors[`${path}.showIf`] ?? ctx.errors[`${path}.showIf.questionKey`];
  const name = pick(question.label, ctx.language) || question.key;
  let valueEditor = null;
  if (target && (target.type === 'single_choice' || target.type === 'multiple_choice')) {
    valueEditor = (
      <CheckboxGroup
        label={t(
          target.type === 'multiple_choice' ? 'campaigns.builder.whenIncludes' : 'campaigns.builder.whenIs',
        )}
        value={values.map(String)}
        isDisabled={ctx.locked}
        onChange={(chosen) =>
          setValues(target.options.map((option) => option.key).filter((key) => chosen.includes(key)))
        }
      >
        {target.options.map((option) => (
          <Checkbox key={option.key} value={option.key}>
            {pick(option.label, ctx.language) || option.key}
          </Checkbox>
        ))}
      </CheckboxGroup>
    );
  } else if (target?.type === 'yes_no') {
    valueEditor = (
      <RadioGroup
        label={t('campaigns.builder.whenIs')}
        orientation="horizontal"
        value={values[0] === true ? 'yes' : values[0] === false ? 'no' : null}
        isDisabled={ctx.locked}
        onChange={(chosen) => setValues([chosen === 'yes'])}
      >
        <Radio value="yes">{t('campaigns.answer.yes')}</Radio>
        <Radio value="no">{t('campaigns.answer.no')}</Radio>
      </RadioGroup>
    );
  } else if (target?.type === 'scale') {
    valueEditor = (
      <CheckboxGroup
        label={t('campaigns.builder.whenIs')}
        value={values.map(String)}
        isDisabled={ctx.locked}
        onChange={(chosen) => setValues(chosen.map(Number).sort((a, b) => a - b))}
      >
        {scalePoints(target).map((point) => (
          <Checkbox key={point} value={String(point)}>
            {point}
          </Checkbox>
        ))}
      </CheckboxGroup>
    );
  } else if (target?.type === 'number') {
    valueEditor = (
      <TextField
        label={t('campaigns.builder.whenNumbers')}
        defaultValue={values.join('; ')}
        isReadOnly={ctx.locked}
        onChange={(typed) =>
          setValues(
            typed
              .split(/[;\s]+/)
              .map((part) => parseNumber(part))
              .filter((value): value is number => typeof value === 'number'),
          )
        }
      />
    );
  }
  return (
    <fieldset className="cp-subeditor">
      <legend>{t('campaigns.builder.condition')}</legend>
      <Select
        label={t('campaigns.builder.showWhen')}
        aria-label={t('campaigns.builder.showWhenOf', { name })}
        options={[
          { id: '', label: t('campaigns.builder.always') },
          ...targets.map((candidate) => ({
            id: candidate.key,
            label: pick(candidate.label, ctx.language) || candidate.key,
          })),
        ]}
        selectedKey={rule?.questionKey ?? ''}
        isDisabled={ctx.locked || (targets.length === 0 && !rule)}
        description={targets.length === 0 ? t('campaigns.builder.noTargets') : undefined}
        isInvalid={!!error}
        errorMessage={error}
        onSelectionChange={(key) => {
          if (key === null) return;
          if (key === '') props.onChange({ ...question, showIf: null });
          else if (key !== rule?.questionKey) {
            const chosen = targets.find((candidate) => candidate.key === key);
            const first =
              chosen && 'options' in chosen
                ? chosen.options[0]?.key
                : chosen?.type === 'yes_no'
                  ? true
                  : chosen?.type === 'scale'
                    ? chosen.max
                    : 0;
            props.onChange({ ...question, showIf: { questionKey: String(key), equals: first ?? '' } });
          }
        }}
      />
      {valueEditor}
    </fieldset>
  );
}

/** One question of a section: its texts in the language being written, its type's settings and its condition. */
export function QuestionEditor(props: {
  ctx: EditorContext;
  path: string;
  index: number;
  count: number;
  number: number;
  definition: CampaignDefinition;
  question: CampaignQuestion;
  countryName: string | null;
  /** Added in this session: its settings show open. */
  isNew: boolean;
  onChange: (question: CampaignQuestion) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { ctx, path, question } = props;
  const { t } = ctx;
  const name = pick(question.label, ctx.language) || question.key;
  const headingId = `${fieldId(path)}-heading`;
  return (
    <li className="cp-question-card">
      <div className="cp-card-header">
        <h3 id={headingId} className="cp-card-title">
          {t('campaigns.builder.questionNumber', { number: props.number, name })}{' '}
          <span className="cp-tag">{t(`campaigns.type.${question.type}`)}</span>
          {question.required && <span className="cp-tag">{t('campaigns.builder.requiredTag')}</span>}
          {question.showIf && <span className="cp-tag">{t('campaigns.builder.conditionalTag')}</span>}
        </h3>
        <ItemButtons
          t={t}
          name={name}
          index={props.index}
          count={props.count}
          locked={ctx.locked}
          onMove={props.onMove}
          onRemove={props.onRemove}
        />
      </div>
      <QuestionTexts
        ctx={ctx}
        path={path}
        question={question}
        onChange={(changed) => props.onChange(changed as CampaignQuestion)}
      />
      {question.type === 'repeatable_group' && (
        <FieldsEditor ctx={ctx} path={path} group={question} onChange={props.onChange} />
      )}
      {question.type === 'registry_table' && (
        <p className="hint">
          {props.countryName
            ? t('campaigns.builder.registryHint', { country: props.countryName })
            : t('campaigns.builder.registryNeedsCountry')}
        </p>
      )}
      <Disclosure
        level={4}
        title={t('campaigns.builder.settings')}
        defaultExpanded={props.isNew || hasErrorUnder(ctx.errors, path)}
      >
        <div className="cp-structure">
          <Structure
            ctx={ctx}
            path={path}
            question={question}
            types={QUESTION_TYPES}
            name={name}
            onChange={(changed) => props.onChange(changed as CampaignQuestion)}
            onType={(type) =>
              props.onChange({
                ...tagQuestion(changeType(question, type as QuestionType, ctx.words)),
                uid: uidOf(question),
              } as unknown as CampaignQuestion)
            }
          />
          <ConditionEditor
            ctx={ctx}
            path={path}
            definition={props.definition}
            question={question}
            onChange={props.onChange}
          />
        </div>
      </Disclosure>
    </li>
  );
}
