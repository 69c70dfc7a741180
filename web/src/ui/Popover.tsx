import type { ReactNode } from 'react';
import {
  Popover as AriaPopover,
  type PopoverProps as AriaPopoverProps,
  Dialog,
  Heading,
  OverlayArrow,
} from 'react-aria-components';
import { withClass } from './class-names.ts';
import './Popover.css';

/** The floating surface under selects, combo boxes, menus and date pickers. */
export function Popover({ className, ...props }: AriaPopoverProps) {
  return <AriaPopover offset={6} {...props} className={withClass('cb-popover', className)} />;
}

/**
 * A non-modal dialog beside the button that opens it (put both in a DialogTrigger): extra detail or a small form.
 * Escape or a click outside closes it and focus returns to the button.
 */
export function PopoverDialog({
  title,
  children,
  placement = 'bottom',
}: {
  title: string;
  children: ReactNode;
  placement?: AriaPopoverProps['placement'];
}) {
  return (
    <Popover placement={placement} className="cb-popover cb-popover-dialog">
      <OverlayArrow className="cb-popover-arrow">
        <svg width={12} height={12} viewBox="0 0 12 12" aria-hidden="true">
          <path d="M0 0 L6 6 L12 0" />
        </svg>
      </OverlayArrow>
      <Dialog className="cb-dialog-body">
        <Heading slot="title" className="cb-popover-title">
          {title}
        </Heading>
        {children}
      </Dialog>
    </Popover>
  );
}
