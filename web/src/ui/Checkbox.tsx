import type { ReactNode } from 'react';
import {
  Checkbox as AriaCheckbox,
  CheckboxGroup as AriaCheckboxGroup,
  type CheckboxGroupProps as AriaCheckboxGroupProps,
  type CheckboxProps as AriaCheckboxProps,
} from 'react-aria-components';
import { withClass } from './class-names.ts';
import { FieldDescription, FieldErrorText, FieldLabel, type FieldTextProps } from './field.tsx';
import './Checkbox.css';

export interface CheckboxProps extends Omit<AriaCheckboxProps, 'children'> {
  children: ReactNode;
}

/** A checkbox with its label beside it; the whole label toggles it. */
export function Checkbox({ children, className, ...props }: CheckboxProps) {
  return (
    <AriaCheckbox {...props} className={withClass('cb-checkbox', className)}>
      {({ isIndeterminate }) => (
        <>
          <span className="cb-checkbox-box" aria-hidden="true">
            <svg viewBox="0 0 16 16" className="cb-checkbox-mark" aria-hidden="true">
              {isIndeterminate ? <path d="M4 8h8" /> : <path d="M3.5 8.5l3 3 6-7" />}
            </svg>
          </span>
          <span className="cb-checkbox-label">{children}</span>
        </>
      )}
    </AriaCheckbox>
  );
}

export interface CheckboxGroupProps extends Omit<AriaCheckboxGroupProps, 'children'>, FieldTextProps {
  children: ReactNode;
  /** One checkbox under another (for long labels) rather than side by side. */
  stacked?: boolean;
}

/** Several checkboxes under one label (a group, announced with its description and error). */
export function CheckboxGroup({
  label,
  description,
  errorMessage,
  children,
  stacked = false,
  ...props
}: CheckboxGroupProps) {
  return (
    <AriaCheckboxGroup
      {...props}
      className={`cb-field cb-checkbox-group${stacked ? ' cb-checkbox-group-stacked' : ''}`}
    >
      <FieldLabel>{label}</FieldLabel>
      <div className="cb-checkbox-group-items">{children}</div>
      <FieldDescription>{description}</FieldDescription>
      <FieldErrorText>{errorMessage}</FieldErrorText>
    </AriaCheckboxGroup>
  );
}
