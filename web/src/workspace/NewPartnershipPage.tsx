import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  PARTNERSHIP_KINDS,
  PARTNERSHIP_STATUSES,
} from '../../../src/features/partnerships/partnerships.constants.ts';
import { getJson } from '../api/client.ts';
import { SearchBox } from '../components/SearchBox.tsx';
import { type PartnershipRecord, sendJson } from './api.ts';
import { Field, FormMessage, SelectField, useFormErrors } from './form.tsx';
import { useWorkspaceTexts } from './texts.ts';

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
  const organizations = useQuery({
    queryKey: ['organizations-all'],
    queryFn: () => getJson<{ items: { id: number; name: string }[] }>('/api/organizations', { limit: 200 }),
  });
  const [kind, setKind] = useState<string>('twin_town');
  const [status, setStatus] = useState<string>('active');
  const [startedOn, setStartedOn] = useState('');
  const [parties, setParties] = useState<Party[]>([]);
  const [organization, setOrganization] = useState('');
  const form = useFormErrors();
  if (!ready) return <p>…</p>;

  const add = (party: Party) =>
    setParties((current) =>
      current.some((item) => item.placeId === party.placeId && item.organizationId === party.organizationId)
        ? current
        : [...current, party],
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (parties.length < 2) {
      form.setMessage(t('newTie.needTwo'));
      return;
    }
    try {
      const created = await sendJson<PartnershipRecord>('POST', '/api/partnerships', {
        kind,
        status,
        startedOn: startedOn.trim() || null,
        parties: parties.map((party) =>
          party.placeId ? { placeId: party.placeId } : { organizationId: party.organizationId },
        ),
      });
      await navigate(`/partnerships/${created.id}`);
    } catch (failure) {
      form.fail(failure);
    }
  };

  return (
    <section>
      <h1>{t('newTie.title')}</h1>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <SelectField
          label={t('tie.kind')}
          name="kind"
          value={kind}
          onChange={setKind}
          options={PARTNERSHIP_KINDS.map((value) => ({ value, label: common(`kind.${value}`) }))}
        />
        <fieldset className="parties">
          <legend>{t('newTie.parties')}</legend>
          <ul>
            {parties.map((party) => (
              <li key={`${party.placeId}-${party.organizationId}`}>
                {party.name}{' '}
                <button type="button" onClick={() => setParties(parties.filter((item) => item !== party))}>
                  {t('newTie.remove', { name: party.name })}
                </button>
              </li>
            ))}
          </ul>
          <SearchBox onChoose={(place) => add({ placeId: place.id, name: place.name })} />
          <div className="inline-field">
            <SelectField
              label={t('newTie.addOrganization')}
              name="organization"
              value={organization}
              onChange={setOrganization}
              options={[
                { value: '', label: t('newTie.choose') },
                ...(organizations.data?.items ?? []).map((item) => ({
                  value: String(item.id),
                  label: item.name,
                })),
              ]}
            />
            <button
              type="button"
              disabled={!organization}
              onClick={() => {
                const chosen = organizations.data?.items.find((item) => String(item.id) === organization);
                if (chosen) add({ organizationId: chosen.id, name: chosen.name });
                setOrganization('');
              }}
            >
              {t('newTie.addOrganization')}
            </button>
          </div>
          {form.errors.parties && <p className="field-error">{form.errors.parties}</p>}
        </fieldset>
        <SelectField
          label={t('tie.status')}
          name="status"
          value={status}
          onChange={setStatus}
          options={PARTNERSHIP_STATUSES.filter((value) => value !== 'ended').map((value) => ({
            value,
            label: common(`status.${value}`),
          }))}
        />
        <Field
          label={t('tie.startedOn')}
          hint={t('tie.dateHint')}
          name="startedOn"
          value={startedOn}
          onChange={setStartedOn}
          error={form.errors.startedOn}
        />
        <FormMessage message={form.message} alert />
        <button type="submit">{t('newTie.create')}</button>
      </form>
    </section>
  );
}
