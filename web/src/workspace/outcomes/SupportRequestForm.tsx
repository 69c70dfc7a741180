import type { FormEvent } from 'react';
import { useOrganizations } from '../../api/organizations.ts';
import {
  SUPPORT_NEEDS,
  SUPPORT_STATUSES,
  type SupportNeed,
  type SupportRequest,
  type SupportStatus,
  useCreateSupportRequest,
  useUpdateSupportRequest,
} from '../../api/outcomes.ts';
import { fetchPlaceRegion } from '../../api/places.ts';
import { SearchBox } from '../../components/SearchBox.tsx';
import { Button } from '../../ui/Button.tsx';
import { CountryField } from '../campaigns/CountryField.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ConflictNotice } from '../ui/ConflictNotice.tsx';
import { DateField, FormMessage, SelectField, TextAreaField, useRecordForm } from '../ui/form.tsx';
import { RecordPicker } from './pickers.tsx';

function fieldsOf(request: SupportRequest | undefined) {
  return {
    companyId: request?.company.id ?? null,
    need: request?.need ?? ('market_entry' as SupportNeed),
    status: request?.status ?? ('new' as SupportStatus),
    target: request?.targetPlace
      ? 'place'
      : request?.targetRegion
        ? 'region'
        : request?.targetCountry
          ? 'country'
          : 'place',
    place: request?.targetPlace ?? null,
    region: request?.targetRegion
      ? {
          code: request.targetRegion.code,
          name: request.targetRegion.place?.name ?? request.targetRegion.code,
        }
      : null,
    country: request?.targetCountry ?? null,
    description: request?.description ?? '',
    answer: request?.answer ?? '',
    receivedOn: request?.receivedOn ?? new Date().toISOString().slice(0, 10),
  };
}

/**
 * Records a company's request for help toward a place or a country, kept by the organisation, or edits one: the
 * company, what it needs, where, how far it has come, and what it was answered.
 */
export function SupportRequestForm(props: {
  t: WorkspaceT;
  organizationId: number;
  request?: SupportRequest;
  onSaved?: () => void;
  onCancel?: () => void;
}) {
  const { t, request } = props;
  const create = useCreateSupportRequest();
  const update = useUpdateSupportRequest();
  const companies = (useOrganizations().data?.items ?? []).filter(
    (organization) => organization.kind === 'company',
  );
  const form = useRecordForm(
    () => fieldsOf(request),
    (values) => ({
      companyId: values.companyId ?? 0,
      need: values.need,
      status: values.status,
      targetPlaceId: values.target === 'place' ? (values.place?.id ?? null) : null,
      targetCountry: values.target === 'country' ? values.country : null,
      targetRegion: values.target === 'region' ? (values.region?.code ?? null) : null,
      description: values.description.trim() || null,
      answer: values.answer.trim() || null,
      receivedOn: values.receivedOn,
    }),
  );
  const { values } = form;

  const submit = (event?: FormEvent, version = request?.version) => {
    event?.preventDefault();
    if (values.companyId === null) {
      form.refuse(t('tie.invalid'), { companyId: t('outcomes.chooseCompany') });
      return;
    }
    void form.save(
      async (body, changed) => {
        if (request) await update.mutateAsync({ id: request.id, version: version!, ...changed });
        else {
          await create.mutateAsync({ ...body, organizationId: props.organizationId });
          form.set(fieldsOf(undefined));
        }
        props.onSaved?.();
      },
      t(request ? 'toast.saved' : 'outcomes.requestRecorded'),
    );
  };

  return (
    <form className="panel edit-form outcome-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{request ? `${t('outcomes.editRequest')}: ${request.company.name}` : t('outcomes.newRequest')}</h2>
      <RecordPicker
        label={t('outcomes.company')}
        description={companies.length === 0 ? t('outcomes.noCompanies') : undefined}
        items={companies.map((company) => ({ id: company.id, label: company.name }))}
        value={values.companyId}
        onChange={(companyId) => form.set({ companyId })}
        error={form.errors.companyId}
      />
      <SelectField
        label={t('outcomes.need')}
        options={SUPPORT_NEEDS.map((value) => ({ value, label: t(`outcomes.needs.${value}`) }))}
        {...form.field('need')}
      />
      <SelectField
        label={t('outcomes.status')}
        options={SUPPORT_STATUSES.map((value) => ({ value, label: t(`outcomes.statuses.${value}`) }))}
        {...form.field('status')}
      />
      <SelectField
        label={t('outcomes.target')}
        options={[
          { value: 'place', label: t('outcomes.targetPlace') },
          { value: 'region', label: t('outcomes.targetRegion') },
          { value: 'country', label: t('outcomes.targetCountry') },
        ]}
        {...form.field('target', 'targetPlaceId')}
      />
      {values.target === 'place' ? (
        <div className="field">
          <span>
            {t('outcomes.targetPlace')}: {values.place ? values.place.name : '–'}
          </span>
          <SearchBox
            onChoose={(chosen) =>
              form.set({ place: { id: chosen.id, name: chosen.name, country: chosen.country } })
            }
          />
        </div>
      ) : values.target === 'region' ? (
        <div className="field">
          <span>
            {t('outcomes.targetRegion')}:{' '}
            {values.region ? t('outcomes.regionOf', { name: values.region.name }) : '–'}
          </span>
          <SearchBox
            onChoose={(chosen) =>
              void fetchPlaceRegion(chosen.id).then(
                (code) =>
                  code
                    ? form.set({ region: { code, name: chosen.name } })
                    : form.refuse(t('outcomes.regionUnknown', { name: chosen.name }), {
                        targetRegion: t('outcomes.regionUnknown', { name: chosen.name }),
                      }),
                () => form.refuse(t('outcomes.regionUnknown', { name: chosen.name })),
              )
            }
          />
          {form.errors.targetRegion && (
            <span role="alert" className="form-error">
              {form.errors.targetRegion}
            </span>
          )}
        </div>
      ) : (
        <CountryField
          label={t('outcomes.targetCountry')}
          value={values.country}
          onChange={(country) => form.set({ country })}
          error={form.errors.targetCountry}
        />
      )}
      <TextAreaField label={t('outcomes.requestDescription')} {...form.field('description')} />
      <TextAreaField label={t('outcomes.answer')} {...form.field('answer')} />
      <DateField label={t('outcomes.receivedOn')} {...form.field('receivedOn')} />
      {form.conflict && request && (
        <ConflictNotice
          t={t}
          original={request}
          current={form.conflict}
          fields={['need', 'status', 'description', 'answer', 'receivedOn', 'targetCountry']}
          onReapply={() => submit(undefined, form.conflict?.version)}
        />
      )}
      <FormMessage message={form.message} />
      <div className="outcome-buttons">
        <Button type="submit" variant="primary">
          {request ? t('organization.save') : t('outcomes.saveRequest')}
        </Button>
        {props.onCancel && (
          <Button variant="secondary" onPress={props.onCancel}>
            {t('outcomes.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
