import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ActivityResponse } from '../../../src/features/activities/activities.schema.ts';
import type { OrganizationResponse } from '../../../src/features/organizations/organizations.schema.ts';
import type { PersonResponse } from '../../../src/features/people/people.schema.ts';
import { getJson } from '../api/client.ts';
import { ActivityForm } from './ActivityForm.tsx';
import { type Dashboard, sendJson, useSession } from './api.ts';
import { History } from './History.tsx';
import { OrganizationForm } from './OrganizationForm.tsx';
import { PersonForm } from './PersonForm.tsx';
import { useWorkspaceTexts } from './texts.ts';

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
  const [editingPerson, setEditingPerson] = useState<number | null>(null);
  const [editingActivity, setEditingActivity] = useState<number | null>(null);
  const refresh = () =>
    void client.invalidateQueries({
      predicate: (query) => ['people', 'activities', 'dashboard'].includes(String(query.queryKey[0])),
    });

  if (!ready || organization.isPending) return <p>…</p>;
  if (!organization.data) return <p role="alert">{t('tie.notFound')}</p>;
  const org = organization.data;

  const removeActivity = async (activity: ActivityResponse) => {
    await sendJson('DELETE', `/api/activities/${activity.id}?version=${activity.version}`);
    refresh();
  };
  const setDeleted = async (deleted: boolean) => {
    const next = deleted
      ? await sendJson<OrganizationResponse>('DELETE', `/api/organizations/${id}?version=${org.version}`)
      : await sendJson<OrganizationResponse>('POST', `/api/organizations/${id}/restore`, {
          version: org.version,
        });
    client.setQueryData(['organization', id], next);
  };

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

      {org.canEdit && (
        <p>
          {org.deletedAt ? (
            <>
              <span role="status">{t('tieActions.deleted')}</span>{' '}
              <button type="button" onClick={() => void setDeleted(false)}>
                {t('tieActions.restore')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => void setDeleted(true)}>
              {t('tieActions.delete')}
            </button>
          )}
        </p>
      )}
      {org.canEdit && session.data && (
        <OrganizationForm
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
                  <button
                    type="button"
                    onClick={() => setEditingPerson(editingPerson === person.id ? null : person.id)}
                  >
                    {t('personForm.edit', { name: person.name })}
                  </button>
                  {editingPerson === person.id && (
                    <PersonForm
                      key={person.version}
                      organizationId={id}
                      person={person}
                      t={t}
                      onSaved={() => {
                        setEditingPerson(null);
                        refresh();
                      }}
                    />
                  )}
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
        {org.canEdit && <PersonForm organizationId={id} t={t} onSaved={refresh} />}
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
                {activity.canEdit && (
                  <p>
                    <button
                      type="button"
                      onClick={() => setEditingActivity(editingActivity === activity.id ? null : activity.id)}
                    >
                      {t('tie.edit')} <span className="visually-hidden">{activity.title}</span>
                    </button>{' '}
                    <button type="button" onClick={() => void removeActivity(activity)}>
                      {t('tieActions.delete')} <span className="visually-hidden">{activity.title}</span>
                    </button>
                  </p>
                )}
                {editingActivity === activity.id && (
                  <ActivityForm
                    key={activity.version}
                    organizationId={id}
                    activity={activity}
                    ties={dashboard.data?.ties ?? []}
                    people={people.data?.items ?? []}
                    t={t}
                    onSaved={() => {
                      setEditingActivity(null);
                      refresh();
                    }}
                  />
                )}
              </li>
            ))}
          </ol>
          {org.canEdit && (
            <ActivityForm
              organizationId={id}
              ties={dashboard.data?.ties ?? []}
              people={people.data?.items ?? []}
              t={t}
              onSaved={refresh}
            />
          )}
        </section>
      )}
    </article>
  );
}
