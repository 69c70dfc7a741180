import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useOrganizations } from '../../api/organizations.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES, type PartnershipRecord } from '../../api/partnerships.ts';
import { useCreatePartnership } from '../../api/partnerships.workspace.ts';
import { SearchBox } from '../../components/SearchBox.tsx';
import { Button } from '../../ui/Button.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { DateField, dateProblem, FormMessage, SelectField, useForm } from '../ui/form.tsx';
import { partyInput } from './draft.ts';

interface Party {
  placeId?: number;
  organizationId?: number;
  name: string;
}

/** Creating a tie: its kind, its parties (places found by search, or organisations), status and start. */
export function NewPartnershipPage() {
  const { t, ready } = useWorkspaceTexts();
  const { t: common } = useTranslation();
  const navigate = useNavigate();
  const organizations = useOrganizations();
  const create = useCreatePartnership();
  const form = useForm({
    kind: 'twin_town' as PartnershipRecord['kind'],
    status: 'active' as PartnershipRecord['status'],
    startedOn: '',
    organization: '',
  });
  const [parties, setParties] = useState<Party[]>([]);
  if (!ready) return <p>…</p>;

  const add = (party: Party) =>
    setParties((current) =>
      current.some((item) => item.placeId === party.placeId && item.organizationId === party.organizationId)
        ? current
        : [...current, party],
    );

  const submit = form.submitWith(async () => {
    const { kind, status, startedOn } = form.values;
    // A start typed in part, or on a day that does not exist, is refused here, in words about the date field.
    const problem = dateProblem(startedOn);
    if (parties.length < 2 || problem) {
      form.refuse(
        parties.length < 2 ? t('newTie.needTwo') : t('tie.invalid'),
        problem ? { startedOn: t(`validation.${problem}`) } : {},
      );
      return null;
    }
    const created = await create.mutateAsync({
      kind,
      status,
      startedOn: startedOn || null,
      parties: parties.map(partyInput),
    });
    await navigate(`/partnerships/${created.id}`);
    return t('toast.tieCreated');
  });

  return (
    <section>
      <h1>{t('newTie.title')}</h1>
      <form onSubmit={submit} noValidate>
        <SelectField
          label={t('tie.kind')}
          options={PARTNERSHIP_KINDS.map((value) => ({ value, label: common(`kind.${value}`) }))}
          {...form.field('kind')}
        />
        <fieldset className="parties">
          <legend>{t('newTie.parties')}</legend>
          <ul className="ws-party-list">
            {parties.map((party) => (
              <li key={`${party.placeId}-${party.organizationId}`}>
                <span>{party.name}</span>
                <Button
                  size="s"
                  variant="quiet"
                  onPress={() => setParties(parties.filter((item) => item !== party))}
                >
                  {t('newTie.remove', { name: party.name })}
                </Button>
              </li>
            ))}
          </ul>
          <div className="ws-party-search">
            <SearchBox onChoose={(place) => add({ placeId: place.id, name: place.name })} />
          </div>
          <div className="inline-field">
            <SelectField
              label={t('newTie.addOrganization')}
              options={[
                { value: '', label: t('newTie.choose') },
                ...(organizations.data?.items ?? []).map((item) => ({
                  value: String(item.id),
                  label: item.name,
                })),
              ]}
              {...form.field('organization')}
            />
            <Button
              isDisabled={!form.values.organization}
              onPress={() => {
                const chosen = organizations.data?.items.find(
                  (item) => String(item.id) === form.values.organization,
                );
                if (chosen) add({ organizationId: chosen.id, name: chosen.name });
                form.set({ organization: '' });
              }}
            >
              {t('newTie.addOrganization')}
            </Button>
          </div>
          {form.errors.parties && <p className="field-error">{form.errors.parties}</p>}
        </fieldset>
        <SelectField
          label={t('tie.status')}
          options={PARTNERSHIP_STATUSES.filter((value) => value !== 'ended').map((value) => ({
            value,
            label: common(`status.${value}`),
          }))}
          {...form.field('status')}
        />
        <DateField label={t('tie.startedOn')} {...form.field('startedOn')} />
        <FormMessage message={form.message} />
        <Button type="submit" variant="primary">
          {t('newTie.create')}
        </Button>
      </form>
    </section>
  );
}
