import {
  Button as AriaButton,
  type ButtonProps as AriaButtonProps,
  composeRenderProps,
  ProgressBar,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { withClass } from './class-names.ts';
import './Button.css';

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'danger';
export type ButtonSize = 's' | 'm' | 'l';

export interface ButtonProps extends AriaButtonProps {
  /** primary: the one main action of a view; secondary: others; quiet: low emphasis; danger: destroys. */
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** A button. While `isPending` it keeps its place and focus, shows a spinner and says it is busy. */
export function Button({ variant = 'secondary', size = 'm', className, children, ...props }: ButtonProps) {
  const { t } = useTranslation();
  return (
    <AriaButton
      {...props}
      data-variant={variant}
      data-size={size}
      className={withClass('cb-button', className)}
    >
      {composeRenderProps(children, (content, { isPending }) => (
        <>
          <span className="cb-button-content">{content}</span>
          {isPending && (
            <ProgressBar isIndeterminate aria-label={t('ui.working')} className="cb-button-spinner">
              <span className="cb-spinner" aria-hidden="true" />
            </ProgressBar>
          )}
        </>
      ))}
    </AriaButton>
  );
}
