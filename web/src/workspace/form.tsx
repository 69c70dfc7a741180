import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WriteError } from './api.ts';
import { validationKey } from './validation.ts';

interface FieldProps {
  label: string;
  name: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
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
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        required={props.required}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

export function TextAreaField(props: FieldProps & { lang?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        lang={props.lang}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

export function SelectField(
  props: FieldProps & { options: { value: string; label: string }[]; disabled?: boolean; hint?: string },
) {
  const id = useId();
  const describedBy = [props.error ? `${id}-error` : '', props.hint ? `${id}-hint` : ''].filter(Boolean);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      >
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

/** A form's messages: the API's field errors by field (without the `body.` prefix) and one message for all. */
export function useFormErrors() {
  const { t } = useTranslation('workspace');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<ReactNode>(null);
  const fail = (failure: unknown) => {
    if (failure instanceof WriteError && failure.details.length > 0) {
      setErrors(
        Object.fromEntries(
          failure.details.map((detail) => [
            detail.field.replace(/^body\./, ''),
            t(validationKey(detail.message)),
          ]),
        ),
      );
      setMessage(t('tie.invalid'));
    } else {
      setErrors({});
      setMessage(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const clear = () => {
    setErrors({});
    setMessage(null);
  };
  return { errors, message, setMessage, fail, clear };
}

export function FormMessage({ message, alert }: { message: ReactNode; alert?: boolean }) {
  if (!message) return null;
  return alert ? (
    <p role="alert" className="form-error">
      {message}
    </p>
  ) : (
    <p role="status" className="form-message">
      {message}
    </p>
  );
}

/**
 * The fields of `body` that differ from what the form started with: an edit sends only these, so that saving
 * over someone else's newer version keeps their changes to other fields.
 */
export function changedFields(initial: Record<string, unknown>, body: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(body).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(initial[key])),
  );
}
