import { type FormEvent, useState } from 'react';
import { POST_ROLES } from '../../../src/features/people/people.constants.ts';
import type { PersonResponse } from '../../../src/features/people/people.schema.ts';
import { sendJson, WriteError } from './api.ts';
import { ConflictNotice } from './ConflictNotice.tsx';
import { changedFields, Field, FormMessage, SelectField, TextAreaField, useFormErrors } from './form.tsx';
import type { useWorkspaceTexts } from './texts.ts';

/**
 * Adds a person with a post in the organisation, or edits one: name, post, contact points, notes and
 * visibility. Contact points are replaced as a whole; the version guards against lost updates.
 */
export function PersonForm(props: {
  organizationId: number;
  person?: PersonResponse;
  t: ReturnType<typeof useWorkspaceTexts>['t'];
  onSaved: () => void;
}) {
  const { t, person } = props;
  const post = person?.posts.find((item) => item.organizationId === props.organizationId) ?? person?.posts[0];
  const contact = (kind: 'email' | 'phone') =>
    person?.contactPoints?.find((item) => item.kind === kind)?.value ?? '';
  const [name, setName] = useState(person?.name ?? '');
  const [role, setRole] = useState<string>(post?.role ?? 'international_affairs_coordinator');
  const [title, setTitle] = useState(post?.title ?? '');
  const [email, setEmail] = useState(contact('email'));
  const [phone, setPhone] = useState(contact('phone'));
  const [notes, setNotes] = useState(person?.notes ?? '');
  const [visibility, setVisibility] = useState<string>(person?.visibility ?? 'internal');
  const form = useFormErrors();
  const [conflict, setConflict] = useState<PersonResponse | null>(null);

  const collect = () => {
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
        ...(email.trim() ? [{ kind: 'email', value: email.trim() }] : []),
        ...(phone.trim() ? [{ kind: 'phone', value: phone.trim() }] : []),
      ],
    };
  };
  const [initial, setInitial] = useState<Record<string, unknown>>(collect);

  const submit = async (event?: FormEvent, version = person?.version) => {
    event?.preventDefault();
    const body = collect();
    try {
      if (person)
        await sendJson('PATCH', `/api/people/${person.id}`, { version, ...changedFields(initial, body) });
      else await sendJson('POST', '/api/people', { ...body, keeperId: props.organizationId });
      if (!person) {
        setName('');
        setTitle('');
        setEmail('');
        setPhone('');
        setNotes('');
      }
      form.clear();
      setConflict(null);
      setInitial(body);
      form.setMessage(t('organization.added'));
      props.onSaved();
    } catch (failure) {
      if (failure instanceof WriteError && failure.code === 'VERSION_CONFLICT') {
        setConflict(failure.current as PersonResponse);
      } else form.fail(failure);
    }
  };

  return (
    <form className="panel edit-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>{person ? t('personForm.edit', { name: person.name }) : t('organization.addPerson')}</h3>
      <Field
        label={t('organization.name')}
        name="name"
        value={name}
        onChange={setName}
        error={form.errors.name}
      />
      <SelectField
        label={t('organization.role')}
        name="role"
        value={role}
        onChange={setRole}
        options={POST_ROLES.map((value) => ({ value, label: t(`postRole.${value}`) }))}
      />
      <Field
        label={t('organization.postTitle')}
        name="title"
        value={title}
        onChange={setTitle}
        error={form.errors['posts.0.title']}
      />
      <Field
        label={t('organization.email')}
        name="email"
        type="email"
        value={email}
        onChange={setEmail}
        error={form.errors['contactPoints.0.value']}
      />
      <Field label={t('organization.phone')} name="phone" type="tel" value={phone} onChange={setPhone} />
      <TextAreaField
        label={t('tie.notes')}
        name="notes"
        value={notes}
        onChange={setNotes}
        error={form.errors.notes}
      />
      <SelectField
        label={t('personForm.visibility')}
        name="visibility"
        value={visibility}
        onChange={setVisibility}
        options={[
          { value: 'internal', label: t('tie.internal') },
          { value: 'published', label: t('tie.published') },
        ]}
      />
      {conflict && person && (
        <ConflictNotice
          t={t}
          original={person}
          current={conflict}
          fields={['name', 'visibility', 'notes', 'posts', 'contactPoints']}
          onReapply={() => void submit(undefined, conflict.version)}
        />
      )}
      <FormMessage message={form.message} />
      <button type="submit">{t('organization.save')}</button>
    </form>
  );
}
