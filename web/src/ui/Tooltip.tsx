import type { ReactElement, ReactNode } from 'react';
import { Tooltip as AriaTooltip, OverlayArrow, TooltipTrigger } from 'react-aria-components';
import './Tooltip.css';

export interface TooltipProps {
  /** What the tooltip says: extra detail only, never the only way to learn something. */
  content: ReactNode;
  /** One focusable element from this design system (a Button, a Link). */
  children: ReactElement;
  placement?: 'top' | 'bottom' | 'start' | 'end';
}

/** A short hint shown on hover or keyboard focus of its trigger, hidden again with Escape. */
export function Tooltip({ content, children, placement = 'top' }: TooltipProps) {
  return (
    <TooltipTrigger delay={500} closeDelay={100}>
      {children}
      <AriaTooltip placement={placement} offset={8} className="cb-tooltip">
        <OverlayArrow className="cb-tooltip-arrow">
          <svg width={10} height={10} viewBox="0 0 10 10" aria-hidden="true">
            <path d="M0 0 L5 5 L10 0" />
          </svg>
        </OverlayArrow>
        {content}
      </AriaTooltip>
    </TooltipTrigger>
  );
}
