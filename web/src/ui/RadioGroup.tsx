import type { ReactNode } from 'react';
import {
  Radio as AriaRadio,
  RadioGroup as AriaRadioGroup,
  type RadioGroupProps as AriaRadioGroupProps,
  type RadioProps as AriaRadioProps,
} from 'react-aria-components';
import { withClass } from './class-names.ts';
import { FieldDescription, FieldErrorText, FieldLabel, type FieldTextProps } from './field.tsx';
import './Checkbox.css';

export interface RadioGroupProps extends Omit<AriaRadioGroupProps, 'children'>, FieldTextProps {
  children: ReactNode;
}

/** One of a few choices, all in view (arrow keys move between them). */
export function RadioGroup({ label, description, errorMessage, children, ...props }: RadioGroupProps) {
  return (
    <AriaRadioGroup {...props} className="cb-field cb-checkbox-group">
      <FieldLabel>{label}</FieldLabel>
      <div className="cb-checkbox-group-items">{children}</div>
      <FieldDescription>{description}</FieldDescription>
      <FieldErrorText>{errorMessage}</FieldErrorText>
    </AriaRadioGroup>
  );
}

export interface RadioProps extends Omit<AriaRadioProps, 'children'> {
  children: ReactNode;
}

/** A choice of a radio group, its label beside it. */
export function Radio({ children, className, ...props }: RadioProps) {
  return (
    <AriaRadio {...props} className={withClass('cb-checkbox cb-radio', className)}>
      <span className="cb-checkbox-box cb-radio-circle" aria-hidden="true" />
      <span className="cb-checkbox-label">{children}</span>
    </AriaRadio>
  );
}
