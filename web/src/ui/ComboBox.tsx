import type { ReactNode } from 'react';
import {
  ComboBox as AriaComboBox,
  type ComboBoxProps as AriaComboBoxProps,
  Button,
  Group,
  Input,
  ListBox,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { FieldDescription, FieldErrorText, FieldLabel, type FieldTextProps } from './field.tsx';
import { ChevronDownIcon } from './icons.tsx';
import { Option } from './ListBox.tsx';
import { Popover } from './Popover.tsx';
import type { SelectOption } from './Select.tsx';
import './Button.css';

export interface ComboBoxProps<T extends SelectOption>
  extends Omit<AriaComboBoxProps<T, 'single'>, 'children' | 'items' | 'defaultItems'>,
    FieldTextProps {
  /** The options; the combo box filters them as the user types (unless `items` is controlled by the caller). */
  options: readonly T[];
  placeholder?: string;
  renderOption?: (option: T) => ReactNode;
  /**
   * Controlled, already filtered options (for options loaded as the user types). The list then opens on typing even
   * while it is empty, so that options that arrive after the last key are shown.
   */
  filtered?: readonly T[];
  /** Options are being loaded: the empty list says so. */
  loading?: boolean;
}

/** Type to filter a list and pick one; the list opens on typing or with the button (or Alt+Down). */
export function ComboBox<T extends SelectOption>({
  label,
  description,
  errorMessage,
  options,
  filtered,
  placeholder,
  renderOption,
  loading,
  ...props
}: ComboBoxProps<T>) {
  const { t } = useTranslation();
  return (
    <AriaComboBox
      allowsEmptyCollection={!!filtered && !!props.inputValue?.trim()}
      {...props}
      {...(filtered ? { items: filtered } : { defaultItems: options })}
      className="cb-field cb-combobox"
    >
      <FieldLabel>{label}</FieldLabel>
      <Group className="cb-field-group">
        <Input className="cb-input" placeholder={placeholder} />
        <Button className="cb-icon-button" aria-label={t('ui.showOptions')}>
          <ChevronDownIcon />
        </Button>
      </Group>
      <FieldDescription>{description}</FieldDescription>
      <FieldErrorText>{errorMessage}</FieldErrorText>
      <Popover className="cb-popover cb-combobox-popover">
        <ListBox
          className="cb-listbox"
          renderEmptyState={() => (
            <div className="cb-listbox-empty">{t(loading ? 'ui.searching' : 'ui.noOptions')}</div>
          )}
        >
          {(option: T) => (
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
    </AriaComboBox>
  );
}
