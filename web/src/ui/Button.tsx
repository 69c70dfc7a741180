import { useEffect, useId } from 'react';
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
  const fallbackId = useId();
  const id = props.id ?? fallbackId;
  // While pending, the button is announced as busy by a live region that points at it by id. A press that removes
  // the button (its row deleted, its page rebuilt) would leave that announcement pointing at nothing: it goes with
  // the button.
  useEffect(
    () => () => {
      for (const node of document.querySelectorAll(
        `[data-live-announcer] [aria-labelledby~="${CSS.escape(id)}"]`,
      ))
        node.remove();
    },
    [id],
  );
  return (
    <AriaButton
      {...props}
      id={id}
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
