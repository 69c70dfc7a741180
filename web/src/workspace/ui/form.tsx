import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
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

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** What every control shares: its name and value, and its error (and hint) announced with it. */
function control(id: string, props: FieldProps, hinted = false) {
  const describedBy = [props.error ? `${id}-error` : '', hinted ? `${id}-hint` : ''].filter(Boolean);
  return {
    id,
    name: props.name,
    value: props.value,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy.length > 0 ? describedBy.join(' ') : undefined,
    onChange: (event: { target: Control }) => props.onChange(event.target.value),
  };
}

/** A labelled input whose error is announced with it (aria-invalid and aria-describedby). */
export function Field(
  props: FieldProps & { type?: string; autoComplete?: string; hint?: string; inputMode?: 'numeric' | 'text' },
) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.hint && <span className="hint"> ({props.hint})</span>}
      </label>
      <input
        {...control(id, props)}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        required={props.required}
      />
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

/** A password input; `autoComplete` tells a password manager whether it is the current password or a new one. */
export function PasswordField(props: FieldProps & { autoComplete: 'current-password' | 'new-password' }) {
  return <Field {...props} type="password" />;
}

export function TextAreaField(props: FieldProps & { lang?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <textarea {...control(id, props)} lang={props.lang} />
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

export function SelectField(
  props: FieldProps & { options: { value: string; label: string }[]; disabled?: boolean; hint?: string },
) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select {...control(id, props, !!props.hint)} disabled={props.disabled}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

/** A checkbox with its label around it. */
export function CheckboxField(props: {
  label: string;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      {props.label}
    </label>
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="field-error">
      {error}
    </p>
  ) : null;
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
