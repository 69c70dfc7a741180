import type { FormEvent } from 'react';
import { useChangePassword } from '../../api/auth.ts';
import type { WorkspaceT } from '../texts.ts';
import { CheckboxField, Field, FormMessage, useForm } from '../ui/form.tsx';

/** A new password for the signed-in user; it ends their other sessions and, unless kept, their API tokens. */
export function ChangePasswordForm({ t }: { t: WorkspaceT }) {
  const change = useChangePassword();
  const form = useForm({ currentPassword: '', newPassword: '', keepApiTokens: false });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await change.mutateAsync(form.values);
      form.set({ currentPassword: '', newPassword: '' });
      form.succeed(
        t(form.values.keepApiTokens ? 'account.passwordChanged' : 'account.passwordChangedTokensRevoked'),
      );
    } catch (failure) {
      form.fail(failure);
    }
  };

  return (
    <form className="panel" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{t('account.changePassword')}</h2>
      <Field
        label={t('account.currentPassword')}
        type="password"
        autoComplete="current-password"
        {...form.field('currentPassword')}
      />
      <Field
        label={t('setup.newPassword')}
        type="password"
        autoComplete="new-password"
        {...form.field('newPassword')}
      />
      <CheckboxField label={t('account.keepTokens')} {...form.checkbox('keepApiTokens')} />
      <FormMessage message={form.message} />
      <button type="submit">{t('account.changePassword')}</button>
    </form>
  );
}
