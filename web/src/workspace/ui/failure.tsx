import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { Button, type ButtonSize, type ButtonVariant } from '../../ui/Button.tsx';
import { showToast, type ToastContent } from '../../ui/toast.ts';
import type { WorkspaceT } from '../texts.ts';

/** Refusals that say more than their status does. */
const BY_CODE: Partial<Record<ApiError['code'], string>> = {
  NETWORK_ERROR: 'failure.network',
  UNAUTHENTICATED: 'failure.signedOut',
  CSRF_FAILED: 'failure.signedOut',
  VERSION_CONFLICT: 'failure.versionConflict',
  PARTNERSHIP_EXISTS: 'failure.partnershipExists',
  EMAIL_TAKEN: 'validation.taken',
  LINK_INVALID: 'setup.invalidLink',
  STORAGE_QUOTA_EXCEEDED: 'failure.quota',
  UNSUPPORTED_MEDIA_TYPE: 'failure.mediaType',
  REFRESH_STALE: 'refresh.stale',
};

const BY_STATUS: Record<number, string> = {
  400: 'failure.invalid',
  401: 'failure.signedOut',
  403: 'failure.forbidden',
  404: 'failure.notFound',
  409: 'failure.conflict',
  413: 'failure.tooLarge',
  422: 'failure.invalid',
  429: 'failure.rateLimited',
  503: 'failure.unavailable',
};

/** Why a write failed, in the user's language: from the API's error code, else its status. */
export function failureText(t: WorkspaceT, failure: unknown): string {
  if (!(failure instanceof ApiError)) return t('failure.unexpected', { status: '–' });
  const key = BY_CODE[failure.code] ?? BY_STATUS[failure.status];
  return key ? t(key) : t('failure.unexpected', { status: failure.status });
}

/** A failure as the workspace shows it everywhere: announced at once (role="alert"), beside what failed. */
function Failure({ children }: { children: ReactNode }) {
  return (
    <span role="alert" className="form-error">
      {children}
    </span>
  );
}

/** What a success toast says: its text alone, or the whole toast (one with Undo). */
export type Success = string | ToastContent;

/** What a write says once it went through: a success, or one made from the write's answer (Undo needs it). */
export type SuccessToast<Result> = Success | ((result: Result) => Success);

/** Shows the toast that says a write went through; a text alone is a success toast. */
export function toastSuccess<Result>(success: SuccessToast<Result>, result: Result): void {
  const content = typeof success === 'function' ? success(result) : success;
  showToast(typeof content === 'string' ? { title: content, tone: 'success' } : content);
}

/** A toast's Undo: runs `undo`, then says with a toast of its own that it went through (`done`) or why it failed. */
export function undoAction(
  t: WorkspaceT,
  undo: () => Promise<unknown>,
  done: string,
): NonNullable<ToastContent['action']> {
  return {
    label: t('toast.undo'),
    onAction: () =>
      void undo().then(
        () => showToast({ title: done, tone: 'success' }),
        (failure: unknown) => showToast({ title: failureText(t, failure), tone: 'danger' }),
      ),
  };
}

/**
 * A button that makes one write. While the write runs the button says it is busy; when the write goes through, a
 * toast says so (`success` is required: no click ends in silence); when it fails, the reason is shown beside the
 * button until the next try.
 */
export function ActionButton<Result>(props: {
  onPress: () => Promise<Result>;
  success: SuccessToast<Result>;
  /** A question asked first; the write is made only once the user agrees (for writes that cannot be undone). */
  confirm?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  children: ReactNode;
}) {
  const { t } = useTranslation('workspace');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (props.confirm !== undefined && !window.confirm(props.confirm)) return;
    setFailure(null);
    setBusy(true);
    try {
      toastSuccess(props.success, await props.onPress());
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant={props.variant} size={props.size} isPending={busy} onPress={() => void run()}>
        {props.children}
      </Button>
      {failure !== null && (
        <>
          {' '}
          <Failure>{failureText(t, failure)}</Failure>
        </>
      )}
    </>
  );
}
