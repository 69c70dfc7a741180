import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate } from 'react-router';
import { getJson } from '../api/client.ts';
import { sendJson, useSession } from './api.ts';
import { Field, FormMessage, SelectField, useFormErrors } from './form.tsx';
import { MergeForm } from './MergeForm.tsx';
import { useWorkspaceTexts } from './texts.ts';

interface User {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  disabled: boolean;
  hasPassword: boolean;
  version: number;
}

/** User administration: add users (with a one-time link), disable and enable them, give roles. */
export function UsersPage() {
  const { t, ready } = useWorkspaceTexts();
  const client = useQueryClient();
  const session = useSession();
  const isAdmin = !!session.data?.user?.isAdmin;
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => getJson<{ items: User[] }>('/api/users'),
    enabled: isAdmin,
  });
  const organizations = useQuery({
    queryKey: ['organizations-all'],
    queryFn: () => getJson<{ items: { id: number; name: string }[] }>('/api/organizations', { limit: 200 }),
    enabled: isAdmin,
  });
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [grantUser, setGrantUser] = useState('');
  const [grantOrganization, setGrantOrganization] = useState('');
  const [grantRole, setGrantRole] = useState('editor');
  const add = useFormErrors();
  const grant = useFormErrors();

  if (!ready || session.isPending) return <p>…</p>;
  if (!session.data?.user) return <Navigate to="/sign-in" replace />;
  if (!isAdmin) return <p role="alert">403</p>;
  const refresh = () => void client.invalidateQueries({ queryKey: ['users'] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await sendJson<{ link: { url: string } }>('POST', '/api/users', { email, name });
      setLink(created.link.url);
      setEmail('');
      setName('');
      add.clear();
      refresh();
    } catch (failure) {
      add.fail(failure);
    }
  };
  const toggle = async (user: User) => {
    await sendJson('PATCH', `/api/users/${user.id}`, { version: user.version, disabled: !user.disabled });
    refresh();
  };
  const resetLink = async (user: User) => {
    const created = await sendJson<{ url: string }>('POST', `/api/users/${user.id}/password-link`);
    setLink(created.url);
  };
  const submitGrant = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await sendJson('PUT', `/api/users/${grantUser}/memberships/${grantOrganization}`, { role: grantRole });
      grant.clear();
      grant.setMessage(t('users.granted'));
    } catch (failure) {
      grant.fail(failure);
    }
  };

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
                {user.id !== session.data.user?.id && (
                  <button type="button" onClick={() => void toggle(user)}>
                    {user.disabled ? t('users.enable') : t('users.disable')}{' '}
                    <span className="visually-hidden">{user.email}</span>
                  </button>
                )}{' '}
                <button type="button" onClick={() => void resetLink(user)}>
                  {t('users.resetLink')} <span className="visually-hidden">{user.email}</span>
                </button>
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
      <form className="panel" onSubmit={(event) => void submit(event)} noValidate>
        <h2>{t('users.add')}</h2>
        <Field
          label={t('organization.name')}
          name="name"
          value={name}
          onChange={setName}
          error={add.errors.name}
        />
        <Field
          label={t('signIn.email')}
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          error={add.errors.email}
        />
        <FormMessage message={add.message} alert />
        <button type="submit">{t('users.add')}</button>
      </form>
      <form className="panel" onSubmit={(event) => void submitGrant(event)} noValidate>
        <h2>{t('users.grant')}</h2>
        <SelectField
          label={t('signIn.email')}
          name="user"
          value={grantUser}
          onChange={setGrantUser}
          options={[
            { value: '', label: t('newTie.choose') },
            ...(users.data?.items ?? []).map((user) => ({ value: String(user.id), label: user.email })),
          ]}
        />
        <SelectField
          label={t('users.organization')}
          name="organization"
          value={grantOrganization}
          onChange={setGrantOrganization}
          options={[
            { value: '', label: t('newTie.choose') },
            ...(organizations.data?.items ?? []).map((item) => ({
              value: String(item.id),
              label: item.name,
            })),
          ]}
        />
        <SelectField
          label={t('users.role')}
          name="role"
          value={grantRole}
          onChange={setGrantRole}
          options={[
            { value: 'editor', label: t('users.editor') },
            { value: 'viewer', label: t('users.viewer') },
          ]}
        />
        <FormMessage message={grant.message} />
        <button type="submit" disabled={!grantUser || !grantOrganization}>
          {t('users.grant')}
        </button>
      </form>
      <MergeForm t={t} />
    </section>
  );
}
