import { useCreateUser } from '../../api/users.ts';
import { Button } from '../../ui/Button.tsx';
import type { WorkspaceT } from '../texts.ts';
import { Field, FormMessage, useForm } from '../ui/form.tsx';

/** Adds a user; `onAdded` is given their address and the one-time link with which they choose a password. */
export function AddUserForm({
  t,
  onAdded,
}: {
  t: WorkspaceT;
  onAdded: (link: { email: string; url: string }) => void;
}) {
  const create = useCreateUser();
  const form = useForm({ name: '', email: '' });

  const submit = form.submitWith(async () => {
    const created = await create.mutateAsync(form.values);
    onAdded({ email: created.user.email, url: created.link.url });
    form.set({ name: '', email: '' });
    return t('toast.userAdded');
  });

  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>{t('users.add')}</h2>
      <Field label={t('organization.name')} {...form.field('name')} />
      <Field label={t('signIn.email')} type="email" {...form.field('email')} />
      <FormMessage message={form.message} />
      <Button type="submit" variant="primary">
        {t('users.add')}
      </Button>
    </form>
  );
}
