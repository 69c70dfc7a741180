import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { getJson } from '../api/client.ts';
import { sendJson, useSession } from './api.ts';
import { CheckboxField, Field, FormMessage, useFormErrors } from './form.tsx';
import { useWorkspaceTexts } from './texts.ts';

interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The signed-in user's own account: password, sessions and API tokens. */
export function AccountPage() {
  const { t, ready } = useWorkspaceTexts();
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: () => getJson<{ items: ApiToken[] }>('/api/auth/tokens'),
    enabled: !!session.data?.user,
  });
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [keepTokens, setKeepTokens] = useState(false);
  const [tokenName, setTokenName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const password = useFormErrors();
  const token = useFormErrors();

  if (!ready || session.isPending) return <p>…</p>;
  if (!session.data?.user) return <Navigate to="/sign-in" replace />;

  const changePassword = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await sendJson('POST', '/api/auth/password', {
        currentPassword: current,
        newPassword: next,
        keepApiTokens: keepTokens,
      });
      setCurrent('');
      setNext('');
      password.clear();
      password.setMessage(t(keepTokens ? 'account.passwordChanged' : 'account.passwordChangedTokensRevoked'));
      await client.invalidateQueries({ queryKey: ['tokens'] });
    } catch (failure) {
      password.fail(failure);
    }
  };
  const createToken = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const answer = await sendJson<{ token: string }>('POST', '/api/auth/tokens', { name: tokenName });
      setCreated(answer.token);
      setTokenName('');
      token.clear();
      await client.invalidateQueries({ queryKey: ['tokens'] });
    } catch (failure) {
      token.fail(failure);
    }
  };
  const revoke = async (id: number) => {
    await sendJson('DELETE', `/api/auth/tokens/${id}`);
    await client.invalidateQueries({ queryKey: ['tokens'] });
  };
  const signOutEverywhere = async () => {
    await sendJson('POST', '/api/auth/sign-out-everywhere');
    await client.invalidateQueries();
    await navigate('/sign-in');
  };

  return (
    <section>
      <h1>{t('account.title')}</h1>
      <p>{t('signIn.signedInAs', { name: `${session.data.user.name} <${session.data.user.email}>` })}</p>
      <form className="panel" onSubmit={(event) => void changePassword(event)} noValidate>
        <h2>{t('account.changePassword')}</h2>
        <Field
          label={t('account.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={password.errors.currentPassword}
        />
        <Field
          label={t('setup.newPassword')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          error={password.errors.newPassword}
        />
        <CheckboxField
          label={t('account.keepTokens')}
          name="keepApiTokens"
          checked={keepTokens}
          onChange={setKeepTokens}
        />
        <FormMessage message={password.message} />
        <button type="submit">{t('account.changePassword')}</button>
      </form>
      <section className="panel">
        <h2>{t('account.tokens')}</h2>
        <ul>
          {(tokens.data?.items ?? []).map((item) => (
            <li key={item.id}>
              <code>{item.prefix}…</code> {item.name} –{' '}
              {item.lastUsedAt
                ? t('account.lastUsed', { date: item.lastUsedAt.slice(0, 10) })
                : t('account.neverUsed')}
              {item.revokedAt ? (
                ` – ${t('account.revoked')}`
              ) : (
                <>
                  {' '}
                  <button type="button" onClick={() => void revoke(item.id)}>
                    {t('account.revoke', { name: item.name })}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
        {created && (
          <div role="status">
            <p>{t('account.tokenCreated')}</p>
            <p>
              <code>{created}</code>
            </p>
          </div>
        )}
        <form onSubmit={(event) => void createToken(event)} noValidate>
          <Field
            label={t('account.tokenName')}
            name="tokenName"
            value={tokenName}
            onChange={setTokenName}
            error={token.errors.name}
          />
          <FormMessage message={token.message} alert />
          <button type="submit">{t('account.createToken')}</button>
        </form>
      </section>
      <p>
        <button type="button" onClick={() => void signOutEverywhere()}>
          {t('account.signOutEverywhere')}
        </button>
      </p>
    </section>
  );
}
