import { useId, useState } from 'react';
import { Navigate } from 'react-router';
import { useSession } from '../../api/auth.ts';
import { type User, useCreatePasswordLink, useUpdateUser, useUsers } from '../../api/users.ts';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import { MergeForm } from '../merges/MergeForm.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { actionsColumn, RecordTable } from '../ui/RecordTable.tsx';
import { AddUserForm } from './AddUserForm.tsx';
import { GrantRoleForm } from './GrantRoleForm.tsx';

const STATES = ['active', 'disabled', 'noPassword'] as const;
const stateOf = (user: User) => (user.disabled ? 'disabled' : user.hasPassword ? 'active' : 'noPassword');

/** User administration: the users in a table (disabling, enabling, a new password link), adding users, roles. */
export function UsersPage() {
  const { t, ready } = useWorkspaceTexts();
  const session = useSession();
  const isAdmin = !!session.data?.user?.isAdmin;
  const users = useUsers(isAdmin);
  const update = useUpdateUser();
  const resetLink = useCreatePasswordLink();
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const linkId = useId();

  if (!ready || session.isPending) return <p>…</p>;
  if (!session.data?.user) return <Navigate to="/sign-in" replace />;
  if (!isAdmin) return <p role="alert">403</p>;
  const self = session.data.user.id;

  const columns: DataColumn<User>[] = [
    {
      id: 'name',
      header: t('organization.name'),
      value: (user) => user.name,
      filter: 'text',
      required: true,
    },
    { id: 'email', header: t('signIn.email'), value: (user) => user.email, filter: 'text' },
    {
      id: 'role',
      header: t('users.role'),
      value: (user) => (user.isAdmin ? t('users.admin') : t('users.member')),
      filter: choiceFilter(['admin', 'member'] as const, (role) => t(`users.${role}`)),
    },
    {
      id: 'state',
      header: t('users.state'),
      value: (user) => t(`users.${stateOf(user)}`),
      filter: choiceFilter(STATES, (state) => t(`users.${state}`)),
    },
    { id: 'added', header: t('users.added'), value: (user) => user.createdAt.slice(0, 10), hidden: true },
    actionsColumn(t, (user) => (
      <span className="ws-row-actions">
        {user.id !== self && (
          <ActionButton
            size="s"
            onPress={() =>
              update.mutateAsync({ id: user.id, version: user.version, disabled: !user.disabled })
            }
            success={t(user.disabled ? 'toast.userEnabled' : 'toast.userDisabled', { email: user.email })}
          >
            {user.disabled ? t('users.enable') : t('users.disable')}{' '}
            <span className="visually-hidden">{user.email}</span>
          </ActionButton>
        )}
        <ActionButton
          size="s"
          onPress={async () =>
            setLink({ email: user.email, url: (await resetLink.mutateAsync(user.id)).url })
          }
          success={t('toast.passwordLink', { email: user.email })}
        >
          {t('users.resetLink')} <span className="visually-hidden">{user.email}</span>
        </ActionButton>
      </span>
    )),
  ];

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <RecordTable
        caption={t('users.title')}
        query={users}
        rows={users.data?.items}
        columns={columns}
        urlPrefix="users"
        fileName="citybridge-users"
        defaultSort={[{ id: 'name', desc: false }]}
        empty={{ title: t('users.none') }}
      />
      {link && (
        // Kept on the page (the toast says it is here): the link is shown only this once.
        <section className="panel ws-secret" aria-labelledby={linkId}>
          <p id={linkId}>{t('users.oneTimeLink', { email: link.email })}</p>
          <p>
            <code>{link.url}</code>
          </p>
        </section>
      )}
      <AddUserForm t={t} onAdded={setLink} />
      <GrantRoleForm t={t} users={users.data?.items ?? []} />
      <MergeForm t={t} />
    </section>
  );
}
