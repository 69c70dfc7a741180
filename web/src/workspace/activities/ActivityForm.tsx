import type { FormEvent } from 'react';
import { ACTIVITY_KINDS, type Activity, useCreateActivity, useUpdateActivity } from '../../api/activities.ts';
import type { Person } from '../../api/people.ts';
import type { Dashboard } from '../../api/workspace.ts';
import { Button } from '../../ui/Button.tsx';
import { Checkbox, CheckboxGroup } from '../../ui/Checkbox.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ConflictNotice } from '../ui/ConflictNotice.tsx';
import { DateField, Field, FormMessage, SelectField, TextAreaField, useRecordForm } from '../ui/form.tsx';

/** Checkboxes choosing some of the given records by id. */
function Choices(props: {
  legend: string;
  items: { id: number; label: string }[];
  chosen: number[];
  onChange: (chosen: number[]) => void;
}) {
  if (props.items.length === 0) return null;
  return (
    <CheckboxGroup
      label={props.legend}
      value={props.chosen.map(String)}
      onChange={(chosen) => props.onChange(chosen.map(Number))}
    >
      {props.items.map((item) => (
        <Checkbox key={item.id} value={String(item.id)}>
          {item.label}
        </Checkbox>
      ))}
    </CheckboxGroup>
  );
}

/** Logs an activity in an organisation's log, or edits one: what, when, the summary, follow-up and links. */
export function ActivityForm(props: {
  organizationId: number;
  activity?: Activity;
  ties: Dashboard['ties'];
  people: Person[];
  t: WorkspaceT;
  onSaved?: () => void;
}) {
  const { t, activity } = props;
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const form = useRecordForm(
    {
      kind: activity?.kind ?? ('meeting' as Activity['kind']),
      occurredOn: activity?.occurredOn ?? new Date().toISOString().slice(0, 10),
      title: activity?.title ?? '',
      summary: activity?.summary ?? '',
      followUp: activity?.followUp ?? '',
      followUpOn: activity?.followUpOn ?? '',
      partnershipIds: activity?.partnershipIds ?? [],
      personIds: activity?.personIds ?? [],
    },
    ({ summary, followUp, followUpOn, ...fields }) => ({
      ...fields,
      summary: summary.trim() || null,
      followUp: followUp.trim() || null,
      followUpOn: followUpOn.trim() || null,
    }),
  );

  const submit = (event?: FormEvent, version = activity?.version) => {
    event?.preventDefault();
    void form.save(
      async (body, changed) => {
        if (activity) await update.mutateAsync({ id: activity.id, version: version!, ...changed });
        else {
          await create.mutateAsync({ ...body, organizationId: props.organizationId });
          form.set({
            title: '',
            summary: '',
            followUp: '',
            followUpOn: '',
            partnershipIds: [],
            personIds: [],
          });
        }
        props.onSaved?.();
      },
      t(activity ? 'toast.saved' : 'toast.activityLogged'),
    );
  };

  return (
    <form className="panel edit-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>{activity ? `${t('tie.edit')}: ${activity.title}` : t('organization.logActivity')}</h3>
      <SelectField
        label={t('organization.activityKind')}
        options={ACTIVITY_KINDS.map((value) => ({ value, label: t(`activityKind.${value}`) }))}
        {...form.field('kind')}
      />
      <DateField label={t('organization.occurredOn')} {...form.field('occurredOn')} />
      <Field label={t('organization.activityTitle')} {...form.field('title')} />
      <TextAreaField label={t('organization.summary')} {...form.field('summary')} />
      <Field label={t('organization.followUp')} {...form.field('followUp')} />
      <DateField label={t('organization.followUpOn')} {...form.field('followUpOn')} />
      <Choices
        legend={t('organization.ties')}
        items={props.ties.map((tie) => ({ id: tie.id, label: tie.partners }))}
        chosen={form.values.partnershipIds}
        onChange={(partnershipIds) => form.set({ partnershipIds })}
      />
      <Choices
        legend={t('organization.participants')}
        items={props.people.map((person) => ({ id: person.id, label: person.name ?? '' }))}
        chosen={form.values.personIds}
        onChange={(personIds) => form.set({ personIds })}
      />
      {form.conflict && activity && (
        <ConflictNotice
          t={t}
          original={activity}
          current={form.conflict}
          fields={[
            'kind',
            'occurredOn',
            'title',
            'summary',
            'followUp',
            'followUpOn',
            'partnershipIds',
            'personIds',
          ]}
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
