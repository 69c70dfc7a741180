import type { ReactNode } from 'react';
import {
  Menu as AriaMenu,
  MenuItem as AriaMenuItem,
  composeRenderProps,
  type MenuItemProps,
  type MenuProps,
  MenuTrigger,
} from 'react-aria-components';
import { Button, type ButtonProps } from './Button.tsx';
import { CheckIcon, ChevronDownIcon } from './icons.tsx';
import { Popover } from './Popover.tsx';
import './Menu.css';

export interface MenuButtonProps<T> extends MenuProps<T> {
  /** What the button says. */
  label: ReactNode;
  /** The button's accessible name when its label is only an icon. */
  'aria-label'?: string;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
  isDisabled?: boolean;
}

/** A button that opens a menu of actions (or of choices, with selectionMode). Arrow keys move, Enter picks. */
export function MenuButton<T extends object>({
  label,
  variant,
  size,
  isDisabled,
  'aria-label': ariaLabel,
  ...menu
}: MenuButtonProps<T>) {
  return (
    <MenuTrigger>
      <Button variant={variant} size={size} isDisabled={isDisabled} aria-label={ariaLabel}>
        {label}
        <ChevronDownIcon />
      </Button>
      <Popover placement="bottom start" className="cb-popover cb-menu-popover">
        <AriaMenu {...menu} className="cb-menu" />
      </Popover>
    </MenuTrigger>
  );
}

/** An item of a menu; in a menu with selection it shows a check mark when chosen. */
export function MenuItem(props: MenuItemProps & { tone?: 'danger' }) {
  const { tone, children, ...rest } = props;
  const textValue = props.textValue ?? (typeof children === 'string' ? children : undefined);
  return (
    <AriaMenuItem {...rest} textValue={textValue} className="cb-menu-item" data-tone={tone}>
      {composeRenderProps(children, (content, { selectionMode, isSelected }) => (
        <>
          {selectionMode !== 'none' && <span className="cb-option-check">{isSelected && <CheckIcon />}</span>}
          <span>{content}</span>
        </>
      ))}
    </AriaMenuItem>
  );
}
