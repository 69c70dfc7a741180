import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useSignIn } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { Button } from '../../ui/Button.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { failureText } from '../ui/failure.tsx';
import { Field, FormMessage, PasswordField, useForm } from '../ui/form.tsx';

export function SignInPage() {
  const { t, ready } = useWorkspaceTexts();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const form = useForm({ email: '', password: '' });
  if (!ready) return <p>…</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    form.clear();
    try {
      await signIn.mutateAsync(form.values);
      await navigate('/workspace');
    } catch (failure) {
      // A wrong address or password (or one that is not an address at all) is one answer: nothing tells which.
      const refused = failure instanceof ApiError && (failure.status === 400 || failure.status === 401);
      form.refuse(refused ? t('signIn.failed') : failureText(t, failure));
    }
  };

  return (
    <section className="narrow">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('signIn.email')} type="email" autoComplete="username" {...form.field('email')} />
        <PasswordField
          label={t('signIn.password')}
          autoComplete="current-password"
          {...form.field('password')}
        />
        <FormMessage message={form.message} />
        <Button type="submit" variant="primary" isDisabled={signIn.isPending}>
          {t('signIn.submit')}
        </Button>
      </form>
    </section>
  );
}
