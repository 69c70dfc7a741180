import type { ReactNode } from 'react';
import { FieldError, type FieldErrorProps, Label, Text } from 'react-aria-components';
import './field.css';

/** What a labelled field shows besides its control: the label, a description, and the error when invalid. */
export interface FieldTextProps {
  label: ReactNode;
  /** Help shown under the control and announced with it. */
  description?: ReactNode;
  /** Shown (and announced) when the field is invalid. */
  errorMessage?: FieldErrorProps['children'];
}

export function FieldLabel({ children }: { children: ReactNode }) {
  return <Label className="cb-label">{children}</Label>;
}

export function FieldDescription({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <Text slot="description" className="cb-description">
      {children}
    </Text>
  );
}

export function FieldErrorText({ children }: { children?: FieldErrorProps['children'] }) {
  return <FieldError className="cb-field-error">{children}</FieldError>;
}
