import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
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

/**
 * A button that makes one write. While the write runs the button waits; when it fails, the reason is shown beside
 * the button until the next try, so that no click ends in silence.
 */
export function ActionButton(props: { onClick: () => Promise<unknown>; children: ReactNode }) {
  const { t } = useTranslation('workspace');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setFailure(null);
    setBusy(true);
    try {
      await props.onClick();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run()}>
        {props.children}
      </button>
      {failure !== null && (
        <>
          {' '}
          <Failure>{failureText(t, failure)}</Failure>
        </>
      )}
    </>
  );
}
