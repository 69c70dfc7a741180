import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ACTIVITY_KINDS } from '../../../src/features/activities/activities.constants.ts';
import type { ActivityResponse } from '../../../src/features/activities/activities.schema.ts';
import type { OrganizationResponse } from '../../../src/features/organizations/organizations.schema.ts';
import { POST_ROLES } from '../../../src/features/people/people.constants.ts';
import type { PersonResponse } from '../../../src/features/people/people.schema.ts';
import { getJson } from '../api/client.ts';
import { type Dashboard, sendJson, useSession } from './api.ts';
import { Field, FormMessage, SelectField, TextAreaField, useFormErrors } from './form.tsx';
import { History } from './History.tsx';
import { OrganizationForm } from './OrganizationForm.tsx';
import { useWorkspaceTexts } from './texts.ts';

type Texts = ReturnType<typeof useWorkspaceTexts>['t'];

function AddPersonForm({
  organizationId,
  t,
  onAdded,
}: {
  organizationId: number;
  t: Texts;
  onAdded: () => void;
}) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('international_affairs_coordinator');
  const [title, setTitle] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const form = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await sendJson('POST', '/api/people', {
        name,
        keeperId: organizationId,
        posts: [{ organizationId, role, title: title.trim() || null }],
        contactPoints: [
          ...(email.trim() ? [{ kind: 'email', value: email.trim() }] : []),
          ...(phone.trim() ? [{ kind: 'phone', value: phone.trim() }] : []),
        ],
      });
      setName('');
      setTitle('');
      setEmail('');
      setPhone('');
      form.clear();
      form.setMessage(t('organization.added'));
      onAdded();
    } catch (failure) {
      form.fail(failure);
    }
  };
  return (
    <form className="panel" onSubmit={(event) => void submit(event)} noValidate>
      <h3>{t('organization.addPerson')}</h3>
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
      <FormMessage message={form.message} />
      <button type="submit">{t('organization.save')}</button>
    </form>
  );
}

function LogActivityForm(props: {
  organizationId: number;
  ties: Dashboard['ties'];
  people: PersonResponse[];
  t: Texts;
  onAdded: () => void;
}) {
  const { t } = props;
  const [kind, setKind] = useState<string>('meeting');
  const [occurredOn, setOccurredOn] = useState(new Date().toISOString().slice(0, 10));
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [ties, setTies] = useState<number[]>([]);
  const [people, setPeople] = useState<number[]>([]);
  const form = useFormErrors();
  const toggle = (list: number[], id: number, on: boolean) =>
    on ? [...list, id] : list.filter((item) => item !== id);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await sendJson('POST', '/api/activities', {
        kind,
        occurredOn,
        title,
        summary: summary.trim() || null,
        followUp: followUp.trim() || null,
        followUpOn: followUpOn.trim() || null,
        organizationId: props.organizationId,
        partnershipIds: ties,
        personIds: people,
      });
      setTitle('');
      setSummary('');
      setFollowUp('');
      setFollowUpOn('');
      setTies([]);
      setPeople([]);
      form.clear();
      form.setMessage(t('organization.added'));
      props.onAdded();
    } catch (failure) {
      form.fail(failure);
    }
  };
  return (
    <form className="panel edit-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>{t('organization.logActivity')}</h3>
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
      <FormMessage message={form.message} />
      <button type="submit">{t('organization.save')}</button>
    </form>
  );
}

/** An organisation: its record, its people with their posts and contacts, and its activity log. */
export function OrganizationPage() {
  const { t, ready } = useWorkspaceTexts();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const member =
    !!session.data?.memberships.some((membership) => membership.organizationId === id) ||
    !!session.data?.user?.isAdmin;
  const organization = useQuery({
    queryKey: ['organization', id],
    queryFn: () => getJson<OrganizationResponse>(`/api/organizations/${id}`),
  });
  const people = useQuery({
    queryKey: ['people', id],
    queryFn: () => getJson<{ items: PersonResponse[] }>('/api/people', { organizationId: id }),
  });
  const activities = useQuery({
    queryKey: ['activities', id],
    queryFn: () => getJson<{ items: ActivityResponse[] }>('/api/activities', { organizationId: id }),
    enabled: member,
  });
  const dashboard = useQuery({
    queryKey: ['dashboard', id],
    queryFn: () => getJson<Dashboard>(`/api/organizations/${id}/dashboard`),
    enabled: member,
  });
  const refresh = () =>
    void client.invalidateQueries({
      predicate: (query) => ['people', 'activities', 'dashboard'].includes(String(query.queryKey[0])),
    });

  if (!ready || organization.isPending) return <p>…</p>;
  if (!organization.data) return <p role="alert">{t('tie.notFound')}</p>;
  const org = organization.data;

  const erase = async (person: PersonResponse) => {
    if (!window.confirm(`${t('organization.erase')}: ${person.name}?`)) return;
    await sendJson('POST', `/api/people/${person.id}/erase`, { version: person.version });
    refresh();
  };

  return (
    <article>
      <h1>{org.name}</h1>
      <dl className="panel">
        <div>
          <dt>{t('organization.kind')}</dt>
          <dd>{t(`orgKind.${org.kind}`)}</dd>
        </div>
        {org.place && (
          <div>
            <dt>{t('organization.place')}</dt>
            <dd>
              <Link to={`/places/${org.place.id}`}>{org.place.name}</Link>
            </dd>
          </div>
        )}
        {org.website && (
          <div>
            <dt>{t('organization.website')}</dt>
            <dd>
              <a href={org.website}>{org.website}</a>
            </dd>
          </div>
        )}
        {org.description && (
          <div>
            <dt>{t('organization.description')}</dt>
            <dd>{org.description}</dd>
          </div>
        )}
      </dl>

      {org.canEdit && session.data && (
        <OrganizationForm
          key={org.version}
          t={t}
          session={session.data}
          organization={org}
          onSaved={(saved) => client.setQueryData(['organization', id], saved)}
        />
      )}
      {member && session.data && (
        <OrganizationForm
          t={t}
          session={session.data}
          onSaved={(saved) => void navigate(`/organizations/${saved.id}`)}
        />
      )}
      {member && <History t={t} url={`/api/organizations/${id}/history`} title={t('organization.history')} />}

      <section className="panel">
        <h2>{t('organization.people')}</h2>
        <ul>
          {(people.data?.items ?? []).map((person) => (
            <li key={person.id}>
              <strong>{person.name}</strong>
              {person.posts.map(
                (post) => ` · ${post.title ?? t(`postRole.${post.role}`)} (${post.organizationName})`,
              )}
              {person.contactPoints && person.contactPoints.length > 0 && (
                <> · {person.contactPoints.map((contact) => contact.value).join(', ')}</>
              )}
              {person.canEdit && (
                <>
                  {' '}
                  <a href={`/api/people/${person.id}/export`} download={`person-${person.id}.json`}>
                    {t('organization.export')}
                  </a>{' '}
                  <button type="button" onClick={() => void erase(person)}>
                    {t('organization.erase')}
                  </button>
                  <History
                    t={t}
                    url={`/api/people/${person.id}/history`}
                    title={t('personForm.history', { name: person.name ?? t('organization.erased') })}
                    collapsed
                  />
                </>
              )}
            </li>
          ))}
        </ul>
        {org.canEdit && <AddPersonForm organizationId={id} t={t} onAdded={refresh} />}
      </section>

      {member && (
        <section className="panel">
          <h2>{t('organization.activities')}</h2>
          <ol className="history">
            {(activities.data?.items ?? []).map((activity) => (
              <li key={activity.id}>
                <time dateTime={activity.occurredOn}>{activity.occurredOn}</time>{' '}
                {t(`activityKind.${activity.kind}`)}: {activity.title}
                {activity.summary && <p>{activity.summary}</p>}
              </li>
            ))}
          </ol>
          {org.canEdit && (
            <LogActivityForm
              organizationId={id}
              ties={dashboard.data?.ties ?? []}
              people={people.data?.items ?? []}
              t={t}
              onAdded={refresh}
            />
          )}
        </section>
      )}
    </article>
  );
}
