import { type FormEvent, useState } from 'react';
import { ACTIVITY_KINDS } from '../../../src/features/activities/activities.constants.ts';
import type { ActivityResponse } from '../../../src/features/activities/activities.schema.ts';
import type { PersonResponse } from '../../../src/features/people/people.schema.ts';
import { type Dashboard, sendJson, WriteError } from './api.ts';
import { ConflictNotice } from './ConflictNotice.tsx';
import { changedFields, Field, FormMessage, SelectField, TextAreaField, useFormErrors } from './form.tsx';
import type { useWorkspaceTexts } from './texts.ts';

/** Logs an activity in an organisation's log, or edits one: what, when, the summary, follow-up and links. */
export function ActivityForm(props: {
  organizationId: number;
  activity?: ActivityResponse;
  ties: Dashboard['ties'];
  people: PersonResponse[];
  t: ReturnType<typeof useWorkspaceTexts>['t'];
  onSaved: () => void;
}) {
  const { t, activity } = props;
  const [kind, setKind] = useState<string>(activity?.kind ?? 'meeting');
  const [occurredOn, setOccurredOn] = useState(activity?.occurredOn ?? new Date().toISOString().slice(0, 10));
  const [title, setTitle] = useState(activity?.title ?? '');
  const [summary, setSummary] = useState(activity?.summary ?? '');
  const [followUp, setFollowUp] = useState(activity?.followUp ?? '');
  const [followUpOn, setFollowUpOn] = useState(activity?.followUpOn ?? '');
  const [ties, setTies] = useState<number[]>(activity?.partnershipIds ?? []);
  const [people, setPeople] = useState<number[]>(activity?.personIds ?? []);
  const form = useFormErrors();
  const [conflict, setConflict] = useState<ActivityResponse | null>(null);
  const toggle = (list: number[], id: number, on: boolean) =>
    on ? [...list, id] : list.filter((item) => item !== id);

  const collect = () => {
    return {
      kind,
      occurredOn,
      title,
      summary: summary.trim() || null,
      followUp: followUp.trim() || null,
      followUpOn: followUpOn.trim() || null,
      partnershipIds: ties,
      personIds: people,
    };
  };
  const [initial, setInitial] = useState<Record<string, unknown>>(collect);

  const submit = async (event?: FormEvent, version = activity?.version) => {
    event?.preventDefault();
    const body = collect();
    try {
      if (activity)
        await sendJson('PATCH', `/api/activities/${activity.id}`, {
          version,
          ...changedFields(initial, body),
        });
      else await sendJson('POST', '/api/activities', { ...body, organizationId: props.organizationId });
      if (!activity) {
        setTitle('');
        setSummary('');
        setFollowUp('');
        setFollowUpOn('');
        setTies([]);
        setPeople([]);
      }
      form.clear();
      setConflict(null);
      setInitial(body);
      form.setMessage(t('organization.added'));
      props.onSaved();
    } catch (failure) {
      if (failure instanceof WriteError && failure.code === 'VERSION_CONFLICT') {
        setConflict(failure.current as ActivityResponse);
      } else form.fail(failure);
    }
  };

  return (
    <form className="panel edit-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>{activity ? `${t('tie.edit')}: ${activity.title}` : t('organization.logActivity')}</h3>
      <SelectField
        label={t('organization.activityKind')}
        name="kind"
        value={kind}
        onChange={setKind}
        options={ACTIVITY_KINDS.map((value) => ({ value, label: t(`activityKind.${value}`) }))}
      />
      <Field
        label={t('organization.occurredOn')}
        hint={t('tie.dateHint')}
        name="occurredOn"
        value={occurredOn}
        onChange={setOccurredOn}
        error={form.errors.occurredOn}
      />
      <Field
        label={t('organization.activityTitle')}
        name="title"
        value={title}
        onChange={setTitle}
        error={form.errors.title}
      />
      <TextAreaField
        label={t('organization.summary')}
        name="summary"
        value={summary}
        onChange={setSummary}
        error={form.errors.summary}
      />
      <Field label={t('organization.followUp')} name="followUp" value={followUp} onChange={setFollowUp} />
      <Field
        label={t('organization.followUpOn')}
        hint={t('tie.dateHint')}
        name="followUpOn"
        value={followUpOn}
        onChange={setFollowUpOn}
        error={form.errors.followUpOn}
      />
      {props.ties.length > 0 && (
        <fieldset>
          <legend>{t('organization.ties')}</legend>
          {props.ties.map((tie) => (
            <label key={tie.id} className="checkbox">
              <input
                type="checkbox"
                checked={ties.includes(tie.id)}
                onChange={(event) => setTies(toggle(ties, tie.id, event.target.checked))}
              />
              {tie.partners}
            </label>
          ))}
        </fieldset>
      )}
      {props.people.length > 0 && (
        <fieldset>
          <legend>{t('organization.participants')}</legend>
          {props.people.map((person) => (
            <label key={person.id} className="checkbox">
              <input
                type="checkbox"
                checked={people.includes(person.id)}
                onChange={(event) => setPeople(toggle(people, person.id, event.target.checked))}
              />
              {person.name}
            </label>
          ))}
        </fieldset>
      )}
      {conflict && activity && (
        <ConflictNotice
          t={t}
          original={activity}
          current={conflict}
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
          onReapply={() => void submit(undefined, conflict.version)}
        />
      )}
      <FormMessage message={form.message} />
      <button type="submit">{t('organization.save')}</button>
    </form>
  );
}
