import { useState } from 'react';
import { personExportUrl, personHistory, useErasePerson, usePeople } from '../../api/people.ts';
import { History } from '../audit/History.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { PersonForm } from './PersonForm.tsx';

/** An organisation's people: their posts and contacts, editing, erasing and history, and adding a person. */
export function PeoplePanel(props: { t: WorkspaceT; organizationId: number; canAdd: boolean }) {
  const { t, organizationId } = props;
  const people = usePeople({ organizationId });
  const erase = useErasePerson();
  const [editing, setEditing] = useState<number | null>(null);

  return (
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
                <a href={personExportUrl(person.id)} download={`person-${person.id}.json`}>
                  {t('organization.export')}
                </a>{' '}
                <ActionButton
                  onClick={async () => {
                    if (window.confirm(`${t('organization.erase')}: ${person.name}?`))
                      await erase.mutateAsync(person);
                  }}
                >
                  {t('organization.erase')}
                </ActionButton>
                <button type="button" onClick={() => setEditing(editing === person.id ? null : person.id)}>
                  {t('personForm.edit', { name: person.name })}
                </button>
                {editing === person.id && (
                  <PersonForm
                    key={person.version}
                    organizationId={organizationId}
                    person={person}
                    t={t}
                    onSaved={() => setEditing(null)}
                  />
                )}
                <History
                  t={t}
                  query={personHistory(person.id)}
                  title={t('personForm.history', { name: person.name ?? t('organization.erased') })}
                  collapsed
                />
              </>
            )}
          </li>
        ))}
      </ul>
      {props.canAdd && <PersonForm organizationId={organizationId} t={t} />}
    </section>
  );
}
