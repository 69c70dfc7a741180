import { type CalendarDate, parseDate } from '@internationalized/date';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { type DateEntry, DatePicker } from '../../ui/DatePicker.tsx';
import { Select } from '../../ui/Select.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { failureText, type Success, toastSuccess } from './failure.tsx';
import { validationKey } from './validation.ts';

interface FieldProps {
  label: string;
  name: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
}

/**
 * What every field shares: its name and value, and its error announced with it (React Aria marks the control
 * aria-invalid and describes it by the error's text). The browser does not validate: the API's answer does.
 */
function fieldState(props: FieldProps) {
  return {
    name: props.name,
    isRequired: props.required,
    isInvalid: !!props.error,
    validationBehavior: 'aria' as const,
    errorMessage: props.error,
  };
}

/** A labelled input whose error is announced with it (aria-invalid and aria-describedby). */
export function Field(
  props: FieldProps & { type?: string; autoComplete?: string; hint?: string; inputMode?: 'numeric' | 'text' },
) {
  return (
    <TextField
      {...fieldState(props)}
      label={props.label}
      description={props.hint}
      value={props.value}
      onChange={props.onChange}
      type={props.type ?? 'text'}
      autoComplete={props.autoComplete}
      inputMode={props.inputMode}
    />
  );
}

/** A password input; `autoComplete` tells a password manager whether it is the current password or a new one. */
export function PasswordField(props: FieldProps & { autoComplete: 'current-password' | 'new-password' }) {
  return <Field {...props} type="password" />;
}

export function TextAreaField(props: FieldProps & { lang?: string }) {
  return (
    <TextField
      {...fieldState(props)}
      label={props.label}
      value={props.value}
      onChange={props.onChange}
      lang={props.lang}
      multiline
    />
  );
}

/** The key of the option whose value is '' (no choice), which a list box cannot take as a key. */
const NONE = '__none__';

export function SelectField(
  props: FieldProps & { options: { value: string; label: string }[]; disabled?: boolean; hint?: string },
) {
  const options = props.options.map((option) => ({
    id: option.value === '' ? NONE : option.value,
    label: option.label,
  }));
  return (
    <Select
      {...fieldState(props)}
      label={props.label}
      description={props.hint}
      options={options}
      selectedKey={props.value === '' ? NONE : props.value}
      onSelectionChange={(key) => {
        if (key === null) return;
        props.onChange(key === NONE ? '' : String(key));
      }}
      isDisabled={props.disabled}
    />
  );
}

/** A date the API takes (YYYY-MM-DD), null for none (''), undefined for text that is not a date. */
function parseDay(value: string): CalendarDate | null | undefined {
  if (value === '') return null;
  try {
    return parseDate(value);
  } catch {
    return undefined;
  }
}

/** What is typed, written as the API writes a date: '' for nothing, '?' for each digit of a part not typed. */
function entryText({ year, month, day }: DateEntry): string {
  if (year === null && month === null && day === null) return '';
  const part = (number: number | null, digits: number) =>
    number === null ? '?'.repeat(digits) : String(number).padStart(digits, '0');
  return `${part(year, 4)}-${part(month, 2)}-${part(day, 2)}`;
}

/**
 * Why a date field's value cannot be saved: 'wholeDate' when it is typed only in part, 'realDate' when no such day
 * exists (2021-02-30); null when it can ('' or a real date). The keys are texts under `validation.`.
 */
export function dateProblem(value: string): 'wholeDate' | 'realDate' | null {
  if (value === '') return null;
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return 'wholeDate';
  return parseDay(value) ? null : 'realDate';
}

/**
 * A date as the API takes it (YYYY-MM-DD, or '' for none), typed segment by segment in the user's order or picked
 * from a calendar. Its value is what the field shows: a date typed in part ('2021-??-30') or one that does not
 * exist ('2021-02-30') is kept as typed, so that it is refused (see dateProblem, and the API) rather than saved as
 * the date the field held before, or as the month's last day.
 */
export function DateField(props: FieldProps & { hint?: string }) {
  const date = useMemo(() => parseDay(props.value), [props.value]);
  // While the value is not a date, the picker keeps the last date it had (the same object), which keeps the typing.
  const [shown, setShown] = useState(date ?? null);
  if (date !== undefined && date !== shown) setShown(date);
  const change = (value: string) => {
    if (value !== props.value) props.onChange(value);
  };
  return (
    <DatePicker
      {...fieldState(props)}
      label={props.label}
      description={props.hint}
      value={date === undefined ? shown : date}
      onChange={(value) => change(value ? value.toString() : '')}
      onEntryChange={(entry) => change(entryText(entry))}
    />
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField(props: {
  label: string;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <Checkbox name={props.name} isSelected={props.checked} onChange={props.onChange}>
      {props.label}
    </Checkbox>
  );
}

/**
 * A form's feedback: the API's field errors by field (without the `body.` prefix) and, beside the form, why it
 * failed (a refusal with field errors marks the fields; any other failure says why, in the user's language). A
 * save that went through is said by a toast, so that the form's own message is only ever a failure.
 */
export function useFormErrors() {
  const { t } = useTranslation('workspace');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<ReactNode>(null);
  const fail = (failure: unknown) => {
    const details = failure instanceof ApiError ? failure.details : [];
    setErrors(
      Object.fromEntries(
        details.map((detail) => [detail.field.replace(/^body\./, ''), t(validationKey(detail.message))]),
      ),
    );
    setMessage(details.length > 0 ? t('tie.invalid') : failureText(t, failure));
  };
  const clear = () => {
    setErrors({});
    setMessage(null);
  };
  /** Clears the errors and says with a success toast what happened. */
  const succeed = (done: Success) => {
    setErrors({});
    setMessage(null);
    toastSuccess(done, undefined);
  };
  /** A failure found before sending: said like the API's. */
  const refuse = (text: ReactNode, fieldErrors: Record<string, string> = {}) => {
    setErrors(fieldErrors);
    setMessage(text);
  };
  /**
   * A submit handler: `send` makes the write and answers what the success toast says (null when it wrote nothing,
   * having refused first), so that no form saves in silence; a failure is shown beside the form.
   */
  const submitWith = (send: () => Promise<Success | null>) => (event: FormEvent) => {
    event.preventDefault();
    void send().then((done) => (done === null ? undefined : succeed(done)), fail);
  };
  return { errors, message, fail, clear, succeed, refuse, submitWith };
}

/**
 * A form's state: its values, and each field's props (`{...form.field('name')}`: name, value, change handler and
 * the API's error for it, found under `errorName` when the API names it otherwise).
 */
export function useForm<Values extends Record<string, unknown>>(initial: Values | (() => Values)) {
  const [values, setValues] = useState(initial);
  const feedback = useFormErrors();
  const set = (changes: Partial<Values>) => setValues((current) => ({ ...current, ...changes }));
  const field = <K extends { [Key in keyof Values]: Values[Key] extends string ? Key : never }[keyof Values]>(
    name: K & string,
    errorName: string = name,
  ) => ({
    name,
    value: values[name] as string,
    onChange: (value: string) => set({ [name]: value } as unknown as Partial<Values>),
    error: feedback.errors[errorName],
  });
  const checkbox = <
    K extends { [Key in keyof Values]: Values[Key] extends boolean ? Key : never }[keyof Values],
  >(
    name: K & string,
  ) => ({
    name,
    checked: values[name] as boolean,
    onChange: (checked: boolean) => set({ [name]: checked } as unknown as Partial<Values>),
  });
  return { ...feedback, values, set, field, checkbox };
}

/** A record as the API answers it: its fields, and the version they are. */
type StoredRecord = Record<string, unknown> & { version: number };

/**
 * A form that creates a record or edits a version of it. It remembers what it last saved, so that an edit sends
 * only the fields changed since (saving over someone else's newer version keeps their other changes), and when a
 * save meets a newer version it holds the record as it is now (`conflict`) for the form to show.
 */
export function useRecordForm<Values extends Record<string, unknown>, Body extends Record<string, unknown>>(
  initial: Values | (() => Values),
  body: (values: Values) => Body,
) {
  const form = useForm(initial);
  const [saved, setSaved] = useState(() => body(form.values));
  const [conflict, setConflict] = useState<StoredRecord | null>(null);
  /** Sends the form with `write` (given the whole body and the fields changed since the last save); toasts `done`. */
  const save = async (write: (body: Body, changed: Partial<Body>) => Promise<unknown>, done: string) => {
    const sent = body(form.values);
    try {
      await write(sent, changedFields(saved, sent) as Partial<Body>);
      setConflict(null);
      setSaved(sent);
      form.succeed(done);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'VERSION_CONFLICT')
        setConflict(failure.current as StoredRecord);
      else form.fail(failure);
    }
  };
  return { ...form, conflict, save };
}

/** Why the form's last try failed, announced at once beside it. */
export function FormMessage({ message }: { message: ReactNode }) {
  if (message === null || message === undefined || message === '') return null;
  return (
    <p role="alert" className="form-error">
      {message}
    </p>
  );
}

/** The fields of `body` that differ from what was last saved. */
function changedFields(initial: Record<string, unknown>, body: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(body).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(initial[key])),
  );
}
