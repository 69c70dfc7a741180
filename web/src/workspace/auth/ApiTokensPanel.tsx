import { useState } from 'react';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../../api/auth.ts';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { Field, FormMessage, useForm } from '../ui/form.tsx';

/** The user's API tokens: when each was last used, revoking one, and making one (shown once). */
export function ApiTokensPanel({ t }: { t: WorkspaceT }) {
  const tokens = useApiTokens(true);
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm({ name: '' });

  const submit = form.submitWith(async () => {
    const answer = await create.mutateAsync(form.values);
    setCreated(answer.token);
    form.set({ name: '' });
    form.clear();
  });

  return (
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
                <ActionButton onClick={() => revoke.mutateAsync(item.id)}>
                  {t('account.revoke', { name: item.name })}
                </ActionButton>
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
      <form onSubmit={submit} noValidate>
        <Field label={t('account.tokenName')} {...form.field('name')} />
        <FormMessage message={form.message} />
        <button type="submit">{t('account.createToken')}</button>
      </form>
    </section>
  );
}
