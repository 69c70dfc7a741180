import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { sendJson, WriteError } from './api.ts';
import { CheckboxField, Field } from './form.tsx';
import { useWorkspaceTexts } from './texts.ts';
import { validationKey } from './validation.ts';

export function SignInPage() {
  const { t, ready } = useWorkspaceTexts();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!ready) return <p>…</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sendJson('POST', '/api/auth/sign-in', { email, password });
      await client.invalidateQueries();
      await navigate('/workspace');
    } catch (failure) {
      setError(
        failure instanceof WriteError && failure.status === 429
          ? t('signIn.rateLimited')
          : t('signIn.failed'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('signIn.email')}
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
        />
        <Field
          label={t('signIn.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}

/** The token of a one-time link is in the URL fragment, which browsers never send to the server. */
function tokenFromHash(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

/** The setup page (the first administrator) and the password page (a link from an administrator). */
export function LinkPage({ purpose }: { purpose: 'setup' | 'password' }) {
  const { t, ready } = useWorkspaceTexts();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [token] = useState(tokenFromHash);
  const [link, setLink] = useState<{ email: string | null } | 'invalid' | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [keepTokens, setKeepTokens] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    sendJson<{ purpose: string; email: string | null }>('POST', '/api/auth/links/inspect', { token }).then(
      (answer) => setLink(answer.purpose === purpose ? { email: answer.email } : 'invalid'),
      () => setLink('invalid'),
    );
  }, [token, purpose]);

  if (!ready || link === null) return <p>…</p>;
  if (link === 'invalid') {
    return (
      <section className="narrow">
        <h1>{purpose === 'setup' ? t('setup.title') : t('setup.passwordTitle')}</h1>
        <p role="alert">{t('setup.invalidLink')}</p>
      </section>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) {
      setErrors({ repeat: t('setup.mismatch') });
      return;
    }
    try {
      if (purpose === 'setup') await sendJson('POST', '/api/auth/setup', { token, name, email, password });
      else await sendJson('POST', '/api/auth/password-link', { token, password, keepApiTokens: keepTokens });
      await client.invalidateQueries();
      await navigate('/workspace');
    } catch (failure) {
      if (failure instanceof WriteError && failure.details.length > 0) {
        setErrors(
          Object.fromEntries(
            failure.details.map((detail) => [
              detail.field.replace('body.', ''),
              t(validationKey(detail.message)),
            ]),
          ),
        );
      } else {
        setErrors({ form: failure instanceof Error ? failure.message : String(failure) });
      }
    }
  };

  return (
    <section className="narrow">
      <h1>{purpose === 'setup' ? t('setup.title') : t('setup.passwordTitle')}</h1>
      <p>{purpose === 'setup' ? t('setup.intro') : t('setup.passwordIntro', { email: link.email })}</p>
      <form onSubmit={submit} noValidate>
        {purpose === 'setup' && (
          <>
            <Field
              label={t('setup.name')}
              name="name"
              autoComplete="name"
              value={name}
              onChange={setName}
              error={errors.name}
            />
            <Field
              label={t('signIn.email')}
              name="email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={setEmail}
              error={errors.email}
            />
          </>
        )}
        <Field
          label={t('setup.newPassword')}
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
        <Field
          label={t('setup.repeat')}
          name="repeat"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          error={errors.repeat}
        />
        {purpose === 'password' && (
          <CheckboxField
            label={t('account.keepTokens')}
            name="keepApiTokens"
            checked={keepTokens}
            onChange={setKeepTokens}
          />
        )}
        {errors.form && (
          <p role="alert" className="form-error">
            {errors.form}
          </p>
        )}
        <button type="submit">{purpose === 'setup' ? t('setup.submit') : t('setup.passwordSubmit')}</button>
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
