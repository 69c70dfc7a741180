import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useLink, useSetPasswordWithLink, useSetup } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { Button } from '../../ui/Button.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { failureText } from '../ui/failure.tsx';
import { CheckboxField, Field, FormMessage, PasswordField, useForm } from '../ui/form.tsx';

/** The token of a one-time link is in the URL fragment, which browsers never send to the server. */
function tokenFromHash(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

/** The setup page (the first administrator) and the password page (a link from an administrator). */
function LinkPage({ purpose }: { purpose: 'setup' | 'password' }) {
  const { t, ready } = useWorkspaceTexts();
  const navigate = useNavigate();
  const [token] = useState(tokenFromHash);
  const link = useLink(token);
  const setup = useSetup();
  const setPassword = useSetPasswordWithLink();
  const form = useForm({ name: '', email: '', password: '', repeat: '', keepApiTokens: false });
  const title = purpose === 'setup' ? t('setup.title') : t('setup.passwordTitle');

  if (!ready || link.isPending) return <p>…</p>;
  if (!link.data || link.data.purpose !== purpose) {
    // A link that was refused is invalid; one that could not be checked says why.
    const refused = link.data || (link.error instanceof ApiError && link.error.status === 400);
    return (
      <section className="narrow">
        <h1>{title}</h1>
        <p role="alert">{refused ? t('setup.invalidLink') : failureText(t, link.error)}</p>
      </section>
    );
  }

  const submit = form.submitWith(async () => {
    const { name, email, password, repeat, keepApiTokens } = form.values;
    if (password !== repeat) {
      form.refuse(null, { repeat: t('setup.mismatch') });
      return null;
    }
    if (purpose === 'setup') await setup.mutateAsync({ token, name, email, password });
    else await setPassword.mutateAsync({ token, password, keepApiTokens });
    await navigate('/workspace');
    return t(purpose === 'setup' ? 'toast.setUp' : 'toast.passwordSet');
  });

  return (
    <section className="narrow">
      <h1>{title}</h1>
      <p>{purpose === 'setup' ? t('setup.intro') : t('setup.passwordIntro', { email: link.data.email })}</p>
      <form onSubmit={submit} noValidate>
        {purpose === 'setup' && (
          <>
            <Field label={t('setup.name')} autoComplete="name" {...form.field('name')} />
            <Field label={t('signIn.email')} type="email" autoComplete="username" {...form.field('email')} />
          </>
        )}
        <PasswordField
          label={t('setup.newPassword')}
          autoComplete="new-password"
          {...form.field('password')}
        />
        <PasswordField label={t('setup.repeat')} autoComplete="new-password" {...form.field('repeat')} />
        {purpose === 'password' && (
          <CheckboxField label={t('account.keepTokens')} {...form.checkbox('keepApiTokens')} />
        )}
        <FormMessage message={form.message} />
        <Button type="submit" variant="primary">
          {purpose === 'setup' ? t('setup.submit') : t('setup.passwordSubmit')}
        </Button>
      </form>
    </section>
  );
}

export function SetupPage() {
  return <LinkPage purpose="setup" />;
}

export function PasswordPage() {
  return <LinkPage purpose="password" />;
}
