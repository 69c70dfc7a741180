import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Button } from '../../ui/Button.tsx';
import { Checkbox, CheckboxGroup } from '../../ui/Checkbox.tsx';
import { Radio, RadioGroup } from '../../ui/RadioGroup.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { WorkspaceT } from '../texts.ts';
import { DateField, dateProblem } from '../ui/form.tsx';
import { type Language, pick } from './campaign-model.ts';
import type { CampaignField, CampaignQuestion } from './campaigns-api.ts';

/**
 * The control for one answer, by its question's type, in the campaign's language: text, choices, a number, a point
 * on a scale, a date, yes or no. Repeatable groups and registry tables have controls of their own (GroupInput,
 * RegistryTableInput).
 */

export interface AnswerInputProps {
  t: WorkspaceT;
  question: CampaignField | CampaignQuestion;
  /** The language of the campaign's texts shown. */
  language: Language;
  value: unknown;
  /** The answer changed (typing: saved after a pause). */
  onChange: (value: unknown) => void;
  /** The answer was chosen at once (a choice, a date picked), or its field left: save it now. */
  onCommit: () => void;
  /** What is typed is no answer yet (a number or date typed in part): why, as a text key, or null once it is. */
  onHold: (reason: string | null) => void;
  /** Why the answer is refused, shown on the field. */
  error?: string;
  /** Said under the label: pre-filled, a colleague's change … */
  note?: ReactNode;
  /** A name for the control that says where it is (a group's row). */
  labelSuffix?: string;
}

/** The question's label with its requirement said in words, and where it is when it is one of a row's fields. */
export function questionLabel(
  t: WorkspaceT,
  question: CampaignField | CampaignQuestion,
  language: Language,
  suffix?: string,
) {
  return (
    <>
      {pick(question.label, language)}
      {suffix && <span className="cp-label-suffix"> {suffix}</span>}
      {question.required && <span className="cp-required"> {t('campaigns.answer.required')}</span>}
    </>
  );
}

/** The help under a question, and any note about its answer. */
function description(question: CampaignField | CampaignQuestion, language: Language, note?: ReactNode) {
  const help = pick(question.help, language);
  if (!help && !note) return undefined;
  return (
    <>
      {help}
      {help && note && ' '}
      {note}
    </>
  );
}

/** A number as typed ('1 200,5') read as the API takes it; undefined when it is not one. */
export function parseNumber(text: string): number | null | undefined {
  const trimmed = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (trimmed === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** Why a number cannot be the answer (a text key under campaigns.answer), or null. */
export function numberProblem(
  value: number,
  question: Extract<CampaignField, { type: 'number' }>,
): { key: string; bound?: number } | null {
  if (question.integer && !Number.isInteger(value)) return { key: 'wholeNumber' };
  if (question.min !== null && value < question.min) return { key: 'atLeast', bound: question.min };
  if (question.max !== null && value > question.max) return { key: 'atMost', bound: question.max };
  return null;
}

/** A number typed as text: it keeps what is typed while it is not a number yet, and follows a value set elsewhere. */
function NumberInput(props: AnswerInputProps & { question: Extract<CampaignField, { type: 'number' }> }) {
  const { t, question } = props;
  const shown = typeof props.value === 'number' ? String(props.value) : '';
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  const last = useRef(props.value);
  useEffect(() => {
    // A value that came from elsewhere (a colleague's, taken over): shown as it is.
    if (props.value !== last.current && parseNumber(text) !== props.value) {
      setText(typeof props.value === 'number' ? String(props.value) : '');
      setProblem(null);
    }
    last.current = props.value;
  }, [props.value, text]);
  const bounds =
    question.min !== null && question.max !== null
      ? t('campaigns.answer.between', { min: question.min, max: question.max })
      : question.min !== null
        ? t('campaigns.answer.atLeast', { bound: question.min })
        : question.max !== null
          ? t('campaigns.answer.atMost', { bound: question.max })
          : '';
  return (
    <TextField
      label={questionLabel(t, question, props.language, props.labelSuffix)}
      description={description(question, props.language, props.note) ?? (bounds || undefined)}
      value={text}
      inputMode={question.integer ? 'numeric' : 'decimal'}
      isRequired={question.required}
      validationBehavior="aria"
      isInvalid={!!(problem ?? props.error)}
      errorMessage={problem ?? props.error}
      onChange={(typed) => {
        setText(typed);
        const value = parseNumber(typed);
        if (value === undefined) {
          setProblem(t('campaigns.answer.number'));
          props.onHold('number');
          return;
        }
        const wrong = value === null ? null : numberProblem(value, question);
        if (wrong) {
          setProblem(t(`campaigns.answer.${wrong.key}`, { bound: wrong.bound }));
          props.onHold(wrong.key);
          return;
        }
        setProblem(null);
        last.current = value;
        props.onChange(value);
      }}
      onBlur={props.onCommit}
    />
  );
}

/** A date typed or picked: a date in part is kept as typed and said to be one, not saved. */
function DateInput(props: AnswerInputProps) {
  const { t, question } = props;
  const [text, setText] = useState(typeof props.value === 'string' ? props.value : '');
  const stored = typeof props.value === 'string' ? props.value : '';
  if (stored !== text && dateProblem(text) === null && text !== '' && stored !== '') setText(stored);
  const problem = dateProblem(text);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: focus leaving the date's segments and calendar saves it
    <div onBlur={props.onCommit}>
      <DateField
        label={pick(question.label, props.language) + (props.labelSuffix ? ` ${props.labelSuffix}` : '')}
        name={question.key}
        value={text}
        required={question.required}
        hint={pick(question.help, props.language) || undefined}
        error={problem ? t(`validation.${problem}`) : props.error}
        onChange={(value) => {
          setText(value);
          const wrong = dateProblem(value);
          if (wrong) {
            props.onHold(wrong);
            return;
          }
          props.onChange(value === '' ? null : value);
        }}
      />
      {props.note && <p className="cb-description cp-note">{props.note}</p>}
    </div>
  );
}

/** The points of a scale, from its lowest to its highest. */
export const scalePoints = (question: { min: number; max: number; step: number }) => {
  const points: number[] = [];
  for (let point = question.min; point <= question.max; point += Math.max(1, question.step))
    points.push(point);
  return points;
};

/** One answer's control. */
export function AnswerInput(props: AnswerInputProps) {
  const { t, question, language, value } = props;
  const label = questionLabel(t, question, language, props.labelSuffix);
  const help = description(question, language, props.note);
  const invalid = {
    isInvalid: !!props.error,
    errorMessage: props.error,
    validationBehavior: 'aria' as const,
  };
  const choose = (chosen: unknown) => {
    props.onChange(chosen);
    props.onCommit();
  };
  switch (question.type) {
    case 'short_text':
    case 'long_text':
      return (
        <TextField
          label={label}
          description={help}
          value={typeof value === 'string' ? value : ''}
          multiline={question.type === 'long_text'}
          isRequired={question.required}
          lang={language}
          {...invalid}
          onChange={(text) => props.onChange(text === '' ? null : text)}
          onBlur={props.onCommit}
        />
      );
    case 'number':
      return <NumberInput {...props} question={question} />;
    case 'date':
      return <DateInput {...props} />;
    case 'single_choice':
      return (
        <div className="cp-choice">
          <RadioGroup
            label={label}
            description={help}
            value={typeof value === 'string' ? value : null}
            isRequired={question.required}
            {...invalid}
            onChange={choose}
          >
            {question.options.map((option) => (
              <Radio key={option.key} value={option.key}>
                {pick(option.label, language)}
              </Radio>
            ))}
          </RadioGroup>
          {typeof value === 'string' && (
            <ClearButton t={t} name={pick(question.label, language)} onPress={() => choose(null)} />
          )}
        </div>
      );
    case 'multiple_choice':
      return (
        <CheckboxGroup
          label={label}
          description={help}
          value={Array.isArray(value) ? (value as string[]) : []}
          isRequired={question.required}
          {...invalid}
          onChange={(chosen) =>
            // In the options' order, whatever order they were ticked in.
            choose(
              chosen.length === 0
                ? null
                : question.options.map((option) => option.key).filter((key) => chosen.includes(key)),
            )
          }
        >
          {question.options.map((option) => (
            <Checkbox key={option.key} value={option.key}>
              {pick(option.label, language)}
            </Checkbox>
          ))}
        </CheckboxGroup>
      );
    case 'scale': {
      const points = scalePoints(question);
      const minLabel = pick(question.minLabel, language);
      const maxLabel = pick(question.maxLabel, language);
      const ends =
        minLabel || maxLabel
          ? t('campaigns.answer.scaleEnds', {
              min: question.min,
              minLabel: minLabel || '–',
              max: question.max,
              maxLabel: maxLabel || '–',
            })
          : '';
      return (
        <div className="cp-choice">
          <RadioGroup
            label={label}
            description={
              help || ends ? (
                <>
                  {help}
                  {/* The ends are shown beside the points; said here for screen readers. */}
                  {ends && <span className="visually-hidden"> {ends}</span>}
                </>
              ) : undefined
            }
            orientation="horizontal"
            value={typeof value === 'number' ? String(value) : null}
            isRequired={question.required}
            {...invalid}
            onChange={(chosen) => choose(Number(chosen))}
          >
            <span className="cp-scale" data-points={points.length}>
              {minLabel && (
                <span className="cp-scale-end" aria-hidden="true">
                  {minLabel}
                </span>
              )}
              {points.map((point) => (
                <Radio key={point} value={String(point)} className="cp-scale-point">
                  {point}
                </Radio>
              ))}
              {maxLabel && (
                <span className="cp-scale-end" aria-hidden="true">
                  {maxLabel}
                </span>
              )}
            </span>
          </RadioGroup>
          {typeof value === 'number' && (
            <ClearButton t={t} name={pick(question.label, language)} onPress={() => choose(null)} />
          )}
        </div>
      );
    }
    case 'yes_no':
      return (
        <div className="cp-choice">
          <RadioGroup
            label={label}
            description={help}
            orientation="horizontal"
            value={value === true ? 'yes' : value === false ? 'no' : null}
            isRequired={question.required}
            {...invalid}
            onChange={(chosen) => choose(chosen === 'yes')}
          >
            <Radio value="yes">{t('campaigns.answer.yes')}</Radio>
            <Radio value="no">{t('campaigns.answer.no')}</Radio>
          </RadioGroup>
          {typeof value === 'boolean' && (
            <ClearButton t={t} name={pick(question.label, language)} onPress={() => choose(null)} />
          )}
        </div>
      );
    default:
      return null;
  }
}

function ClearButton({ t, name, onPress }: { t: WorkspaceT; name: string; onPress: () => void }) {
  return (
    <Button
      size="s"
      variant="quiet"
      className="cp-clear"
      aria-label={t('campaigns.answer.clearNamed', { name })}
      onPress={onPress}
    >
      {t('campaigns.answer.clear')}
    </Button>
  );
}
