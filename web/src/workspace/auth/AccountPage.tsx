import { Navigate, useNavigate } from 'react-router';
import { useSession, useSignOutEverywhere } from '../../api/auth.ts';
import { RemindersPanel } from '../notifications/RemindersPanel.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { ApiTokensPanel } from './ApiTokensPanel.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** The signed-in user's own account: password, reminders, sessions and API tokens. */
export function AccountPage() {
  const { t, ready } = useWorkspaceTexts();
  const session = useSession();
  const navigate = useNavigate();
  const signOutEverywhere = useSignOutEverywhere();

  if (!ready || session.isPending) return <p>…</p>;
  if (!session.data?.user) return <Navigate to="/sign-in" replace />;
  const { user } = session.data;

  return (
    <section>
      <h1>{t('account.title')}</h1>
      <p>{t('signIn.signedInAs', { name: `${user.name} <${user.email}>` })}</p>
      <ChangePasswordForm t={t} />
      <RemindersPanel t={t} />
      <ApiTokensPanel t={t} />
      <p>
        <ActionButton
          onPress={async () => {
            await signOutEverywhere.mutateAsync();
            await navigate('/sign-in');
          }}
          success={t('toast.signedOutEverywhere')}
        >
          {t('account.signOutEverywhere')}
        </ActionButton>
      </p>
    </section>
  );
}
