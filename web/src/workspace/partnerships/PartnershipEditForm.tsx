import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import {
  PARTNERSHIP_STATUSES,
  PARTNERSHIP_THEMES,
  type PartnershipRecord,
  partnershipKeys,
} from '../../api/partnerships.ts';
import { useUpdatePartnership } from '../../api/partnerships.workspace.ts';
import { SearchBox } from '../../components/SearchBox.tsx';
import { Button } from '../../ui/Button.tsx';
import { Checkbox, CheckboxGroup } from '../../ui/Checkbox.tsx';
import { Radio, RadioGroup } from '../../ui/RadioGroup.tsx';
import type { WorkspaceT } from '../texts.ts';
import { DateField, Field, FormMessage, SelectField, TextAreaField, useFormErrors } from '../ui/form.tsx';
import { visibilityOptions } from '../ui/visibility.ts';
import { changes, DATE_FIELDS, type Draft, LANGUAGES, partyKey, toDraft } from './draft.ts';

/**
 * Editing a tie. Only the fields the user changed are sent; when someone else saved first, the tie as it is now is
 * shown, and the user's changes can be applied on top of it.
 */
export function PartnershipEditForm(props: {
  tie: PartnershipRecord;
  t: WorkspaceT;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { tie, t } = props;
  const { t: common } = useTranslation();
  const client = useQueryClient();
  const update = useUpdatePartnership();
  const [original] = useState(() => toDraft(tie));
  const [version, setVersion] = useState(tie.version);
  const [draft, setDraft] = useState(original);
  const [conflict, setConflict] = useState<PartnershipRecord | null>(null);
  const form = useFormErrors();
  const formId = useId();
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  const save = async (base: number) => {
    try {
      await update.mutateAsync({ id: tie.id, version: base, ...changes(original, draft) });
      form.succeed(t('tie.saved'));
      props.onSaved();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'VERSION_CONFLICT') {
        setConflict(failure.current as PartnershipRecord);
        form.clear();
      } else form.fail(failure);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(version);
  };
  /** Shows the tie as the other person saved it, and saves this user's changes on top of it. */
  const reapply = (current: PartnershipRecord) => {
    client.setQueryData(partnershipKeys.record(current.id), current);
    setVersion(current.version);
    void save(current.version);
  };

  return (
    <form className="panel edit-form" onSubmit={submit} noValidate>
      <h2>{t('tie.edit')}</h2>
      <SelectField
        label={t('tie.status')}
        name="status"
        value={draft.status}
        error={form.errors.status}
        onChange={(status) => set({ status: status as Draft['status'] })}
        options={PARTNERSHIP_STATUSES.map((status) => ({ value: status, label: common(`status.${status}`) }))}
      />
      {DATE_FIELDS.map((field) => (
        <DateField
          key={field}
          label={t(`tie.${field}`)}
          name={field}
          value={draft[field]}
          error={form.errors[field]}
          onChange={(value) => set({ [field]: value })}
        />
      ))}
      <Field
        label={t('tie.endReason')}
        name="endReason"
        value={draft.endReason}
        error={form.errors.endReason}
        onChange={(endReason) => set({ endReason })}
      />
      <fieldset>
        <legend>{t('tie.parties')}</legend>
        <ul className="ws-party-list">
          {draft.parties.map((party) => (
            <li key={partyKey(party)}>
              <span>{party.name}</span>
              <Button
                size="s"
                variant="quiet"
                onPress={() =>
                  set({ parties: draft.parties.filter((item) => partyKey(item) !== partyKey(party)) })
                }
              >
                {t('newTie.remove', { name: party.name })}
              </Button>
            </li>
          ))}
        </ul>
        <div className="ws-party-search">
          <SearchBox
            onChoose={(place) =>
              draft.parties.some((party) => party.placeId === place.id)
                ? undefined
                : set({
                    parties: [
                      ...draft.parties,
                      { placeId: place.id, organizationId: null, name: place.name },
                    ],
                  })
            }
          />
        </div>
        {form.errors.parties && <p className="field-error">{form.errors.parties}</p>}
      </fieldset>
      <CheckboxGroup
        label={t('tie.themes')}
        value={draft.themes}
        onChange={(themes) => set({ themes: themes as Draft['themes'] })}
      >
        {PARTNERSHIP_THEMES.map((theme) => (
          <Checkbox key={theme} value={theme}>
            {t(`theme.${theme}`)}
          </Checkbox>
        ))}
      </CheckboxGroup>
      {LANGUAGES.map((language) => (
        <TextAreaField
          key={language}
          label={t('tie.description', { language: language.toUpperCase() })}
          name={`description-${language}`}
          lang={language}
          value={draft.descriptions[language] ?? ''}
          error={form.errors[`descriptions.${language}`]}
          onChange={(text) => set({ descriptions: { ...draft.descriptions, [language]: text } })}
        />
      ))}
      <TextAreaField
        label={t('tie.notes')}
        name="notes"
        value={draft.notes}
        error={form.errors.notes}
        onChange={(notes) => set({ notes })}
      />
      <RadioGroup
        label={t('tie.visibility')}
        name={`${formId}-visibility`}
        value={draft.visibility}
        onChange={(visibility) => set({ visibility: visibility as Draft['visibility'] })}
      >
        {visibilityOptions(t).map(({ value, label }) => (
          <Radio key={value} value={value}>
            {label}
          </Radio>
        ))}
      </RadioGroup>
      {conflict && (
        <div role="alert" className="conflict">
          <p>{t('tie.conflict')}</p>
          <p>
            {common(`status.${conflict.status}`)} ·{' '}
            {conflict.themes.map((theme) => t(`theme.${theme}`)).join(', ')}
          </p>
          <Button onPress={() => reapply(conflict)}>{t('tie.reapply')}</Button>
        </div>
      )}
      <FormMessage message={form.message} />
      <div className="form-actions">
        <Button type="submit" variant="primary">
          {t('tie.save')}
        </Button>
        <Button onPress={props.onCancel}>{t('tie.cancel')}</Button>
      </div>
    </form>
  );
}
