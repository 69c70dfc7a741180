import type { ReactNode } from 'react';
import {
  Select as AriaSelect,
  type SelectProps as AriaSelectProps,
  Button,
  type Key,
  ListBox,
  SelectValue,
} from 'react-aria-components';
import { FieldDescription, FieldErrorText, FieldLabel, type FieldTextProps } from './field.tsx';
import { ChevronDownIcon } from './icons.tsx';
import { Option } from './ListBox.tsx';
import { Popover } from './Popover.tsx';
import './Select.css';

export interface SelectOption {
  id: Key;
  label: string;
  description?: string;
  isDisabled?: boolean;
}

export interface SelectProps<T extends SelectOption>
  extends Omit<AriaSelectProps<T, 'single'>, 'children' | 'items'>,
    FieldTextProps {
  options: readonly T[];
  /** How an option shows in the list (its label by default). */
  renderOption?: (option: T) => ReactNode;
}

/** Pick one of a short list: a button that opens a list box, with label, description and error. */
export function Select<T extends SelectOption>({
  label,
  description,
  errorMessage,
  options,
  renderOption,
  ...props
}: SelectProps<T>) {
  return (
    <AriaSelect {...props} className="cb-field cb-select">
      <FieldLabel>{label}</FieldLabel>
      <Button className="cb-field-group cb-select-button">
        <SelectValue className="cb-select-value" />
        <ChevronDownIcon />
      </Button>
      <FieldDescription>{description}</FieldDescription>
      <FieldErrorText>{errorMessage}</FieldErrorText>
      <Popover>
        <ListBox items={options} className="cb-listbox">
          {(option) => (
            <Option
              id={option.id}
              textValue={option.label}
              description={option.description}
              isDisabled={option.isDisabled}
            >
              {renderOption ? renderOption(option) : option.label}
            </Option>
          )}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}
