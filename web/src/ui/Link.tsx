import { Link as AriaLink, type LinkProps as AriaLinkProps } from 'react-aria-components';
import { withClass } from './class-names.ts';
import './Link.css';

export interface LinkProps extends AriaLinkProps {
  /** standalone: a link on its own (underlined on hover only); inline: inside running text (always underlined). */
  variant?: 'inline' | 'standalone';
}

/** A link; paths inside the app navigate without reloading the page (UiProvider connects the router). */
export function Link({ variant = 'inline', className, ...props }: LinkProps) {
  return <AriaLink {...props} data-variant={variant} className={withClass('cb-link', className)} />;
}
