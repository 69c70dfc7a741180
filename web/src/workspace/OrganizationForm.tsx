import { type FormEvent, useState } from 'react';
import {
  GOVERNMENT_KINDS,
  ORGANIZATION_KINDS,
} from '../../../src/features/organizations/organizations.constants.ts';
import type { OrganizationResponse } from '../../../src/features/organizations/organizations.schema.ts';
import { SearchBox } from '../components/SearchBox.tsx';
import { type Session, sendJson, WriteError } from './api.ts';
import { ConflictNotice } from './ConflictNotice.tsx';
import { changedFields, Field, FormMessage, SelectField, TextAreaField, useFormErrors } from './form.tsx';
import type { useWorkspaceTexts } from './texts.ts';

/** Creates an organisation (kept by one of the user's organisations) or edits one, with versions. */
export function OrganizationForm(props: {
  t: ReturnType<typeof useWorkspaceTexts>['t'];
  session: Session;
  organization?: OrganizationResponse;
  onSaved: (organization: OrganizationResponse) => void;
}) {
  const { t, organization } = props;
  const editable = props.session.memberships.filter((membership) => membership.role === 'editor');
  // A government speaks for its place; only administrators change which place or what kind it is.
  const speakerLocked =
    !props.session.user?.isAdmin && !!organization && GOVERNMENT_KINDS.includes(organization.kind);
  const [kind, setKind] = useState<string>(organization?.kind ?? 'company');
  const [name, setName] = useState(organization?.name ?? '');
  const [aliases, setAliases] = useState((organization?.aliases ?? []).join('\n'));
  const [website, setWebsite] = useState(organization?.website ?? '');
  const [description, setDescription] = useState(organization?.description ?? '');
  const [place, setPlace] = useState(organization?.place ?? null);
  const [keeperId, setKeeperId] = useState(
    String(organization?.keeperId ?? (organization ? '' : (editable[0]?.organizationId ?? ''))),
  );
  const [visibility, setVisibility] = useState<string>(organization?.visibility ?? 'published');
  const form = useFormErrors();
  const [conflict, setConflict] = useState<OrganizationResponse | null>(null);
  const [initial, setInitial] = useState<Record<string, unknown>>(() =>
    organization
      ? {
          kind: organization.kind,
          name: organization.name,
          aliases: organization.aliases,
          website: organization.website,
          description: organization.description,
          placeId: organization.place?.id ?? null,
          keeperId: organization.keeperId,
          visibility: organization.visibility,
        }
      : {},
  );

  const submit = async (event?: FormEvent, version = organization?.version) => {
    event?.preventDefault();
    const body = {
      kind,
      name,
      aliases: aliases
        .split('\n')
        .map((alias) => alias.trim())
        .filter(Boolean),
      website: website.trim() || null,
      description: description.trim() || null,
      placeId: place?.id ?? null,
      keeperId: keeperId ? Number(keeperId) : null,
      visibility,
    };
    try {
      const saved = organization
        ? await sendJson<OrganizationResponse>('PATCH', `/api/organizations/${organization.id}`, {
            version,
            ...changedFields(initial, body),
          })
        : await sendJson<OrganizationResponse>('POST', '/api/organizations', body);
      form.clear();
      setConflict(null);
      setInitial(body);
      form.setMessage(t('orgForm.saved'));
      props.onSaved(saved);
    } catch (failure) {
      if (failure instanceof WriteError && failure.code === 'VERSION_CONFLICT') {
        setConflict(failure.current as OrganizationResponse);
      } else form.fail(failure);
    }
  };

  return (
    <form className="panel edit-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{organization ? t('orgForm.edit') : t('orgForm.new')}</h2>
      <SelectField
        label={t('organization.kind')}
        name="kind"
        value={kind}
        onChange={setKind}
        options={ORGANIZATION_KINDS.map((value) => ({ value, label: t(`orgKind.${value}`) }))}
        disabled={speakerLocked}
        hint={speakerLocked ? t('orgForm.speakerLocked') : undefined}
      />
      <Field
        label={t('organization.name')}
        name="name"
        value={name}
        onChange={setName}
        error={form.errors.name}
      />
      <TextAreaField
        label={t('orgForm.aliases')}
        name="aliases"
        value={aliases}
        onChange={setAliases}
        error={form.errors.aliases}
      />
      <div className="field">
        <span>
          {t('organization.place')}: {place ? place.name : '–'}
        </span>
        {!speakerLocked && (
          <SearchBox
            onChoose={(chosen) => setPlace({ id: chosen.id, name: chosen.name, country: chosen.country })}
          />
        )}
      </div>
      <Field
        label={t('organization.website')}
        name="website"
        type="url"
        value={website}
        onChange={setWebsite}
        error={form.errors.website}
      />
      <TextAreaField
        label={t('organization.description')}
        name="description"
        value={description}
        onChange={setDescription}
        error={form.errors.description}
      />
      <SelectField
        label={t('orgForm.keeper')}
        name="keeperId"
        value={keeperId}
        onChange={setKeeperId}
        error={form.errors.keeperId}
        options={[
          { value: '', label: '–' },
          ...editable
            .filter((membership) => membership.organizationId !== organization?.id)
            .map((membership) => ({ value: String(membership.organizationId), label: membership.name })),
        ]}
      />
      <SelectField
        label={t('tie.visibility')}
        name="visibility"
        value={visibility}
        onChange={setVisibility}
        options={[
          { value: 'published', label: t('tie.published') },
          { value: 'internal', label: t('tie.internal') },
        ]}
      />
      {conflict && organization && (
        <ConflictNotice
          t={t}
          original={organization}
          current={conflict}
          fields={['name', 'kind', 'aliases', 'website', 'description', 'keeperId', 'visibility']}
          onReapply={() => void submit(undefined, conflict.version)}
        />
      )}
      <FormMessage message={form.message} />
      <button type="submit">{organization ? t('organization.save') : t('orgForm.create')}</button>
    </form>
  );
}
