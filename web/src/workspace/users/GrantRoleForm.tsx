import { useOrganizations } from '../../api/organizations.ts';
import { MEMBER_ROLES, type User, useGrantMembership } from '../../api/users.ts';
import { Button } from '../../ui/Button.tsx';
import type { WorkspaceT } from '../texts.ts';
import { FormMessage, SelectField, useForm } from '../ui/form.tsx';

/** Gives a user a role (editor or viewer) in an organisation. */
export function GrantRoleForm({ t, users }: { t: WorkspaceT; users: User[] }) {
  const organizations = useOrganizations();
  const grant = useGrantMembership();
  const form = useForm({ user: '', organization: '', role: 'editor' as (typeof MEMBER_ROLES)[number] });
  const choose = { value: '', label: t('newTie.choose') };

  const { user, organization, role } = form.values;
  const submit = form.submitWith(async () => {
    await grant.mutateAsync({ userId: Number(user), organizationId: Number(organization), role });
    return t('users.granted');
  });

  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>{t('users.grant')}</h2>
      <SelectField
        label={t('signIn.email')}
        options={[choose, ...users.map((user) => ({ value: String(user.id), label: user.email }))]}
        {...form.field('user')}
      />
      <SelectField
        label={t('users.organization')}
        options={[
          choose,
          ...(organizations.data?.items ?? []).map((item) => ({ value: String(item.id), label: item.name })),
        ]}
        {...form.field('organization')}
      />
      <SelectField
        label={t('users.role')}
        options={MEMBER_ROLES.map((role) => ({ value: role, label: t(`users.${role}`) }))}
        {...form.field('role')}
      />
      <FormMessage message={form.message} />
      <Button type="submit" variant="primary" isDisabled={!user || !organization}>
        {t('users.grant')}
      </Button>
    </form>
  );
}
