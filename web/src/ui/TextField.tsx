import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  Input,
  TextArea,
} from 'react-aria-components';
import { FieldDescription, FieldErrorText, FieldLabel, type FieldTextProps } from './field.tsx';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'children'>, FieldTextProps {
  placeholder?: string;
  /** Several lines of text (a textarea). */
  multiline?: boolean;
  /** The language of the text typed (for spelling and for screen readers), when it is not the page's. */
  lang?: string;
}

/** A labelled text input with an optional description and an error announced when invalid. */
export function TextField({
  label,
  description,
  errorMessage,
  placeholder,
  multiline,
  lang,
  ...props
}: TextFieldProps) {
  return (
    <AriaTextField {...props} className="cb-field">
      <FieldLabel>{label}</FieldLabel>
      {multiline ? (
        <TextArea className="cb-input" placeholder={placeholder} lang={lang} />
      ) : (
        <Input className="cb-input" placeholder={placeholder} lang={lang} />
      )}
      <FieldDescription>{description}</FieldDescription>
      <FieldErrorText>{errorMessage}</FieldErrorText>
    </AriaTextField>
  );
}
