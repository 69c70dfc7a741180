import type { FormEvent } from 'react';
import type { Session } from '../../api/auth.ts';
import {
  GOVERNMENT_KINDS,
  ORGANIZATION_KINDS,
  type Organization,
  useCreateOrganization,
  useUpdateOrganization,
} from '../../api/organizations.ts';
import { SearchBox } from '../../components/SearchBox.tsx';
import { Button } from '../../ui/Button.tsx';
import { SectorField } from '../outcomes/SectorField.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ConflictNotice } from '../ui/ConflictNotice.tsx';
import { Field, FormMessage, SelectField, TextAreaField, useRecordForm } from '../ui/form.tsx';
import { visibilityOptions } from '../ui/visibility.ts';

type Kind = Organization['kind'];

/** The form's fields as they are sent: the record's own values, or a new organisation's defaults. */
function fieldsOf(organization: Organization | undefined, keeperId: number | undefined) {
  return {
    kind: organization?.kind ?? ('company' as Kind),
    name: organization?.name ?? '',
    aliases: (organization?.aliases ?? []).join('\n'),
    website: organization?.website ?? '',
    description: organization?.description ?? '',
    keeperId: String(organization ? (organization.keeperId ?? '') : (keeperId ?? '')),
    visibility: organization?.visibility ?? 'published',
    place: organization?.place ?? null,
    sector: organization?.sector ?? '',
  };
}

/** Creates an organisation (kept by one of the user's organisations) or edits one, with versions. */
export function OrganizationForm(props: {
  t: WorkspaceT;
  session: Session;
  organization?: Organization;
  onSaved?: (organization: Organization) => void;
}) {
  const { t, organization } = props;
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const editable = props.session.memberships.filter((membership) => membership.role === 'editor');
  // A government speaks for its place; only administrators change which place or what kind it is.
  const speakerLocked =
    !props.session.user?.isAdmin && !!organization && GOVERNMENT_KINDS.includes(organization.kind);
  const form = useRecordForm(
    () => fieldsOf(organization, editable[0]?.organizationId),
    ({ aliases, website, description, keeperId, place, sector, ...fields }) => ({
      ...fields,
      // Only a company has a sector.
      sector: fields.kind === 'company' ? sector || null : null,
      aliases: aliases
        .split('\n')
        .map((alias) => alias.trim())
        .filter(Boolean),
      website: website.trim() || null,
      description: description.trim() || null,
      placeId: place?.id ?? null,
      keeperId: keeperId ? Number(keeperId) : null,
    }),
  );
  const { place } = form.values;

  const submit = (event?: FormEvent, version = organization?.version) => {
    event?.preventDefault();
    void form.save(
      async (body, changed) => {
        const saved = organization
          ? await update.mutateAsync({ id: organization.id, version: version!, ...changed })
          : await create.mutateAsync(body);
        props.onSaved?.(saved);
      },
      t(organization ? 'toast.saved' : 'toast.organizationCreated'),
    );
  };

  return (
    <form className="panel edit-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{organization ? t('orgForm.edit') : t('orgForm.new')}</h2>
      <SelectField
        label={t('organization.kind')}
        options={ORGANIZATION_KINDS.map((value) => ({ value, label: t(`orgKind.${value}`) }))}
        disabled={speakerLocked}
        hint={speakerLocked ? t('orgForm.speakerLocked') : undefined}
        {...form.field('kind')}
      />
      <Field label={t('organization.name')} {...form.field('name')} />
      {form.values.kind === 'company' && <SectorField t={t} {...form.field('sector')} />}
      <TextAreaField label={t('orgForm.aliases')} {...form.field('aliases')} />
      <div className="field">
        <span>
          {t('organization.place')}: {place ? place.name : '–'}
        </span>
        {!speakerLocked && (
          <SearchBox
            onChoose={(chosen) =>
              form.set({ place: { id: chosen.id, name: chosen.name, country: chosen.country } })
            }
          />
        )}
      </div>
      <Field label={t('organization.website')} type="url" {...form.field('website')} />
      <TextAreaField label={t('organization.description')} {...form.field('description')} />
      <SelectField
        label={t('orgForm.keeper')}
        options={[
          { value: '', label: '–' },
          ...editable
            .filter((membership) => membership.organizationId !== organization?.id)
            .map((membership) => ({ value: String(membership.organizationId), label: membership.name })),
        ]}
        {...form.field('keeperId')}
      />
      <SelectField label={t('tie.visibility')} options={visibilityOptions(t)} {...form.field('visibility')} />
      {form.conflict && organization && (
        <ConflictNotice
          t={t}
          original={organization}
          current={form.conflict}
          fields={['name', 'kind', 'aliases', 'website', 'description', 'keeperId', 'visibility']}
          onReapply={() => submit(undefined, form.conflict?.version)}
        />
      )}
      <FormMessage message={form.message} />
      <Button type="submit" variant="primary">
        {organization ? t('organization.save') : t('orgForm.create')}
      </Button>
    </form>
  );
}
