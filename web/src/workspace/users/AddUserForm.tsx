import { useCreateUser } from '../../api/users.ts';
import type { WorkspaceT } from '../texts.ts';
import { Field, FormMessage, useForm } from '../ui/form.tsx';

/** Adds a user; `onAdded` is given the one-time link with which they choose a password. */
export function AddUserForm({ t, onAdded }: { t: WorkspaceT; onAdded: (link: string) => void }) {
  const create = useCreateUser();
  const form = useForm({ name: '', email: '' });

  const submit = form.submitWith(async () => {
    const created = await create.mutateAsync(form.values);
    onAdded(created.link.url);
    form.set({ name: '', email: '' });
    form.clear();
  });

  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>{t('users.add')}</h2>
      <Field label={t('organization.name')} {...form.field('name')} />
      <Field label={t('signIn.email')} type="email" {...form.field('email')} />
      <FormMessage message={form.message} />
      <button type="submit">{t('users.add')}</button>
    </form>
  );
}
