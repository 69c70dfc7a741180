import { useId, useState } from 'react';
import { type ApiToken, useApiTokens, useCreateApiToken, useRevokeApiToken } from '../../api/auth.ts';
import { Button } from '../../ui/Button.tsx';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { Field, FormMessage, useForm } from '../ui/form.tsx';
import { actionsColumn, RecordTable } from '../ui/RecordTable.tsx';

const STATES = ['active', 'revoked'] as const;

/** The user's API tokens in a table (when each was last used, revoking one), and making one (shown once). */
export function ApiTokensPanel({ t }: { t: WorkspaceT }) {
  const tokens = useApiTokens(true);
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [created, setCreated] = useState<string | null>(null);
  const createdId = useId();
  const form = useForm({ name: '' });

  const submit = form.submitWith(async () => {
    const answer = await create.mutateAsync(form.values);
    setCreated(answer.token);
    form.set({ name: '' });
    return t('toast.tokenCreated');
  });

  const state = (token: ApiToken) => t(token.revokedAt ? 'account.revoked' : 'account.active');
  const columns: DataColumn<ApiToken>[] = [
    { id: 'name', header: t('account.tokenName'), value: (token) => token.name, required: true },
    {
      id: 'prefix',
      header: t('account.prefix'),
      value: (token) => token.prefix,
      cell: (token) => <code>{token.prefix}…</code>,
    },
    { id: 'created', header: t('account.created'), value: (token) => token.createdAt.slice(0, 10) },
    {
      id: 'lastUsed',
      header: t('account.lastUsedColumn'),
      value: (token) => token.lastUsedAt?.slice(0, 10),
      cell: (token) => token.lastUsedAt?.slice(0, 10) ?? t('account.neverUsed'),
    },
    {
      id: 'state',
      header: t('account.state'),
      value: state,
      filter: choiceFilter(STATES, (value) => t(`account.${value}`)),
    },
    actionsColumn(
      t,
      (token) =>
        !token.revokedAt && (
          <ActionButton
            size="s"
            variant="danger"
            onPress={() => revoke.mutateAsync(token.id)}
            success={t('toast.tokenRevoked', { name: token.name })}
          >
            {t('account.revoke', { name: token.name })}
          </ActionButton>
        ),
    ),
  ];

  return (
    <section className="panel">
      <h2>{t('account.tokens')}</h2>
      <RecordTable
        caption={t('account.tokens')}
        query={tokens}
        rows={tokens.data?.items}
        columns={columns}
        urlPrefix="tokens"
        fileName="citybridge-api-tokens"
        defaultSort={[{ id: 'created', desc: true }]}
        empty={{ title: t('account.noTokens'), hint: t('account.noTokensHint') }}
      />
      {created && (
        // Kept on the page (the toast says it is here): the token is shown only this once.
        <section className="ws-secret" aria-labelledby={createdId}>
          <p id={createdId}>{t('account.tokenCreated')}</p>
          <p>
            <code>{created}</code>
          </p>
        </section>
      )}
      <form onSubmit={submit} noValidate>
        <Field label={t('account.tokenName')} {...form.field('name')} />
        <FormMessage message={form.message} />
        <Button type="submit" variant="primary">
          {t('account.createToken')}
        </Button>
      </form>
    </section>
  );
}
