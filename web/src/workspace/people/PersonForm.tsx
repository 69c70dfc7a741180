import type { FormEvent } from 'react';
import { type Person, POST_ROLES, useCreatePerson, useUpdatePerson } from '../../api/people.ts';
import { Button } from '../../ui/Button.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ConflictNotice } from '../ui/ConflictNotice.tsx';
import { Field, FormMessage, SelectField, TextAreaField, useRecordForm } from '../ui/form.tsx';
import { visibilityOptions } from '../ui/visibility.ts';

/**
 * Adds a person with a post in the organisation, or edits one: name, post, contact points, notes and
 * visibility. Contact points are replaced as a whole; the version guards against lost updates.
 */
export function PersonForm(props: {
  organizationId: number;
  person?: Person;
  t: WorkspaceT;
  onSaved?: () => void;
}) {
  const { t, person } = props;
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const post = person?.posts.find((item) => item.organizationId === props.organizationId) ?? person?.posts[0];
  const contact = (kind: 'email' | 'phone') =>
    person?.contactPoints?.find((item) => item.kind === kind)?.value ?? '';
  const form = useRecordForm(
    {
      name: person?.name ?? '',
      role: post?.role ?? ('international_affairs_coordinator' as Person['posts'][number]['role']),
      title: post?.title ?? '',
      email: contact('email'),
      phone: contact('phone'),
      notes: person?.notes ?? '',
      visibility: person?.visibility ?? 'internal',
    },
    ({ name, role, title, email, phone, notes, visibility }) => {
      const posts = [
        {
          organizationId: post?.organizationId ?? props.organizationId,
          role,
          title: title.trim() || null,
          startedOn: post?.startedOn ?? null,
          endedOn: post?.endedOn ?? null,
        },
        ...(person?.posts ?? [])
          .filter((item) => item.id !== post?.id)
          .map(({ organizationId, role: otherRole, title: otherTitle, startedOn, endedOn }) => ({
            organizationId,
            role: otherRole,
            title: otherTitle,
            startedOn,
            endedOn,
          })),
      ];
      return {
        name,
        notes: notes.trim() || null,
        visibility,
        posts,
        contactPoints: [
          ...(email.trim() ? [{ kind: 'email' as const, value: email.trim() }] : []),
          ...(phone.trim() ? [{ kind: 'phone' as const, value: phone.trim() }] : []),
        ],
      };
    },
  );

  const submit = (event?: FormEvent, version = person?.version) => {
    event?.preventDefault();
    void form.save(
      async (body, changed) => {
        if (person) await update.mutateAsync({ id: person.id, version: version!, ...changed });
        else {
          await create.mutateAsync({ ...body, keeperId: props.organizationId });
          form.set({ name: '', title: '', email: '', phone: '', notes: '' });
        }
        props.onSaved?.();
      },
      t(person ? 'toast.saved' : 'toast.personAdded'),
    );
  };

  return (
    <form className="panel edit-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>{person ? t('personForm.edit', { name: person.name }) : t('organization.addPerson')}</h3>
      <Field label={t('organization.name')} {...form.field('name')} />
      <SelectField
        label={t('organization.role')}
        options={POST_ROLES.map((value) => ({ value, label: t(`postRole.${value}`) }))}
        {...form.field('role')}
      />
      <Field label={t('organization.postTitle')} {...form.field('title', 'posts.0.title')} />
      <Field label={t('organization.email')} type="email" {...form.field('email', 'contactPoints.0.value')} />
      <Field label={t('organization.phone')} type="tel" {...form.field('phone')} />
      <TextAreaField label={t('tie.notes')} {...form.field('notes')} />
      <SelectField
        label={t('personForm.visibility')}
        options={visibilityOptions(t, ['internal', 'published'])}
        {...form.field('visibility')}
      />
      {form.conflict && person && (
        <ConflictNotice
          t={t}
          original={person}
          current={form.conflict}
          fields={['name', 'visibility', 'notes', 'posts', 'contactPoints']}
          onReapply={() => submit(undefined, form.conflict?.version)}
        />
      )}
      <FormMessage message={form.message} />
      <Button type="submit" variant="primary">
        {t('organization.save')}
      </Button>
    </form>
  );
}
