import { useState } from 'react';
import { Navigate } from 'react-router';
import { useSession } from '../../api/auth.ts';
import { useCreatePasswordLink, useUpdateUser, useUsers } from '../../api/users.ts';
import { MergeForm } from '../merges/MergeForm.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { AddUserForm } from './AddUserForm.tsx';
import { GrantRoleForm } from './GrantRoleForm.tsx';

/** User administration: add users (with a one-time link), disable and enable them, give roles. */
export function UsersPage() {
  const { t, ready } = useWorkspaceTexts();
  const session = useSession();
  const isAdmin = !!session.data?.user?.isAdmin;
  const users = useUsers(isAdmin);
  const update = useUpdateUser();
  const resetLink = useCreatePasswordLink();
  const [link, setLink] = useState<string | null>(null);

  if (!ready || session.isPending) return <p>…</p>;
  if (!session.data?.user) return <Navigate to="/sign-in" replace />;
  if (!isAdmin) return <p role="alert">403</p>;
  const self = session.data.user.id;

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('organization.name')}</th>
            <th scope="col">{t('signIn.email')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('users.disable')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(users.data?.items ?? []).map((user) => (
            <tr key={user.id}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>
                {[
                  user.isAdmin ? t('users.admin') : '',
                  user.disabled ? t('users.disabled') : '',
                  user.hasPassword ? '' : t('users.noPassword'),
                ]
                  .filter(Boolean)
                  .join(', ')}
              </td>
              <td>
                {user.id !== self && (
                  <ActionButton
                    onClick={() =>
                      update.mutateAsync({ id: user.id, version: user.version, disabled: !user.disabled })
                    }
                  >
                    {user.disabled ? t('users.enable') : t('users.disable')}{' '}
                    <span className="visually-hidden">{user.email}</span>
                  </ActionButton>
                )}{' '}
                <ActionButton onClick={async () => setLink((await resetLink.mutateAsync(user.id)).url)}>
                  {t('users.resetLink')} <span className="visually-hidden">{user.email}</span>
                </ActionButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {link && (
        <div role="status" className="panel">
          <p>{t('users.created')}</p>
          <p>
            <code>{link}</code>
          </p>
        </div>
      )}
      <AddUserForm t={t} onAdded={setLink} />
      <GrantRoleForm t={t} users={users.data?.items ?? []} />
      <MergeForm t={t} />
    </section>
  );
}
