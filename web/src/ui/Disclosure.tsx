import type { ReactNode } from 'react';
import {
  Disclosure as AriaDisclosure,
  type DisclosureProps as AriaDisclosureProps,
  Button,
  DisclosurePanel,
  Heading,
} from 'react-aria-components';
import { ChevronRightIcon } from './icons.tsx';
import './Disclosure.css';

export interface DisclosureProps extends Omit<AriaDisclosureProps, 'children'> {
  title: ReactNode;
  children: ReactNode;
  /** The heading level of the title in the page's outline. */
  level?: 2 | 3 | 4;
}

/** A section whose content shows and hides with its heading's button. */
export function Disclosure({ title, children, level = 3, ...props }: DisclosureProps) {
  return (
    <AriaDisclosure {...props} className="cb-disclosure">
      <Heading level={level} className="cb-disclosure-heading">
        <Button slot="trigger" className="cb-disclosure-trigger">
          <ChevronRightIcon />
          {title}
        </Button>
      </Heading>
      <DisclosurePanel className="cb-disclosure-panel">{children}</DisclosurePanel>
    </AriaDisclosure>
  );
}
