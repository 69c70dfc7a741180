import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';
import { AlertIcon, InboxIcon } from './icons.tsx';
import './states.css';

/** Nothing here yet: says so, says what to do about it, and offers the action when there is one. */
export function EmptyState({
  title,
  description,
  action,
}: {
  title: string;
  /** What to do: "Add the first tie with New tie." */
  description?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="cb-state cb-empty-state">
      <span className="cb-state-icon">
        <InboxIcon />
      </span>
      <p className="cb-state-title">{title}</p>
      {description && <p className="cb-state-description">{description}</p>}
      {action && <div className="cb-state-action">{action}</div>}
    </div>
  );
}

/** Something failed to load: what went wrong, and a Retry button when trying again can help. */
export function ErrorState({
  title,
  message,
  onRetry,
  isRetrying,
}: {
  title?: string;
  message: ReactNode;
  onRetry?: () => void;
  isRetrying?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="cb-state cb-error-state" role="alert">
      <span className="cb-state-icon">
        <AlertIcon />
      </span>
      <p className="cb-state-title">{title ?? t('ui.errorTitle')}</p>
      <p className="cb-state-description">{message}</p>
      {onRetry && (
        <div className="cb-state-action">
          <Button onPress={onRetry} isPending={isRetrying}>
            {t('ui.retry')}
          </Button>
        </div>
      )}
    </div>
  );
}

/**
 * Grey bars where content is about to appear. It says "Loading" to assistive technology once; `label` names what
 * is loading when that helps.
 */
export function Skeleton({
  lines = 3,
  label,
  variant = 'text',
}: {
  lines?: number;
  label?: string;
  variant?: 'text' | 'block' | 'table';
}) {
  const { t } = useTranslation();
  return (
    <div className="cb-skeleton" data-variant={variant} role="status" aria-busy="true">
      <span className="visually-hidden">{label ?? t('ui.loading')}</span>
      {variant === 'block' ? (
        <span className="cb-skeleton-bar cb-skeleton-block" aria-hidden="true" />
      ) : (
        Array.from({ length: lines }, (_, index) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: the bars are identical and never reorder
            key={index}
            className="cb-skeleton-bar"
            aria-hidden="true"
          />
        ))
      )}
    </div>
  );
}
