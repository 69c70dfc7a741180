import { useChangePassword } from '../../api/auth.ts';
import { Button } from '../../ui/Button.tsx';
import type { WorkspaceT } from '../texts.ts';
import { CheckboxField, FormMessage, PasswordField, useForm } from '../ui/form.tsx';

/** A new password for the signed-in user; it ends their other sessions and, unless kept, their API tokens. */
export function ChangePasswordForm({ t }: { t: WorkspaceT }) {
  const change = useChangePassword();
  const form = useForm({ currentPassword: '', newPassword: '', keepApiTokens: false });

  const submit = form.submitWith(async () => {
    await change.mutateAsync(form.values);
    form.set({ currentPassword: '', newPassword: '' });
    return t(form.values.keepApiTokens ? 'account.passwordChanged' : 'account.passwordChangedTokensRevoked');
  });

  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>{t('account.changePassword')}</h2>
      <PasswordField
        label={t('account.currentPassword')}
        autoComplete="current-password"
        {...form.field('currentPassword')}
      />
      <PasswordField
        label={t('setup.newPassword')}
        autoComplete="new-password"
        {...form.field('newPassword')}
      />
      <CheckboxField label={t('account.keepTokens')} {...form.checkbox('keepApiTokens')} />
      <FormMessage message={form.message} />
      <Button type="submit" variant="primary">
        {t('account.changePassword')}
      </Button>
    </form>
  );
}
